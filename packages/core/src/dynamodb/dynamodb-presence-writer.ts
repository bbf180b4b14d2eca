import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { sdkCallOptions } from "../aws/sdk-call-options.js";
import { type Channel, channels } from "../domain/agent.js";
import { defaultIndexShards, isShardCount, shardOf } from "../domain/agent-index-layout.js";
import type { AgentPresenceState } from "../domain/agent-presence-state.js";
import { InvalidOptionError } from "../domain/errors.js";
import { beyondClockSkew, clockSkewAllowanceMs } from "../domain/event-time.js";
import {
  integerIn,
  nonBlankString,
  optionObject,
  rejectUnknownKeys,
  withMethods,
} from "../options/option-checks.js";
import type { CallOptions } from "../ports/call-options.js";
import { type Clock, systemClock } from "../ports/clock.js";
import { presenceSignature, slotsAttribute } from "./presence-item.js";
import {
  availableShardAttribute,
  isTableItemKey,
  presenceWatermarkKey,
  readySinceAttribute,
} from "./presence-table-definition.js";

/** Options of `DynamoDbPresenceWriter`. */
export interface DynamoDbPresenceWriterOptions {
  readonly client: DynamoDBClient;
  /** The table created from `presenceTableDefinition`. */
  readonly tableName: string;
  /** How long an agent's item outlives their last write (s). Default 86,400 (a day). */
  readonly ttlSeconds?: number;
  /** Writes in flight at once. Default 16. */
  readonly concurrency?: number;
  /**
   * Shards of each channel's index of agents who can take a contact, 1–16. Default 4. Readers
   * learn it from the watermark item, so only the writer is configured.
   */
  readonly shards?: number;
  /**
   * The channels whose index the writer keeps. Default `["VOICE"]`: an omnichannel agent in
   * every index would cost an index write per channel at each change, for channels no flow
   * routes through this library.
   */
  readonly channels?: readonly Channel[];
  /**
   * How often an agent whose events change nothing routing reads (heartbeats, a contact moving
   * to after-contact work) is written anyway, in seconds: to keep the item's time to live ahead
   * and its `eventAt` within readers' bound, and to repair an item that disagrees with the
   * stream. 60–86,400, default 1,800.
   */
  readonly refreshSeconds?: number;
  /**
   * Reads "now" to judge whether a router's reservation has expired, to refuse states from the
   * future and to replace stored ones that are (beyond `clockSkewAllowanceMs`). Default the
   * wall clock.
   */
  readonly clock?: Clock;
}

const optionNames: Readonly<Record<keyof DynamoDbPresenceWriterOptions, true>> = {
  client: true,
  tableName: true,
  ttlSeconds: true,
  concurrency: true,
  shards: true,
  channels: true,
  refreshSeconds: true,
  clock: true,
};

/** What `writeAll` did. */
export interface PresenceWriteSummary {
  /** Items written in full (presence changed, or an item repaired). */
  readonly written: number;
  /** Items whose routing facts were unchanged and only had their times refreshed. */
  readonly refreshed: number;
  /** States not written: unchanged and refreshed recently by this writer. */
  readonly skipped: number;
  /** States older than the stored item, so not written. */
  readonly superseded: number;
  /**
   * States not written at all: dated beyond the clock-skew allowance, or naming one of the
   * table's own items (the watermark's key) as an agent. The stream's parser refuses both
   * first; this is the writer's own guard.
   */
  readonly refused: number;
}

/** What writing one state came to. */
export type PresenceWriteOutcome = "written" | "refreshed" | "skipped" | "superseded" | "refused";

/** The writer's memory of its last write per agent: what it wrote, as of which event. */
interface WrittenState {
  readonly signature: string;
  readonly eventAt: number;
}

/** The most agents the writer remembers before it starts afresh (a few MB). */
const maxRemembered = 200_000;

