import {
  type AttributeValue,
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { sdkCallOptions } from "../aws/sdk-call-options.js";
import type { AgentAvailability } from "../domain/agent-availability.js";
import { beyondClockSkew } from "../domain/event-time.js";
import {
  booleanOption,
  nonBlankString,
  numberIn,
  optionObject,
  positiveNumber,
  rejectUnknownKeys,
  withMethods,
} from "../options/option-checks.js";
import type {
  AgentPresence,
  PresenceLookup,
  ReservationOutcome,
  ReserveOptions,
} from "../ports/agent-presence.js";
import type { CallOptions } from "../ports/call-options.js";
import type { Clock } from "../ports/clock.js";
import { parsePresenceItem } from "./presence-item.js";
import { presenceWatermarkKey } from "./presence-table-definition.js";

/** Options of `DynamoDbAgentPresence`. */
export interface DynamoDbAgentPresenceOptions {
  readonly client: DynamoDBClient;
  /** The table the consumer writes (`presenceTableDefinition`). */
  readonly tableName: string;
  /** Reads "now" to judge freshness. */
  readonly clock: Clock;
  /**
   * How old a routable agent's item, or the stream watermark, may be before it counts as
   * unknown (ms). Default 180,000: Connect sends a heartbeat every 120 s when nothing else
   * happens, plus stream and consumer delay.
   */
  readonly maxAgeMs?: number;
  /**
   * The share of requested agents that may be unknown (stale routable item, unreadable item,
   * unprocessed key) before the whole lookup answers `unknown: stale`. Default 0.1.
   */
  readonly maxUnknownFraction?: number;
  /** Strongly consistent reads. Default `false` (half the cost; the stream lags more). */
  readonly consistentRead?: boolean;
}

/** What a `DynamoDbAgentPresence` has done since it was created. */
export interface DynamoDbPresenceStats {
  readonly batchGets: number;
  readonly unprocessedRetries: number;
  readonly staleLookups: number;
  readonly failures: number;
  /** `reserve` calls that wrote a reservation. */
  readonly reservations: number;
  /** `reserve` calls that found the agent held by another contact (or without an item). */
  readonly reservationsTaken: number;
}

const optionNames: Readonly<Record<keyof DynamoDbAgentPresenceOptions, true>> = {
  client: true,
  tableName: true,
  clock: true,
  maxAgeMs: true,
  maxUnknownFraction: true,
  consistentRead: true,
};

const keysPerBatch = 100;
const unprocessedRounds = 3;

/**
 * `AgentPresence` from the presence table the agent-event-stream consumer keeps: no Connect
 * API call per contact, one `BatchGetItem` per 100 candidates.
 *
 * - An agent with no item has never been seen by the stream: absent, so unavailable.
 * - A routable agent's item older than `maxAgeMs` counts as unknown: Connect sends heartbeats,
 *   so silence means the picture is out of date. A non-routable item is trusted at any age
 *   (logged-out agents stop sending heartbeats an hour after logout, by design).
 * - An item or a watermark dated beyond the clock-skew allowance (`clockSkewAllowanceMs`) is
 *   not trusted: from the future it would never go stale.
 * - When the stream watermark is missing or older than `maxAgeMs` (the consumer is stuck), or
 *   more than `maxUnknownFraction` of the agents are unknown, the lookup answers
 *   `{ kind: "unknown", reason: "stale" }` and the flow's own staffing check decides.
 * - Errors answer `unknown` too (`throttled` or `failed`): `lookup` never rejects.
 * - `reserve` is one conditional `UpdateItem` that sets `reservedUntil`, `reservedBy` and
 *   `reservedAt` on the agent's item, naming no other attribute (so IAM can restrict the routers
 *   to them, `presenceReservationAttributes`); the consumer's writes never touch them, so a
 *   reservation survives agent events until it expires.
 *
 * @example
 * ```ts
 * import { systemClock } from "@connect-affinity/core";
 * import { createDynamoDbClient, DynamoDbAgentPresence } from "@connect-affinity/core/dynamodb";
 *
 * const client = createDynamoDbClient();
 * const presence = new DynamoDbAgentPresence({ client, tableName: "presence", clock: systemClock });
 * const lookup = await presence.lookup(["u-1", "u-2"]);
 * ```
 */
export class DynamoDbAgentPresence implements AgentPresence {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;
  private readonly clock: Clock;
  private readonly maxAgeMs: number;
  private readonly maxUnknownFraction: number;
  private readonly consistentRead: boolean;
  private counters = {
    batchGets: 0,
    unprocessedRetries: 0,
    staleLookups: 0,
    failures: 0,
    reservations: 0,
    reservationsTaken: 0,
  };

  /** @throws {InvalidOptionError} naming an option that is unknown, missing or out of range. */
  constructor(options: DynamoDbAgentPresenceOptions) {
    rejectUnknownKeys(optionObject("options", options), Object.keys(optionNames));
    this.client = withMethods("client", options.client, ["send"]);
    this.tableName = nonBlankString("tableName", options.tableName);
    this.clock = withMethods("clock", options.clock, ["now"]);
    this.maxAgeMs = positiveNumber("maxAgeMs", options.maxAgeMs ?? 180_000);
    this.maxUnknownFraction = numberIn(
      "maxUnknownFraction",
      options.maxUnknownFraction ?? 0.1,
      0,
      1,
    );
    this.consistentRead =
      options.consistentRead === undefined
        ? false
        : booleanOption("consistentRead", options.consistentRead);
  }

  async lookup(agentIds: readonly string[], options?: CallOptions): Promise<PresenceLookup> {
    const wanted = [...new Set(agentIds)].filter((id) => id !== presenceWatermarkKey);
    let items: Map<string, Record<string, AttributeValue>>;
    let unprocessed: number;
    try {
      ({ items, unprocessed } = await this.readItems([presenceWatermarkKey, ...wanted], options));
    } catch (error) {
      this.counters.failures += 1;
      return {
        kind: "unknown",
        reason: isThrottling(error) ? "throttled" : "failed",
        detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      };
    }
    const now = this.clock.now();
    const watermark = parsePresenceWatermark(items.get(presenceWatermarkKey));
    // A watermark from the future (beyond the clock-skew allowance) would look fresh forever.
    if (
      watermark === undefined ||
      now - watermark > this.maxAgeMs ||
      beyondClockSkew(watermark, now) > 0
    ) {
      this.counters.staleLookups += 1;
      return {
        kind: "unknown",
        reason: "stale",
        detail:
          watermark === undefined
            ? "the agent event stream has not been read yet"
            : now < watermark
              ? "the agent event stream's watermark is in the future"
              : `the agent event stream was last read ${now - watermark} ms ago`,
      };
    }
    const agents = new Map<string, AgentAvailability>();
    let unknown = unprocessed;
    let oldest = now;
    for (const id of wanted) {
      const item = items.get(id);
      if (item === undefined) continue;
      const stored = parsePresenceItem(item);
      if (stored === undefined) {
        unknown += 1;
        continue;
      }
      // An item from the future is not trusted at any age: it would never go stale.
      if (
        beyondClockSkew(stored.eventAt, now) > 0 ||
        (stored.availability.routable && now - stored.eventAt > this.maxAgeMs)
      ) {
        unknown += 1;
        continue;
      }
      agents.set(id, stored.availability);
      oldest = Math.min(oldest, stored.eventAt);
    }
    if (wanted.length > 0 && unknown / wanted.length > this.maxUnknownFraction) {
      this.counters.staleLookups += 1;
      return {
        kind: "unknown",
        reason: "stale",
        detail: `${unknown} of ${wanted.length} agents have no fresh presence`,
      };
    }
    return { kind: "known", agents, observedAt: oldest };
  }

  /**
   * Holds the agent for `contactId` until `untilMs` (epoch ms): `reserved`, or `taken` when
   * another contact's reservation has not expired by this presence's clock, or the agent has no
   * item (the stream has never seen them). Other errors reject; the router then offers the
   * agent unreserved.
   */
  async reserve(
    agentId: string,
    contactId: string,
    untilMs: number,
    options?: ReserveOptions,
  ): Promise<ReservationOutcome> {
    if (agentId === presenceWatermarkKey) return "taken";
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { agentId: { S: agentId } },
          UpdateExpression: "SET reservedUntil = :until, reservedBy = :contact, reservedAt = :now",
          // Names only the reservation's attributes (`presenceReservationAttributes`), so the
          // routers' role may write nothing else. A reservation made before the idle period the
          // lookup saw (:idleSince) has been served already.
          ConditionExpression:
            "attribute_exists(agentId) AND (attribute_not_exists(reservedUntil) OR reservedUntil < :now OR reservedBy = :contact OR reservedAt < :idleSince)",
          ExpressionAttributeValues: {
            ":until": { N: String(untilMs) },
            ":contact": { S: contactId },
            ":now": { N: String(this.clock.now()) },
            ":idleSince": { N: String(options?.idleSince ?? 0) },
          },
        }),
        sdkCallOptions(options),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        this.counters.reservationsTaken += 1;
        return "taken";
      }
      throw error;
    }
    this.counters.reservations += 1;
    return "reserved";
  }

  /** Counters since construction. */
  stats(): DynamoDbPresenceStats {
    return { ...this.counters };
  }

  /**
   * Reads the keys in batches of 100 (in parallel: DynamoDB's limits are far above ours), and
   * retries keys DynamoDB left unprocessed a few times with a short back-off. Keys still
   * unprocessed after that are counted, not fatal.
   */
  private async readItems(
    keys: readonly string[],
    options: CallOptions | undefined,
  ): Promise<{
    items: Map<string, Record<string, AttributeValue>>;
    unprocessed: number;
  }> {
    const items = new Map<string, Record<string, AttributeValue>>();
    const batches: string[][] = [];
    for (let start = 0; start < keys.length; start += keysPerBatch) {
      batches.push(keys.slice(start, start + keysPerBatch));
    }
    const leftovers = await Promise.all(
      batches.map((batch) => this.readBatch(batch, items, options)),
    );
    return { items, unprocessed: leftovers.reduce((sum, count) => sum + count, 0) };
  }

  private async readBatch(
    batch: readonly string[],
    items: Map<string, Record<string, AttributeValue>>,
    options: CallOptions | undefined,
  ): Promise<number> {
    let keys: Record<string, AttributeValue>[] = batch.map((id) => ({ agentId: { S: id } }));
    for (let round = 0; keys.length > 0; round++) {
      if (round > 0) {
        // A spent budget ends the retries of unprocessed keys: they count as unknown.
        if (round > unprocessedRounds || options?.signal?.aborted === true) return keys.length;
        this.counters.unprocessedRetries += 1;
        await delay(25 * 2 ** (round - 1));
      }
      this.counters.batchGets += 1;
      const output = await this.client.send(
        new BatchGetItemCommand({
          RequestItems: {
            [this.tableName]: { Keys: keys, ConsistentRead: this.consistentRead },
          },
        }),
        sdkCallOptions(options),
      );
      for (const item of output.Responses?.[this.tableName] ?? []) {
        const { agentId } = item;
        if (agentId?.S !== undefined) items.set(agentId.S, item);
      }
      keys = output.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return 0;
  }
}

function parsePresenceWatermark(
  item: Record<string, AttributeValue> | undefined,
): number | undefined {
  const { eventAt } = item ?? {};
  const value = eventAt?.N;
  const parsed = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function isThrottling(error: unknown): boolean {
  const name = error instanceof Error ? error.name : undefined;
  return (
    name === "ProvisionedThroughputExceededException" ||
    name === "ThrottlingException" ||
    name === "RequestLimitExceeded"
  );
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
