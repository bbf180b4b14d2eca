import type { AgentFloor } from "../agents/agent-floor.js";
import type { AgentStreamEvent } from "../agents/agent-stream-event.js";
import type { LambdaFunction } from "../interpreter/lambda-function.js";

/**
 * The agent event stream between the floor and the agent-events consumer: the floor's events
 * (logins, state changes, heartbeats) go into a stream; every `pollMs` of simulated time the
 * events since the last read are one Kinesis batch for the real agent-events bundle, as Lambda
 * polls a shard about once a second. {@link deliverDue} runs before every simulation event, so
 * a handler reading the presence table sees every batch due by then and a run repeats.
 */
export class AgentEventStream {
  readonly #consumer: LambdaFunction;
  readonly #pollMs: number;
  readonly #unsubscribe: () => void;
  #pending: AgentStreamEvent[] = [];
  #nextPollAt: number;
  #sequence = 0;
  #batches = 0;
  #failedBatches = 0;

  constructor(options: {
    readonly floor: AgentFloor;
    readonly consumer: LambdaFunction;
    readonly startMs: number;
    readonly pollMs?: number;
  }) {
    this.#consumer = options.consumer;
    this.#pollMs = options.pollMs ?? 1000;
    this.#nextPollAt = options.startMs;
    // A consumer that starts with the simulation knows every logged-in agent at once.
    this.#pending.push(...options.floor.heartbeats());
    this.#unsubscribe = options.floor.onEvent((event) => {
      this.#pending.push(event);
    });
  }

  /** Batches delivered, and those the consumer failed (Lambda would retry them). */
  stats(): { readonly batches: number; readonly failedBatches: number } {
    return { batches: this.#batches, failedBatches: this.#failedBatches };
  }

  /** Delivers the pending events as one batch when a poll is due at `now`. */
  async deliverDue(now: number): Promise<void> {
    if (now < this.#nextPollAt) return;
    this.#nextPollAt = now - ((now - this.#nextPollAt) % this.#pollMs) + this.#pollMs;
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    this.#batches += 1;
    try {
      const answer = (await this.#consumer(this.#kinesisEvent(batch))) as {
        readonly batchItemFailures?: readonly unknown[];
      };
      if ((answer.batchItemFailures?.length ?? 0) > 0) this.#retry(batch);
    } catch {
      this.#retry(batch);
    }
  }

  stop(): void {
    this.#unsubscribe();
  }

  /** A failed batch is read again at the next poll, before newer events. */
  #retry(batch: readonly AgentStreamEvent[]): void {
    this.#failedBatches += 1;
    this.#pending = [...batch, ...this.#pending];
  }

  #kinesisEvent(batch: readonly AgentStreamEvent[]): unknown {
    return {
      Records: batch.map((event) => {
        this.#sequence += 1;
        return {
          eventSource: "aws:kinesis",
          eventName: "aws:kinesis:record",
          eventVersion: "1.0",
          eventID: `shardId-000000000000:${this.#sequence}`,
          awsRegion: event.InstanceARN.split(":")[3],
          kinesis: {
            kinesisSchemaVersion: "1.0",
            partitionKey: event.AgentARN,
            sequenceNumber: String(this.#sequence).padStart(20, "0"),
            data: Buffer.from(JSON.stringify(event)).toString("base64"),
            approximateArrivalTimestamp: Date.parse(event.EventTimestamp) / 1000,
          },
        };
      }),
    };
  }
}
