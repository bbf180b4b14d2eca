import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { sdkCallOptions } from "../aws/sdk-call-options.js";
import { type Channel, channels } from "../domain/agent.js";
import type { AgentAvailability } from "../domain/agent-availability.js";
import { isShardCount } from "../domain/agent-index-layout.js";
import { beyondClockSkew } from "../domain/event-time.js";
import {
  booleanOption,
  nonBlankString,
  optionObject,
  positiveNumber,
  rejectUnknownKeys,
  withMethods,
} from "../options/option-checks.js";
import type {
  AgentIndex,
  AgentIndexStatus,
  AvailableAgent,
  AvailableAgents,
  IndexedAgent,
} from "../ports/agent-index.js";
import type {
  PresenceUnknownReason,
  ReservationOutcome,
  ReserveOptions,
} from "../ports/agent-presence.js";
import type { CallOptions } from "../ports/call-options.js";
import type { Clock } from "../ports/clock.js";
import { parsePresenceItem } from "./presence-item.js";
import {
  availableIndexName,
  availableShardAttribute,
  isTableItemKey,
  presenceWatermarkKey,
  readySinceAttribute,
} from "./presence-table-definition.js";

/** Options of `DynamoDbAgentIndex`. */
export interface DynamoDbAgentIndexOptions {
  readonly client: DynamoDBClient;
  /** The presence table (`presenceTableDefinition`), kept by `DynamoDbPresenceWriter`. */
  readonly tableName: string;
  /** Reads "now" to judge freshness and reservations. */
  readonly clock: Clock;
  /**
   * How old the stream watermark may be before presence counts as not current (ms). Default
   * 180,000: Connect sends a heartbeat every 120 s when nothing else happens, plus stream and
   * consumer delay.
   */
  readonly maxAgeMs?: number;
  /**
   * How old a routable agent's item may be before their presence counts as unknown (ms).
   * Default 2,400,000 (40 minutes): the writer refreshes an unchanged agent every 30 minutes by
   * default, and heartbeats come every 2.
   */
  readonly itemMaxAgeMs?: number;
  /**
   * How long the index's status (the watermark item) is reused before it is read again (ms).
   * Default 10,000: one read per container every ten seconds, whatever the call rate.
   */
  readonly statusTtlMs?: number;
  /** Strongly consistent single-item reads. Default `false` (half the cost). */
  readonly consistentRead?: boolean;
}

/** What a `DynamoDbAgentIndex` has done since it was created: requests and items read. */
export interface DynamoDbAgentIndexStats {
  /** `GetItem` of the watermark item (the status; cached). */
  readonly statusReads: number;
  /** `GetItem` of one agent's item. */
  readonly agentReads: number;
  /** `Query` of one shard of a channel's index. */
  readonly shardQueries: number;
  /** Index entries those queries returned. */
  readonly entriesRead: number;
  /** `reserve` calls that wrote a reservation. */
  readonly reservations: number;
  /** `reserve` calls refused (another contact holds the agent, or they cannot take it). */
  readonly reservationsTaken: number;
  /** Reads answered `unknown` because DynamoDB failed or throttled. */
  readonly failures: number;
}

const optionNames: Readonly<Record<keyof DynamoDbAgentIndexOptions, true>> = {
  client: true,
  tableName: true,
  clock: true,
  maxAgeMs: true,
  itemMaxAgeMs: true,
  statusTtlMs: true,
  consistentRead: true,
};

/** How long a status read that failed is reused, so an outage does not double every route's reads. */
const failedStatusTtlMs = 1_000;

/**
 * `AgentIndex` on the presence table: the roster every container shares and the per-channel
 * indexes of agents who can take a contact, kept by `DynamoDbPresenceWriter` (the agent event
 * stream's consumer) and the roster refresher. No Connect API call, and a bounded read per
 * step of a route:
 *
 * - `status()`: one eventually consistent `GetItem` of the watermark item, reused for
 *   `statusTtlMs`: the shards and channels the writer indexes, whether the stream is current
 *   (`maxAgeMs`), whether the roster has been reconciled with the directory.
 * - `agent(id)`: one `GetItem` of the agent's item (half a read unit, eventually consistent):
 *   `unlisted` when the item says so, or when there is none and the roster is complete. An
 *   item without presence (the stream has not seen the agent) is "not available"; a routable
 *   item older than `itemMaxAgeMs` is "presence unknown".
 * - `available(channel, shard, limit)`: one `Query` of the channel's index partition `shard`,
 *   oldest `readySince` first, `Limit` entries: under 200 bytes each, so 20 entries are one
 *   read unit at most (half for eventually consistent reads, the only kind an index serves).
 * - `reserve(...)`: one conditional `UpdateItem` that sets the reservation and removes the
 *   agent from the channel's index, on condition that the item shows them able to take a
 *   contact (routable, a free slot on the channel, not unlisted) and not held by another
 *   contact's unexpired reservation (a hold older than their current idle spell has been
 *   served). Refused → `taken`.
 *
 * The reads never reject: throttling and failures answer `unknown`.
 *
 * @example
 * ```ts
 * import { StickyRouter, systemClock, cryptoRandom } from "@connect-affinity/core";
 * import { createDynamoDbClient, DynamoDbAffinityStore, DynamoDbAgentIndex } from "@connect-affinity/core/dynamodb";
 *
 * const client = createDynamoDbClient();
 * const agentIndex = new DynamoDbAgentIndex({ client, tableName: "presence", clock: systemClock });
 * const store = new DynamoDbAffinityStore({ client, tableName: "affinity" });
 * const router = new StickyRouter({ store, contacts: store, agentIndex, clock: systemClock, random: cryptoRandom });
 * ```
 */
