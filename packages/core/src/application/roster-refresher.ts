import type { Agent } from "../domain/agent.js";
import { createAgentRoster } from "../domain/agent-roster.js";
import { InvalidOptionError } from "../domain/errors.js";
import { type RosterChange, reconcileRoster } from "../domain/roster-reconciliation.js";
import {
  integerIn,
  numberIn,
  optionObject,
  rejectUnknownKeys,
  withMethods,
} from "../options/option-checks.js";
import type { Clock } from "../ports/clock.js";
import type { DirectoryPages, SharedRoster } from "../ports/shared-roster.js";

/** The ports a {@link RosterRefresher} works through. */
export interface RosterRefresherDeps {
  /** The directory, a page at a time (Connect's `ListUsers` / `SearchUsers`). */
  readonly pages: DirectoryPages;
  /** The shared roster (the presence table). */
  readonly roster: SharedRoster;
  readonly clock: Clock;
  /** Waits between two directory requests; inject a fake in tests. */
  readonly sleep: (ms: number) => Promise<void>;
}

/** How a {@link RosterRefresher} paces itself. Every option has a default. */
export interface RosterRefresherOptions {
  /** Minutes from one complete refresh to the start of the next: 1–1,440, default 15. */
  readonly intervalMinutes?: number;
  /** Directory requests one run makes at most: 1–100, default 20. */
  readonly maxPagesPerRun?: number;
  /**
   * The least time between two directory requests of a run, in ms: 0–60,000, default 1,000
   * (at most one request a second, half of Connect's default `ListUsers` rate of 2 a second).
   */
  readonly requestSpacingMs?: number;
  /**
   * The largest share of the listed agents one refresh may unlist: 0–1, default 0.5. A listing
   * that would remove more (a wrong filter, a directory answering nothing) unlists nobody and
   * says so in the summary: a mass removal would send every contact to the fallback queue.
   */
  readonly maxUnlistFraction?: number;
  /**
   * Seconds after a reservation expired that an agent it took out of the index is put back,
   * when their own events have not: 0–3,600, default 60.
   */
  readonly reservationGraceSeconds?: number;
}

/** What one run of a {@link RosterRefresher} did. */
export type RosterRunSummary =
  | {
      /** The last refresh completed less than the interval ago; nothing was read. */
      readonly outcome: "not-due";
      readonly nextAt: number;
    }
  | {
      /** The run read its share of pages and stored them; a later run continues. */
      readonly outcome: "in-progress";
      readonly pagesRead: number;
      readonly pagesStored: number;
    }
  | {
      /** A directory request failed (throttled: the account's quota is spent elsewhere). */
      readonly outcome: "interrupted";
      readonly pagesRead: number;
      readonly reason: "throttled" | "failed";
      readonly detail: string;
    }
  | {
      readonly outcome: "completed";
      readonly pagesRead: number;
      /** Agents in the directory. */
      readonly agents: number;
      readonly added: number;
      readonly unlisted: number;
      readonly reindexed: number;
      /** Changes skipped because the stream's consumer wrote the entry in between. */
      readonly skipped: number;
      /**
       * Why unlisting was held back: the directory answered nobody, or would have removed more
       * than `maxUnlistFraction` of the listed agents.
       */
      readonly warning?: "empty-directory" | "too-many-removals";
      /** Unlistings held back by the warning. */
      readonly withheld: number;
    };

/** The defaults of {@link RosterRefresherOptions}. */
export const rosterRefresherDefaults = Object.freeze({
  intervalMinutes: 15,
  maxPagesPerRun: 20,
  requestSpacingMs: 1_000,
  maxUnlistFraction: 0.5,
  reservationGraceSeconds: 60,
} as const);

const optionNames: Readonly<Record<keyof RosterRefresherOptions, true>> = {
  intervalMinutes: true,
  maxPagesPerRun: true,
  requestSpacingMs: true,
  maxUnlistFraction: true,
  reservationGraceSeconds: true,
};

