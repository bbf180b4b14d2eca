import { type Agent, type Channel, channels } from "./agent.js";
import type { AgentAvailability } from "./agent-availability.js";
import { shardOf } from "./agent-index-layout.js";

/** What reconciling the shared roster reads of one agent's stored entry. */
export interface RosterEntry {
  readonly agentId: string;
  /** `false`: unlisted; `undefined`: never said (an entry from an older release). */
  readonly listed?: boolean;
  /** The stored presence and reservation; absent when the stream never saw the agent. */
  readonly availability?: AgentAvailability;
  /** The index sort key, when stored. */
  readonly readySince?: number;
  /** The shard the entry is indexed under, per channel. */
  readonly indexed: Readonly<Partial<Record<Channel, string>>>;
  /** The stored routing facts' signature (`stateSig`), when stored. */
  readonly signature?: string;
}

/** The shape of the index the stream's consumer keeps. */
export interface IndexLayout {
  readonly shards: number;
  readonly channels: readonly Channel[];
}

/**
 * One change that brings the stored roster in line with the directory.
 *
 * - `add`: a directory agent with no entry: store them as listed (no presence: the stream has
 *   not seen them, so they are not offered until it does).
 * - `unlist`: an entry for a user no longer in the directory (deleted, or no longer matching
 *   the filter): mark it unlisted and take it out of every index.
 * - `reindex`: an entry to mark listed again (`relist`) and/or whose index keys disagree with
 *   its presence: put it in the `index` entries' shards, take it out of the `drop` channels, and
 *   store `readySince` when it has none. Applied only while the entry's `signature` is the
 *   stored one, so a consumer write in between wins.
 */
export type RosterChange =
  | { readonly kind: "add"; readonly agent: Agent }
  | { readonly kind: "unlist"; readonly agentId: string }
  | {
      readonly kind: "reindex";
      readonly agentId: string;
      readonly relist: boolean;
      readonly index: readonly { readonly channel: Channel; readonly shard: string }[];
      readonly drop: readonly Channel[];
      readonly readySince?: number;
      readonly signature: string | undefined;
    };

/** What {@link reconcileRoster} compares. */
export interface RosterReconciliationInput {
  /** Every agent of the directory: a complete listing. */
  readonly directory: readonly Agent[];
  /** Every stored agent entry. */
  readonly entries: readonly RosterEntry[];
  /** The index the consumer keeps, or `undefined` when there is none yet (no index repairs). */
  readonly layout: IndexLayout | undefined;
  /** Epoch ms. */
  readonly now: number;
  /**
   * How long after a reservation expired an agent it took out of the index is put back (ms):
   * the reserved contact normally reaches the agent, whose next event puts them back; this
   * covers a contact that never did (the caller hung up before the transfer).
   */
  readonly reservationGraceMs: number;
}

/**
 * The changes that make the stored roster match a complete directory listing: agents to add,
 * entries to unlist, and entries whose index keys to repair (listed again, put back after a
 * reservation that never reached them, moved after the shard count changed, dropped from a
 * channel no longer indexed). Pure: the refresher reads both sides and applies the result.
 *
 * @example
 * ```ts
 * import { reconcileRoster } from "./roster-reconciliation.js";
 *
 * const changes = reconcileRoster({ directory, entries, layout, now, reservationGraceMs: 60_000 });
 * ```
 */
export function reconcileRoster(input: RosterReconciliationInput): readonly RosterChange[] {
  const listedIds = new Set(input.directory.map((agent) => agent.id));
  const stored = new Map(input.entries.map((entry) => [entry.agentId, entry]));
  const changes: RosterChange[] = [];
  for (const agent of input.directory) {
    if (!stored.has(agent.id)) changes.push({ kind: "add", agent });
  }
  for (const entry of input.entries) {
    if (!listedIds.has(entry.agentId)) {
      if (entry.listed !== false) changes.push({ kind: "unlist", agentId: entry.agentId });
      continue;
    }
    const repair = indexRepair(entry, input);
    if (repair !== undefined) changes.push(repair);
  }
  return changes;
}

function indexRepair(
  entry: RosterEntry,
  input: RosterReconciliationInput,
): RosterChange | undefined {
  const { layout } = input;
  const relist = entry.listed === false;
  const index: { channel: Channel; shard: string }[] = [];
  const drop: Channel[] = [];
  for (const channel of layout === undefined ? [] : channels) {
    const have = entry.indexed[channel];
    const want =
      layout?.channels.includes(channel) && canTake(entry, channel, input)
        ? String(shardOf(entry.agentId, layout.shards))
        : undefined;
    if (want !== undefined && have !== want) index.push({ channel, shard: want });
    if (want === undefined && have !== undefined) drop.push(channel);
  }
  if (!relist && index.length === 0 && drop.length === 0) return undefined;
  const readySince =
    index.length > 0 && entry.readySince === undefined
      ? (entry.availability?.idleSince ?? input.now)
      : undefined;
  return {
    kind: "reindex",
    agentId: entry.agentId,
    relist,
    index,
    drop,
    ...(readySince === undefined ? {} : { readySince }),
    signature: entry.signature,
  };
}

/** Routable with a free slot on `channel` and not held by a reservation (within the grace). */
function canTake(entry: RosterEntry, channel: Channel, input: RosterReconciliationInput): boolean {
  const availability = entry.availability;
  if (!availability?.routable) return false;
  if ((availability.availableSlots[channel] ?? 0) <= 0) return false;
  const { reservedUntil, reservedAt, idleSince } = availability;
  if (reservedUntil === undefined || reservedUntil + input.reservationGraceMs < input.now) {
    return true;
  }
  return reservedAt !== undefined && idleSince !== undefined && idleSince > reservedAt;
}
