import type { Agent } from "../domain/agent.js";
import type { IndexLayout, RosterChange, RosterEntry } from "../domain/roster-reconciliation.js";

/** One page of the directory: its agents, and the token of the next page (none after the last). */
export interface DirectoryPage {
  readonly agents: readonly Agent[];
  readonly nextToken: string | undefined;
}

/**
 * Port: the directory (Connect's users), read one page at a time by the roster refresher, at
 * the pace it chooses. A page that cannot be read (throttled, failed) rejects.
 */
export interface DirectoryPages {
  /** The page after `nextToken`, or the first one. */
  page(nextToken: string | undefined): Promise<DirectoryPage>;
}

/** A directory listing in progress, spread over several refresher runs. */
export interface RosterRefreshInProgress {
  /** When it started (epoch ms); it names the refresh. */
  readonly startedAt: number;
  /** Pages stored so far. */
  readonly pages: number;
  /** Where the listing continues. */
  readonly nextToken: string;
}

/** Where the refresher stands. */
export interface RosterRefreshProgress {
  /** When the last complete refresh finished (epoch ms); absent before the first. */
  readonly completedAt?: number;
  /** The listing in progress, when a run could not read the whole directory. */
  readonly current?: RosterRefreshInProgress;
}

/** What applying roster changes came to. */
export interface RosterApplySummary {
  readonly applied: number;
  /** Changes whose condition failed: the stream's consumer wrote the entry in between. */
  readonly skipped: number;
}

/**
 * Port: the shared roster as the refresher sees it — its progress, the listing pages of a
 * refresh that spans runs, every stored entry, and the writes that reconcile them.
 */
export interface SharedRoster {
  progress(): Promise<RosterRefreshProgress>;
  /**
   * Stores `pages` of the listing started at `refresh.startedAt` after the `refresh.pages`
   * already stored, and where the listing continues. Rejects when another run moved the
   * refresh on in between.
   */
  savePages(
    refresh: { readonly startedAt: number; readonly pages: number },
    pages: readonly (readonly Agent[])[],
    nextToken: string,
  ): Promise<void>;
  /** The agents of the first `refresh.pages` pages stored for `refresh.startedAt`. */
  storedListing(refresh: {
    readonly startedAt: number;
    readonly pages: number;
  }): Promise<readonly Agent[]>;
  /** Every stored agent entry. */
  entries(): Promise<readonly RosterEntry[]>;
  /** The index the stream's consumer keeps, or `undefined` before it has run. */
  layout(): Promise<IndexLayout | undefined>;
  apply(changes: readonly RosterChange[]): Promise<RosterApplySummary>;
  /** Records a complete refresh (started at `startedAt`, `agents` listed) as of `at`. */
  complete(startedAt: number, agents: number, at: number): Promise<void>;
}