/**
 * The slow side of the shared roster: reads the directory (Connect's users, filtered like the
 * routers' directory) within a stated share of Connect's API quota, and reconciles the
 * roster the agent event stream keeps with it — agents the stream has not seen are added,
 * users deleted or filtered out are unlisted, and the index keys of agents whose own events
 * have not put them right (a reservation that never reached them, a changed shard count) are
 * repaired.
 *
 * Meant to run on a schedule (every minute): a run that finds the last refresh younger than
 * `intervalMinutes` reads nothing. Otherwise it reads at most `maxPagesPerRun` pages, at least
 * `requestSpacingMs` apart; a directory larger than that is listed over several runs, the pages
 * stored in the roster between them. Only a complete listing is reconciled, so an interrupted
 * one never unlists anybody.
 *
 * Its Connect cost: ⌈users / 1,000⌉ `ListUsers` calls (⌈users / 500⌉ `SearchUsers` with a
 * filter) per refresh, at most one a second with the defaults: 20 calls every 15 minutes for
 * 20,000 agents.
 *
 * @example
 * ```ts
 * import { RosterRefresher, systemClock } from "@connect-affinity/core";
 *
 * const refresher = new RosterRefresher({ pages, roster, clock: systemClock, sleep });
 * const summary = await refresher.run({ stopReadingAt: Date.now() + 30_000 });
 * ```
 */
export class RosterRefresher {
  readonly #deps: RosterRefresherDeps;
  readonly #intervalMs: number;
  readonly #maxPagesPerRun: number;
  readonly #spacingMs: number;
  readonly #maxUnlistFraction: number;
  readonly #graceMs: number;