/**
 * Writes agent presence states (from `reduceAgentEvents`) into the presence table: the writer
 * behind the agent-event-stream consumer Lambda. It keeps each agent's presence, their place in
 * the directory (`listed`), and the index of agents who can take a contact, at the least write
 * cost the stream allows.
 *
 * - A state whose events changed what routing reads (`routingChange`) is written in full: one
 *   `UpdateItem` on condition `eventAt <= :eventAt`, so an older event (a Kinesis retry, a
 *   replayed shard) never overwrites a newer state. It sets, for each indexed channel, the
 *   agent's shard in `avail<CHANNEL>` when they can take a contact on it (listed, routable, a
 *   free slot) and removes it otherwise; `readySince` orders the index (the idle time when idle).
 *   It does not put back an agent a router reserved during the same free spell: the write is
 *   conditional on that too, and repeated without the index key when the condition fails.
 * - A state that changed nothing routing reads (a heartbeat; a `STATE_CHANGE` whose previous
 *   snapshot routes the same) is skipped when this writer wrote the same facts for the agent
 *   less than `refreshSeconds` ago. Otherwise only its times are refreshed, on condition that
 *   the stored routing facts (`stateSig`) are the same, so the index is never written; when they
 *   differ (an item from an older release, or one that missed an event) the state is written in
 *   full. Skipping is safe whichever container wrote last: such a state describes the agent as
 *   the last event did, and the last event was written.
 * - `writeAll` then advances the stream watermark (`presenceWatermarkKey`), which also tells
 *   readers the index's shards and channels. When a write fails, the others finish, the error
 *   is rethrown (the Lambda fails the batch; Kinesis retries) and the watermark stays put.
 *
 * Time from the future never counts: a state dated beyond `clockSkewAllowanceMs` is refused, and a
 * stored item (or watermark) that is from the future, which an earlier release could have let in,
 * is replaced by the next real state instead of superseding it forever. An event can never
 * address the table's own items: a state whose agent ID starts with `#` is refused.
 *
 * @example
 * ```ts
 * import { reduceAgentEvents } from "@connect-affinity/core/agent-events";
 * import { createDynamoDbClient, DynamoDbPresenceWriter } from "@connect-affinity/core/dynamodb";
 *
 * const client = createDynamoDbClient();
 * const writer = new DynamoDbPresenceWriter({ client, tableName: process.env.PRESENCE_TABLE ?? "" });
 * await writer.writeAll(reduceAgentEvents(events));
 * ```
 */
export class DynamoDbPresenceWriter {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;
  private readonly ttlSeconds: number;
  private readonly concurrency: number;
  private readonly shards: number;
  private readonly channels: readonly Channel[];
  private readonly refreshMs: number;
  private readonly clock: Clock;
  private readonly written = new Map<string, WrittenState>();

  /** @throws {InvalidOptionError} naming an option that is unknown, missing or out of range. */
  constructor(options: DynamoDbPresenceWriterOptions) {
    rejectUnknownKeys(optionObject("options", options), Object.keys(optionNames));
    this.client = withMethods("client", options.client, ["send"]);
    this.tableName = nonBlankString("tableName", options.tableName);
    this.ttlSeconds = integerIn(
      "ttlSeconds",
      options.ttlSeconds ?? 86_400,
      1,
      Number.MAX_SAFE_INTEGER,
    );
    this.concurrency = integerIn("concurrency", options.concurrency ?? 16, 1, 1_000);
    const shards = options.shards ?? defaultIndexShards;
    if (!isShardCount(shards)) {
      throw new InvalidOptionError("shards", `must be a whole number from 1 to 16, got ${shards}`);
    }
    this.shards = shards;
    this.channels = channelsOf(options.channels ?? ["VOICE"]);
    this.refreshMs =
      integerIn("refreshSeconds", options.refreshSeconds ?? 1_800, 60, 86_400) * 1000;
    this.clock = withMethods("clock", options.clock ?? systemClock, ["now"]);
  }

