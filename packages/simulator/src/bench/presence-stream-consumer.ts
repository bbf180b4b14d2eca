import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  type AgentPresenceState,
  DynamoDbPresenceWriter,
  parseAgentEvent,
  reduceAgentEvents,
} from "@connect-affinity/core/dynamodb";
import type { AgentFloor } from "../agents/agent-floor.js";
import type { AgentStreamEvent } from "../agents/agent-stream-event.js";
import type { SimulatedClock } from "../clock/simulated-clock.js";

/** Options of {@link PresenceStreamConsumer}. */
export interface PresenceStreamConsumerOptions {
  readonly floor: AgentFloor;
  readonly clock: SimulatedClock;
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /**
   * Simulated ms between two reads of the stream. Default 1,000: Lambda polls each Kinesis
   * shard about once a second, so an event waits up to that long.
   */
  readonly pollMs?: number;
}

/**
 * Stands in for the agent-event-stream consumer Lambda: the floor's agent events go into a
 * "stream"; every `pollMs` of simulated time the events since the last poll are one batch,
 * folded with core's reducer and written with core's `DynamoDbPresenceWriter`, exactly what the
 * consumer Lambda does with a Kinesis batch. Each non-empty batch counts as one Lambda
 * invocation.
 *
 * Writes run when the clock crosses a poll boundary; call {@link settle} before anything reads
 * the table (the bench does before every handler invocation), so a read sees every batch due
 * by then and the run stays reproducible.
 */
export class PresenceStreamConsumer {
  readonly #writer: DynamoDbPresenceWriter;
  readonly #pollMs: number;
  #pending: AgentStreamEvent[] = [];
  #work: Promise<void> = Promise.resolve();
  #failure: unknown;
  #invocations = 0;
  #events = 0;
  readonly #batchTimes: number[] = [];
  readonly #unsubscribe: (() => void)[] = [];

  constructor(options: PresenceStreamConsumerOptions) {
    this.#pollMs = options.pollMs ?? 1000;
    if (!(this.#pollMs > 0)) throw new RangeError(`pollMs must be positive, got ${this.#pollMs}`);
    this.#writer = new DynamoDbPresenceWriter({
      client: options.client,
      tableName: options.tableName,
    });
    this.#unsubscribe.push(options.floor.onEvent((event) => this.#pending.push(event)));
    this.#unsubscribe.push(
      options.clock.onAdvance((now, previous) => {
        const boundary = Math.floor(now / this.#pollMs) * this.#pollMs;
        if (boundary > previous) this.#poll(boundary);
      }),
    );
  }

  /** Batches written so far (consumer Lambda invocations). */
  get invocations(): number {
    return this.#invocations;
  }

  /** Batches whose poll was at or before `time` (epoch ms). */
  invocationsUntil(time: number): number {
    return this.#batchTimes.filter((at) => at <= time).length;
  }

  /** Agent events read so far. */
  get events(): number {
    return this.#events;
  }

  /** Writes `events` now, outside any count: the state a consumer running for a while has built. */
  async preload(events: readonly AgentStreamEvent[]): Promise<void> {
    await this.#writer.writeAll(statesOf(events));
  }

  /** Waits for every batch due so far; rethrows a failed write. */
  async settle(): Promise<void> {
    await this.#work;
    if (this.#failure !== undefined) throw this.#failure;
  }

  /** Stops listening (pending events are dropped). */
  stop(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }

  #poll(boundary: number): void {
    const due = this.#pending.filter((event) => Date.parse(event.EventTimestamp) <= boundary);
    if (due.length === 0) return;
    this.#pending = this.#pending.filter((event) => Date.parse(event.EventTimestamp) > boundary);
    this.#invocations += 1;
    this.#batchTimes.push(boundary);
    this.#events += due.length;
    const states = statesOf(due);
    this.#work = this.#work.then(async () => {
      try {
        await this.#writer.writeAll(states);
      } catch (error) {
        this.#failure ??= error;
      }
    });
  }
}

function statesOf(events: readonly AgentStreamEvent[]): AgentPresenceState[] {
  const parsed = events.flatMap((event) => {
    const result = parseAgentEvent(event);
    return result.kind === "event" ? [result.event] : [];
  });
  return reduceAgentEvents(parsed);
}