  /** @throws {InvalidOptionError} naming a dependency or option it cannot use. */
  constructor(deps: RosterRefresherDeps, options: RosterRefresherOptions = {}) {
    optionObject("deps", deps);
    withMethods("pages", deps.pages, ["page"]);
    withMethods("roster", deps.roster, [
      "progress",
      "savePages",
      "storedListing",
      "entries",
      "layout",
      "apply",
      "complete",
    ]);
    withMethods("clock", deps.clock, ["now"]);
    if (typeof deps.sleep !== "function") {
      throw new InvalidOptionError("sleep", "must be a function");
    }
    this.#deps = deps;
    const given = optionObject("options", options);
    rejectUnknownKeys(given, Object.keys(optionNames));
    const defaults = rosterRefresherDefaults;
    this.#intervalMs =
      integerIn("intervalMinutes", options.intervalMinutes ?? defaults.intervalMinutes, 1, 1_440) *
      60_000;
    this.#maxPagesPerRun = integerIn(
      "maxPagesPerRun",
      options.maxPagesPerRun ?? defaults.maxPagesPerRun,
      1,
      100,
    );
    this.#spacingMs = integerIn(
      "requestSpacingMs",
      options.requestSpacingMs ?? defaults.requestSpacingMs,
      0,
      60_000,
    );
    this.#maxUnlistFraction = numberIn(
      "maxUnlistFraction",
      options.maxUnlistFraction ?? defaults.maxUnlistFraction,
      0,
      1,
    );
    this.#graceMs =
      integerIn(
        "reservationGraceSeconds",
        options.reservationGraceSeconds ?? defaults.reservationGraceSeconds,
        0,
        3_600,
      ) * 1000;
  }

  /**
   * One run: nothing when the last refresh is recent; otherwise the next pages of the listing,
   * and the reconciliation once the listing is complete.
   *
   * @param budget - `stopReadingAt` (epoch ms on the refresher's clock): no directory request
   *   starts after it, so the run ends within its Lambda timeout with time left to reconcile.
   * @throws whatever the roster's reads and writes throw (the run is retried on the next tick).
   */
  async run(budget: { readonly stopReadingAt?: number } = {}): Promise<RosterRunSummary> {
    const { pages, roster, clock, sleep } = this.#deps;
    const progress = await roster.progress();
    const now = clock.now();
    if (
      progress.current === undefined &&
      progress.completedAt !== undefined &&
      now - progress.completedAt < this.#intervalMs
    ) {
      return { outcome: "not-due", nextAt: progress.completedAt + this.#intervalMs };
    }
    const refresh = progress.current ?? { startedAt: now, pages: 0, nextToken: undefined };
    const read: (readonly Agent[])[] = [];
    let nextToken: string | undefined = refresh.nextToken;
    let finished = false;
    while (!finished) {
      const stop = budget.stopReadingAt;
      if (read.length >= this.#maxPagesPerRun || (stop !== undefined && clock.now() >= stop)) {
        break;
      }
      if (read.length > 0 && this.#spacingMs > 0) await sleep(this.#spacingMs);
      try {
        const page = await pages.page(nextToken);
        read.push(page.agents);
        nextToken = page.nextToken;
        finished = nextToken === undefined;
      } catch (error) {
        await this.#keep(refresh, read, nextToken);
        return {
          outcome: "interrupted",
          pagesRead: read.length,
          reason: isThrottle(error) ? "throttled" : "failed",
          detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        };
      }
    }
    if (!finished) {
      // Out of pages or time for this run: the next one continues after what was read.
      await this.#keep(refresh, read, nextToken);
      return {
        outcome: "in-progress",
        pagesRead: read.length,
        pagesStored: refresh.pages + read.length,
      };
    }
    const earlier = refresh.pages > 0 ? await roster.storedListing(refresh) : [];
    const directory = createAgentRoster([...earlier, ...read.flat()]).agents;
    return this.#reconcile(refresh.startedAt, directory, read.length);
  }

  /** Stores the pages this run read, so the next run continues after them. */
  async #keep(
    refresh: { readonly startedAt: number; readonly pages: number },
    read: readonly (readonly Agent[])[],
    nextToken: string | undefined,
  ): Promise<void> {
    if (read.length > 0 && nextToken !== undefined) {
      await this.#deps.roster.savePages(refresh, read, nextToken);
    }
  }

  async #reconcile(
    startedAt: number,
    directory: readonly Agent[],
    pagesRead: number,
  ): Promise<RosterRunSummary> {
    const { roster, clock } = this.#deps;
    const [entries, layout] = await Promise.all([roster.entries(), roster.layout()]);
    const changes = reconcileRoster({
      directory,
      entries,
      layout,
      now: clock.now(),
      reservationGraceMs: this.#graceMs,
    });
    const listed = entries.filter((entry) => entry.listed !== false).length;
    const unlists = changes.filter((change) => change.kind === "unlist").length;
    const warning =
      directory.length === 0 && listed > 0
        ? "empty-directory"
        : unlists > 0 && unlists > this.#maxUnlistFraction * listed
          ? "too-many-removals"
          : undefined;
    const applied: readonly RosterChange[] =
      warning === undefined ? changes : changes.filter((change) => change.kind !== "unlist");
    const { skipped } = await roster.apply(applied);
    await roster.complete(startedAt, directory.length, clock.now());
    const count = (kind: RosterChange["kind"]): number =>
      applied.filter((change) => change.kind === kind).length;
    return {
      outcome: "completed",
      pagesRead,
      agents: directory.length,
      added: count("add"),
      unlisted: count("unlist"),
      reindexed: count("reindex"),
      skipped,
      ...(warning === undefined ? {} : { warning }),
      withheld: warning === undefined ? 0 : unlists,
    };
  }
}

function isThrottle(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, $metadata } = error as {
    readonly name?: unknown;
    readonly $metadata?: { readonly httpStatusCode?: unknown };
  };
  return (
    name === "ThrottlingException" ||
    name === "TooManyRequestsException" ||
    $metadata?.httpStatusCode === 429
  );
}