  /**
   * Writes one state (see the class): `written` in full, `refreshed` (times only), `skipped`,
   * `superseded` when the table holds a newer event, or `refused` for a state from the future
   * or one naming the table's own items. Other errors propagate, so the consumer fails the
   * batch and Kinesis redelivers it.
   */
  async write(state: AgentPresenceState, options?: CallOptions): Promise<PresenceWriteOutcome> {
    const now = this.clock.now();
    if (isTableItemKey(state.agentId) || beyondClockSkew(state.eventAt, now) > 0) {
      return "refused";
    }
    const signature = presenceSignature(state);
    if (!state.routingChange) {
      const last = this.written.get(state.agentId);
      if (
        last !== undefined &&
        last.signature === signature &&
        state.eventAt >= last.eventAt &&
        state.eventAt - last.eventAt < this.refreshMs
      ) {
        return "skipped";
      }
      const refreshed = await this.refresh(state, signature, now, options);
      if (refreshed !== "mismatch") return refreshed;
    }
    return this.writeInFull(state, signature, now, options);
  }

  /**
   * Writes every state (at most `concurrency` at once), then advances the watermark to the
   * newest event time among them. If any write fails, the others still finish and the first
   * error is thrown afterwards; the watermark is not advanced, so readers notice a stuck
   * consumer.
   */
  async writeAll(
    states: readonly AgentPresenceState[],
    options?: CallOptions,
  ): Promise<PresenceWriteSummary> {
    const counts = { written: 0, refreshed: 0, skipped: 0, superseded: 0, refused: 0 };
    // The newest event among the states not refused: how far the stream has been read.
    let newest: number | undefined;
    const failures: unknown[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < states.length) {
        const state = states[next];
        next += 1;
        if (state === undefined) continue;
        try {
          const outcome = await this.write(state, options);
          counts[outcome] += 1;
          if (outcome !== "refused") {
            newest = newest === undefined ? state.eventAt : Math.max(newest, state.eventAt);
          }
        } catch (error) {
          failures.push(error);
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.concurrency, states.length) }, () => worker()),
    );
    if (failures.length > 0) {
      throw failures[0];
    }
    if (newest !== undefined) {
      await this.advanceWatermark(newest, options);
    }
    return counts;
  }

  /**
   * Moves the watermark forward to `eventAt` (never back, except from a watermark from the
   * future, which it replaces), and records the index's shards and channels beside it for the
   * readers. An `eventAt` from the future is not written.
   */
  async advanceWatermark(eventAt: number, options?: CallOptions): Promise<void> {
    const now = this.clock.now();
    if (beyondClockSkew(eventAt, now) > 0) return;
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { agentId: { S: presenceWatermarkKey } },
          UpdateExpression: "SET eventAt = :eventAt, shards = :shards, indexedChannels = :channels",
          ConditionExpression:
            "attribute_not_exists(eventAt) OR eventAt < :eventAt OR eventAt > :future",
          ExpressionAttributeValues: {
            ":eventAt": { N: String(eventAt) },
            ":future": { N: String(now + clockSkewAllowanceMs) },
            ":shards": { N: String(this.shards) },
            ":channels": { S: this.channels.join(",") },
          },
        }),
        sdkCallOptions(options),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) {
        throw error;
      }
    }
  }

  /** Refreshes the times of an agent whose stored routing facts are `signature`. */
  private async refresh(
    state: AgentPresenceState,
    signature: string,
    now: number,
    options: CallOptions | undefined,
  ): Promise<"refreshed" | "superseded" | "mismatch"> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { agentId: { S: state.agentId } },
          UpdateExpression:
            "SET eventAt = :eventAt, eventType = :eventType, expiresAt = :expiresAt",
          ConditionExpression: "stateSig = :sig AND eventAt <= :eventAt",
          ExpressionAttributeValues: {
            ":eventAt": { N: String(state.eventAt) },
            ":eventType": { S: state.eventType },
            ":expiresAt": { N: String(this.expiresAt(state)) },
            ":sig": { S: signature },
          },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
        sdkCallOptions(options),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stored = await this.storedItem(state.agentId, error, options);
      // A stored time from the future is a mismatch: the full write replaces it.
      return storedIsNewer(stored, state, now) ? "superseded" : "mismatch";
    }
    this.remember(state, signature);
    return "refreshed";
  }

  /**
   * The full write. When it would put the agent in an index while a router holds them (the
   * condition's second half fails), it is made again without the index keys.
   */
  private async writeInFull(
    state: AgentPresenceState,
    signature: string,
    now: number,
    options: CallOptions | undefined,
  ): Promise<"written" | "superseded"> {
    const indexed = this.freeChannels(state);
    try {
      await this.client.send(
        this.fullUpdate(state, signature, indexed, now),
        sdkCallOptions(options),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stored = await this.storedItem(state.agentId, error, options);
      // Only the hold can have failed when the item is not newer; without an index key there
      // is no hold in the condition, so the stored time is unreadable: leave the item alone
      // rather than fail the batch for ever.
      if (storedIsNewer(stored, state, now) || indexed.length === 0) return "superseded";
      try {
        await this.client.send(this.fullUpdate(state, signature, [], now), sdkCallOptions(options));
      } catch (retryError) {
        if (retryError instanceof ConditionalCheckFailedException) return "superseded";
        throw retryError;
      }
    }
    this.remember(state, signature);
    return "written";
  }

  private fullUpdate(
    state: AgentPresenceState,
    signature: string,
    indexed: readonly Channel[],
    now: number,
  ): UpdateItemCommand {
    const set = [
      // The index projects agentArn: set once, never rewritten, so no write touches the index
      // through it.
      "agentArn = if_not_exists(agentArn, :agentArn)",
      "routable = :routable",
      "slots = :slots",
      "eventType = :eventType",
      "eventAt = :eventAt",
      "expiresAt = :expiresAt",
      "stateSig = :sig",
    ];
    const remove: string[] = [];
    const values: Record<string, AttributeValue> = {
      ":agentArn": { S: state.agentArn },
      ":routable": { BOOL: state.routable },
      ":slots": { M: slotsAttribute(state.availableSlots) },
      ":eventType": { S: state.eventType },
      ":eventAt": { N: String(state.eventAt) },
      ":expiresAt": { N: String(this.expiresAt(state)) },
      ":sig": { S: signature },
      ":future": { N: String(now + clockSkewAllowanceMs) },
    };
    if (state.listed !== undefined) {
      set.push("listed = :listed");
      values[":listed"] = { BOOL: state.listed };
    }
    if (state.statusName === undefined) {
      remove.push("statusName");
    } else {
      set.push("statusName = :statusName");
      values[":statusName"] = { S: state.statusName };
    }
    if (state.idle === undefined) {
      remove.push("idleSince");
    } else {
      set.push(
        state.idle.basis === "observed"
          ? "idleSince = :idleSince"
          : "idleSince = if_not_exists(idleSince, :idleSince)",
      );
      values[":idleSince"] = { N: String(state.idle.since) };
    }
    const ready = readySince(state);
    if (ready === undefined) {
      remove.push(readySinceAttribute);
    } else {
      set.push(
        ready.exact
          ? `${readySinceAttribute} = :ready`
          : `${readySinceAttribute} = if_not_exists(${readySinceAttribute}, :ready)`,
      );
      values[":ready"] = { N: String(ready.since) };
    }
    for (const channel of this.channels) {
      const attribute = availableShardAttribute(channel);
      if (indexed.includes(channel)) {
        set.push(`${attribute} = :shard`);
        values[":shard"] = { S: String(shardOf(state.agentId, this.shards)) };
      } else {
        remove.push(attribute);
      }
    }
    // No eventAt: a new item, or one the roster refresher created before the stream saw the
    // agent. A stored event from the future is replaced, never left to supersede real ones.
    let condition = "(attribute_not_exists(eventAt) OR eventAt <= :eventAt OR eventAt > :future)";
    if (indexed.length > 0 && ready !== undefined) {
      // Not while a router holds them for this free spell: held since before it began (they
      // have served that contact), or expired, is no hold.
      condition +=
        " AND (attribute_not_exists(reservedUntil) OR reservedUntil < :now OR reservedAt < :ready)";
      values[":now"] = { N: String(now) };
    }
    return new UpdateItemCommand({
      TableName: this.tableName,
      Key: { agentId: { S: state.agentId } },
      UpdateExpression: `SET ${set.join(", ")}${remove.length > 0 ? ` REMOVE ${remove.join(", ")}` : ""}`,
      ConditionExpression: condition,
      ExpressionAttributeValues: values,
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    });
  }

  /** The indexed channels the agent can take a contact on: listed, routable, a free slot. */
  private freeChannels(state: AgentPresenceState): Channel[] {
    if (!state.routable || state.listed === false) return [];
    return this.channels.filter((channel) => (state.availableSlots[channel] ?? 0) > 0);
  }

  /**
   * The item a failed conditional write saw: DynamoDB returns it with
   * `ReturnValuesOnConditionCheckFailure`; endpoints that do not (dynalite) are asked once.
   */
  private async storedItem(
    agentId: string,
    error: ConditionalCheckFailedException,
    options: CallOptions | undefined,
  ): Promise<Record<string, AttributeValue> | undefined> {
    if (error.Item !== undefined) return error.Item;
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { agentId: { S: agentId } },
        ConsistentRead: true,
        ProjectionExpression: "eventAt",
      }),
      sdkCallOptions(options),
    );
    return Item;
  }

  private expiresAt(state: AgentPresenceState): number {
    return Math.floor(state.eventAt / 1000) + this.ttlSeconds;
  }

  private remember(state: AgentPresenceState, signature: string): void {
    if (this.written.size >= maxRemembered) this.written.clear();
    this.written.set(state.agentId, { signature, eventAt: state.eventAt });
  }
}

