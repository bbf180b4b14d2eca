import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import type { AgentPresenceState } from "../domain/agent-presence-state.js";
import {
  integerIn,
  nonBlankString,
  optionObject,
  rejectUnknownKeys,
  withMethods,
} from "../options/option-checks.js";
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
}

const optionNames: Readonly<Record<keyof DynamoDbPresenceWriterOptions, true>> = {
  client: true,
  tableName: true,
  ttlSeconds: true,
  concurrency: true,
};

/** What `writeAll` did. */
export interface PresenceWriteSummary {
  /** Items written. */
  readonly written: number;
  /** States older than the stored item, so not written. */
  readonly superseded: number;
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
  }

  /**
   * Writes one state: `written`, or `superseded` when the table holds a newer event.
   * Other errors propagate, so the consumer fails the batch and Kinesis redelivers it.
   */
  async write(state: AgentPresenceState): Promise<"written" | "superseded"> {
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
          ConditionExpression: "attribute_not_exists(agentId) OR eventAt <= :eventAt",
          ExpressionAttributeValues: values,
        }),
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
  async writeAll(states: readonly AgentPresenceState[]): Promise<PresenceWriteSummary> {
    let written = 0;
    let superseded = 0;
    const failures: unknown[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < states.length) {
        const state = states[next];
        next += 1;
        if (state === undefined) continue;
        try {
          if ((await this.write(state)) === "written") written += 1;
          else superseded += 1;
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
    const newest = states.reduce<number | undefined>(
      (latest, state) => (latest === undefined ? state.eventAt : Math.max(latest, state.eventAt)),
      undefined,
    );
    if (newest !== undefined) {
      await this.advanceWatermark(newest);
    }
    return { written, superseded };
  }

  /** Moves the watermark forward to `eventAt`; never back. */
  async advanceWatermark(eventAt: number): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { agentId: { S: presenceWatermarkKey } },
          UpdateExpression: "SET eventAt = :eventAt",
          ConditionExpression: "attribute_not_exists(eventAt) OR eventAt < :eventAt",
          ExpressionAttributeValues: { ":eventAt": { N: String(eventAt) } },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) {
        throw error;
      }
    }
  }
}