export class DynamoDbAgentIndex implements AgentIndex {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;
  private readonly clock: Clock;
  private readonly maxAgeMs: number;
  private readonly itemMaxAgeMs: number;
  private readonly statusTtlMs: number;
  private readonly consistentRead: boolean;
  private cachedStatus:
    | { readonly status: AgentIndexStatus; readonly at: number; readonly ttlMs: number }
    | undefined;
  private statusInFlight: Promise<AgentIndexStatus> | undefined;
  private counters = {
    statusReads: 0,
    agentReads: 0,
    shardQueries: 0,
    entriesRead: 0,
    reservations: 0,
    reservationsTaken: 0,
    failures: 0,
  };

  /** @throws {InvalidOptionError} naming an option that is unknown, missing or out of range. */
  constructor(options: DynamoDbAgentIndexOptions) {
    rejectUnknownKeys(optionObject("options", options), Object.keys(optionNames));
    this.client = withMethods("client", options.client, ["send"]);
    this.tableName = nonBlankString("tableName", options.tableName);
    this.clock = withMethods("clock", options.clock, ["now"]);
    this.maxAgeMs = positiveNumber("maxAgeMs", options.maxAgeMs ?? 180_000);
    this.itemMaxAgeMs = positiveNumber("itemMaxAgeMs", options.itemMaxAgeMs ?? 2_400_000);
    this.statusTtlMs = positiveNumber("statusTtlMs", options.statusTtlMs ?? 10_000);
    this.consistentRead =
      options.consistentRead === undefined
        ? false
        : booleanOption("consistentRead", options.consistentRead);
  }

  async status(): Promise<AgentIndexStatus> {
    const now = this.clock.now();
    const cached = this.cachedStatus;
    if (cached !== undefined && now - cached.at < cached.ttlMs && now >= cached.at) {
      return cached.status;
    }
    // Concurrent routes in one container share one read.
    // The shared read is not cut off by one caller's budget (the router stops waiting for it).
    this.statusInFlight ??= this.readStatus().finally(() => {
      this.statusInFlight = undefined;
    });
    return this.statusInFlight;
  }