/**
 * Since when the agent has been able to take a contact, when they can: their idle time when
 * idle (`exact` when the events saw them become idle), otherwise the event's time, kept if an
 * earlier write of the same free spell stored one.
 */
function readySince(
  state: AgentPresenceState,
): { readonly since: number; readonly exact: boolean } | undefined {
  if (!state.routable || !channels.some((channel) => (state.availableSlots[channel] ?? 0) > 0)) {
    return undefined;
  }
  if (state.idle !== undefined) {
    return { since: state.idle.since, exact: state.idle.basis === "observed" };
  }
  return { since: state.eventAt, exact: false };
}

/**
 * Whether the stored item holds a newer event than `state`: one not from the future (beyond the
 * clock-skew allowance), which never counts.
 */
function storedIsNewer(
  item: Record<string, AttributeValue> | undefined,
  state: AgentPresenceState,
  now: number,
): boolean {
  const stored = storedEventAt(item);
  return stored > state.eventAt && beyondClockSkew(stored, now) === 0;
}

function storedEventAt(item: Record<string, AttributeValue> | undefined): number {
  const { eventAt } = item ?? {};
  const value = Number(eventAt?.N);
  return Number.isFinite(value) ? value : Number.NEGATIVE_INFINITY;
}

function channelsOf(value: unknown): readonly Channel[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((channel) => (channels as readonly unknown[]).includes(channel))
  ) {
    throw new InvalidOptionError(
      "channels",
      `must be a non-empty list of ${channels.join(", ")}, got ${JSON.stringify(value)}`,
    );
  }
  return [...new Set(value as Channel[])];
}
