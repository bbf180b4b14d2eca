import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { sdkCallOptions } from "../aws/sdk-call-options.js";
import type { AgentPresenceState } from "../domain/agent-presence-state.js";
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
import { slotsAttribute } from "./presence-item.js";
import { presenceWatermarkKey } from "./presence-table-definition.js";

/** Options of `DynamoDbPresenceWriter`. */
export interface DynamoDbPresenceWriterOptions {
  readonly client: DynamoDBClient;
  /** The table created from `presenceTableDefinition`. */
  readonly tableName: string;
  /** How long an agent's item outlives their last event (s). Default 86,400 (a day). */
  readonly ttlSeconds?: number;
  /** Writes in flight at once. Default 16. */
  readonly concurrency?: number;
  /**
   * Reads "now" to refuse states from the future and to replace stored ones that are (beyond
   * `clockSkewAllowanceMs`). Default the system clock.
   */
  readonly clock?: Clock;
}

const optionNames: Readonly<Record<keyof DynamoDbPresenceWriterOptions, true>> = {
  client: true,
  tableName: true,
  ttlSeconds: true,
  concurrency: true,
  clock: true,
};

/** What `writeAll` did. */
export interface PresenceWriteSummary {
  /** Items written. */
  readonly written: number;
  /** States older than the stored item, so not written. */
  readonly superseded: number;
  /**
   * States not written at all: dated beyond the clock-skew allowance, or naming the watermark's
   * key as an agent. The stream's parser refuses both first; this is the writer's own guard.
   */
  readonly refused: number;
}

/**
 * Writes agent presence states (from `reduceAgentEvents`) into the presence table: the writer
 * behind the agent-event-stream consumer Lambda.
 *
 * Each write is one `UpdateItem` on condition `eventAt <= :eventAt`, so an older event (a Kinesis
 * retry, a replayed shard) never overwrites a newer state, and a redelivered event rewrites the
 * same state. `idleSince` is set when the state saw the agent become idle, kept
 * (`if_not_exists`) when it was only inferred from the status start, and removed when the agent
 * is not idle. `writeAll` also advances the stream watermark (`presenceWatermarkKey`), which tells
 * readers that the consumer is alive.
 *
 * Time from the future never counts: a state dated beyond `clockSkewAllowanceMs` is refused, and a
 * stored item (or watermark) that is from the future, which an earlier release could have let in,
 * is replaced by the next real state instead of superseding it forever. No state may address the
 * watermark's item.
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
  private readonly clock: Clock;

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
    this.clock =
      options.clock === undefined ? systemClock : withMethods("clock", options.clock, ["now"]);
  }

  /**
   * Writes one state: `written`, `superseded` when the table holds a newer event, or `refused`
   * for a state from the future or one naming the watermark's key. Other errors propagate, so
   * the consumer fails the batch and Kinesis redelivers it.
   */
  async write(
    state: AgentPresenceState,
    options?: CallOptions,
  ): Promise<"written" | "superseded" | "refused"> {
    const now = this.clock.now();
    if (state.agentId === presenceWatermarkKey || beyondClockSkew(state.eventAt, now) > 0) {
      return "refused";
    }
    const set = [
      "agentArn = :agentArn",
      "routable = :routable",
      "slots = :slots",
      "eventType = :eventType",
      "eventAt = :eventAt",
      "expiresAt = :expiresAt",
    ];
    const remove: string[] = [];
    const values: Record<string, AttributeValue> = {
      ":agentArn": { S: state.agentArn },
      ":routable": { BOOL: state.routable },
      ":slots": { M: slotsAttribute(state.availableSlots) },
      ":eventType": { S: state.eventType },
      ":eventAt": { N: String(state.eventAt) },
      ":future": { N: String(now + clockSkewAllowanceMs) },
      ":expiresAt": { N: String(Math.floor(state.eventAt / 1000) + this.ttlSeconds) },
    };
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
    const update = `SET ${set.join(", ")}${remove.length > 0 ? ` REMOVE ${remove.join(", ")}` : ""}`;
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { agentId: { S: state.agentId } },
          UpdateExpression: update,
          // A stored event from the future is replaced, never left to supersede real ones.
          ConditionExpression:
            "attribute_not_exists(agentId) OR eventAt <= :eventAt OR eventAt > :future",
          ExpressionAttributeValues: values,
        }),
        sdkCallOptions(options),
      );
      return "written";
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        return "superseded";
      }
      throw error;
    }
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
    let written = 0;
    let superseded = 0;
    let refused = 0;
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
          if (outcome === "refused") {
            refused += 1;
            continue;
          }
          if (outcome === "written") written += 1;
          else superseded += 1;
          newest = newest === undefined ? state.eventAt : Math.max(newest, state.eventAt);
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
    return { written, superseded, refused };
  }

  /**
   * Moves the watermark forward to `eventAt`; never back, except from a watermark from the
   * future, which it replaces. An `eventAt` from the future is not written.
   */
  async advanceWatermark(eventAt: number, options?: CallOptions): Promise<void> {
    const now = this.clock.now();
    if (beyondClockSkew(eventAt, now) > 0) return;
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { agentId: { S: presenceWatermarkKey } },
          UpdateExpression: "SET eventAt = :eventAt",
          ConditionExpression:
            "attribute_not_exists(eventAt) OR eventAt < :eventAt OR eventAt > :future",
          ExpressionAttributeValues: {
            ":eventAt": { N: String(eventAt) },
            ":future": { N: String(now + clockSkewAllowanceMs) },
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
}