  async agent(agentId: string, options?: CallOptions): Promise<IndexedAgent> {
    if (isTableItemKey(agentId)) return { kind: "unlisted" };
    let item: Record<string, AttributeValue> | undefined;
    try {
      this.counters.agentReads += 1;
      ({ Item: item } = await this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: { agentId: { S: agentId } },
          ConsistentRead: this.consistentRead,
        }),
        sdkCallOptions(options),
      ));
    } catch (error) {
      return this.unknown(error);
    }
    if (item === undefined) {
      const status = await this.status();
      return status.kind === "ready" && status.rosterComplete
        ? { kind: "unlisted" }
        : {
            kind: "unknown",
            reason: "stale",
            detail: "the agent is not in the table and the roster has not been reconciled yet",
          };
    }
    const { listed, agentArn } = item;
    if (listed?.BOOL === false) return { kind: "unlisted" };
    const arn = agentArn?.S;
    if (arn === undefined) {
      return { kind: "unknown", reason: "failed", detail: "the agent's item has no agentArn" };
    }
    const agent = { id: agentId, arn };
    const availability = this.availabilityOf(item);
    return availability === undefined
      ? { kind: "listed", agent }
      : { kind: "listed", agent, availability };
  }

  async available(
    channel: Channel,
    shard: number,
    limit: number,
    options?: CallOptions,
  ): Promise<AvailableAgents> {
    if (!channels.includes(channel)) {
      return { kind: "unknown", reason: "failed", detail: `unknown channel ${String(channel)}` };
    }
    const attribute = availableShardAttribute(channel);
    let items: Record<string, AttributeValue>[];
    try {
      this.counters.shardQueries += 1;
      ({ Items: items = [] } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: availableIndexName(channel),
          KeyConditionExpression: `${attribute} = :shard`,
          ExpressionAttributeValues: { ":shard": { S: String(shard) } },
          ScanIndexForward: true,
          Limit: Math.max(1, Math.floor(limit)),
        }),
        sdkCallOptions(options),
      ));
    } catch (error) {
      return this.unknown(error);
    }
    this.counters.entriesRead += items.length;
    const agents: AvailableAgent[] = [];
    for (const item of items) {
      const { agentId, agentArn, [readySinceAttribute]: ready } = item;
      const id = agentId?.S;
      const arn = agentArn?.S;
      const since = Number(ready?.N);
      if (id === undefined || arn === undefined || !Number.isFinite(since)) continue;
      agents.push({
        agent: { id, arn },
        availability: { routable: true, availableSlots: { [channel]: 1 }, idleSince: since },
      });
    }
    return { kind: "known", agents };
  }

  async reserve(
    agentId: string,
    contactId: string,
    untilMs: number,
    channel: Channel,
    options?: ReserveOptions,
  ): Promise<ReservationOutcome> {
    if (isTableItemKey(agentId) || !channels.includes(channel)) return "taken";
    const available = availableShardAttribute(channel);
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { agentId: { S: agentId } },
          UpdateExpression:
            "SET reservedUntil = :until, reservedBy = :contact, reservedAt = :now " +
            `REMOVE ${available}`,
          // Names only `agentIndexReservationAttributes`, so the routers' role may write nothing
          // else: whether the agent can take the contact is what the read the offer came from
          // said (the index holds only such agents); the reservation arbitrates between routes.
          // A reservation made before the free spell that read saw (:idleSince) has been served.
          ConditionExpression:
            "attribute_exists(agentId) AND (attribute_not_exists(reservedUntil) " +
            "OR reservedUntil < :now OR reservedBy = :contact OR reservedAt < :idleSince)",
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
  stats(): DynamoDbAgentIndexStats {
    return { ...this.counters };
  }

  private async readStatus(): Promise<AgentIndexStatus> {
    const at = this.clock.now();
    let status: AgentIndexStatus;
    try {
      this.counters.statusReads += 1;
      const { Item } = await this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: { agentId: { S: presenceWatermarkKey } },
          ConsistentRead: this.consistentRead,
        }),
      );
      status = this.statusOf(Item, at);
    } catch (error) {
      status = this.unknown(error);
    }
    this.cachedStatus = {
      status,
      at,
      ttlMs: status.kind === "ready" ? this.statusTtlMs : failedStatusTtlMs,
    };
    return status;
  }

  private statusOf(
    item: Record<string, AttributeValue> | undefined,
    now: number,
  ): AgentIndexStatus {
    const { eventAt, shards: shardCount, indexedChannels, rosterCompletedAt } = item ?? {};
    const watermark = Number(eventAt?.N);
    const shards = Number(shardCount?.N);
    if (item === undefined || !Number.isFinite(watermark)) {
      return {
        kind: "unknown",
        reason: "stale",
        detail: "the agent event stream has not been read yet",
      };
    }
    if (!isShardCount(shards)) {
      return {
        kind: "unknown",
        reason: "stale",
        detail: "the stream's consumer keeps no agent index (an older release?)",
      };
    }
    const indexed = (indexedChannels?.S ?? "")
      .split(",")
      .filter((name): name is Channel => (channels as readonly string[]).includes(name));
    return {
      kind: "ready",
      shards,
      channels: indexed,
      // A watermark from the future (beyond the clock-skew allowance) would look fresh forever.
      current: now - watermark <= this.maxAgeMs && beyondClockSkew(watermark, now) === 0,
      rosterComplete: Number.isFinite(Number(rosterCompletedAt?.N)),
    };
  }

  /**
   * An agent's presence from their item: `undefined` when it is too old to trust, or from the
   * future (it would never go stale); "not available" when the item has none (the stream never
   * saw the agent: logged out).
   */
  private availabilityOf(item: Record<string, AttributeValue>): AgentAvailability | undefined {
    const stored = parsePresenceItem(item);
    if (stored === undefined) return { routable: false, availableSlots: {} };
    const now = this.clock.now();
    if (
      beyondClockSkew(stored.eventAt, now) > 0 ||
      (stored.availability.routable && now - stored.eventAt > this.itemMaxAgeMs)
    ) {
      return undefined;
    }
    return stored.availability;
  }

  private unknown(error: unknown): {
    readonly kind: "unknown";
    readonly reason: PresenceUnknownReason;
    readonly detail: string;
  } {
    this.counters.failures += 1;
    return {
      kind: "unknown",
      reason: isThrottling(error) ? "throttled" : "failed",
      detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

function isThrottling(error: unknown): boolean {
  const name = error instanceof Error ? error.name : undefined;
  return (
    name === "ProvisionedThroughputExceededException" ||
    name === "ThrottlingException" ||
    name === "RequestLimitExceeded"
  );
}
