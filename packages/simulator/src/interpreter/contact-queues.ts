import type { Channel } from "@connect-affinity/core";
import type { AgentFloorPort, FloorAgent } from "./agent-floor-port.js";
import type { ContactExecution, WorkingQueue } from "./contact.js";
import { preferredAgentsAt } from "./routing-criteria-model.js";

/** Bounds of the queue model. */
export interface QueueLimits {
  /** Contacts that may wait in one agent's personal queue (beyond it: `QueueAtCapacity`). */
  readonly agentQueueCapacity: number;
  /** Contacts that may wait in one standard queue. */
  readonly queueCapacity: number;
  /** How long a caller waits for one particular agent before hanging up. */
  readonly agentQueueMaxWaitMs: number;
  /** How long a caller waits in a standard queue before hanging up. */
  readonly queueMaxWaitMs: number;
}

/**
 * The routing priority of a contact nobody changed: Connect's default, 5 on a scale where 1 is
 * served first.
 */
export const defaultQueuePriority = 5;

/** The defaults of {@link QueueLimits}. */
export const defaultQueueLimits: QueueLimits = {
  agentQueueCapacity: 1,
  queueCapacity: 1000,
  agentQueueMaxWaitMs: 600_000,
  queueMaxWaitMs: 600_000,
};

/** What happened to a waiting contact during {@link ContactQueues.dispatch}. */
export type QueueEvent =
  | {
      readonly kind: "connected";
      readonly execution: ContactExecution;
      readonly agent: FloorAgent;
      readonly queue: WorkingQueue;
      readonly at: number;
    }
  | {
      readonly kind: "abandoned";
      readonly execution: ContactExecution;
      readonly queue: WorkingQueue;
      readonly at: number;
    };

interface Waiting {
  readonly execution: ContactExecution;
  readonly queue: WorkingQueue;
  readonly enqueuedAt: number;
}

/**
 * The queues of the simulated instance. The model:
 * - an agent's personal queue is served by that agent only, as soon as they can take the
 *   contact; it holds at most `agentQueueCapacity` waiting contacts;
 * - every agent serves every standard queue (routing profiles are not modelled); the agent
 *   who has waited longest since their last contact from the queues takes the next contact;
 * - a contact with routing criteria is offered only to the agents of the step in force (from
 *   the moment it was queued, each step lasting its expiry); after the last step expires, to
 *   every agent of the queue; a step without expiry waits for its agents forever (up to the
 *   caller's patience);
 * - a contact in an agent's personal queue comes before every contact of a standard queue
 *   (Connect gives agent queues the highest priority and zero delay); then contacts are served
 *   in order of routing priority (lower first), then of age in queue (the oldest first, "Set
 *   routing priority / age" adding to a contact's age), across queues; a
 *   caller who waited longer than the queue kind's bound hangs up (`abandoned`);
 * - a customer queue flow may move a waiting contact to another queue
 *   ({@link ContactQueues.move}): it starts over there, its wait and its routing criteria
 *   counted from the move, as Connect's queue-to-queue transfer makes a new contact segment.
 */
export class ContactQueues {
  readonly #floor: AgentFloorPort;
  readonly #limits: QueueLimits;
  readonly #waiting: Waiting[] = [];
  /** Each agent's position on the floor, for ties in "longest idle first". */
  #positions: Map<string, number> | undefined;
  /** Contacts waiting per queue (by `queueKey`). */
  readonly #depth = new Map<string, number>();
  /** When each agent last got a contact from the queues, for "longest idle first". */
  readonly #lastAssignedAt = new Map<string, number>();

  constructor(floor: AgentFloorPort, limits: Partial<QueueLimits> = {}) {
    this.#floor = floor;
    this.#limits = { ...defaultQueueLimits, ...limits };
  }

  /** Contacts waiting now. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Puts a contact in its working queue, unless the queue is full. */
  enqueue(execution: ContactExecution, queue: WorkingQueue, now: number): "queued" | "at-capacity" {
    const key = queueKey(queue);
    const depth = this.#depth.get(key) ?? 0;
    const capacity =
      queue.kind === "agent" ? this.#limits.agentQueueCapacity : this.#limits.queueCapacity;
    if (depth >= capacity) return "at-capacity";
    this.#waiting.push({ execution, queue, enqueuedAt: now });
    this.#depth.set(key, depth + 1);
    execution.queued = queue;
    return "queued";
  }

  /**
   * Moves a waiting contact to `queue` ("Transfer to queue" in a customer queue flow): it
   * leaves its queue only if the other one has room. `not-queued` when it waits nowhere (an
   * agent already took it, or it never queued).
   */
  move(
    execution: ContactExecution,
    queue: WorkingQueue,
    now: number,
  ): "queued" | "at-capacity" | "not-queued" {
    const entry = this.#waiting.find((waiting) => waiting.execution === execution);
    if (entry === undefined) return "not-queued";
    this.#remove(entry);
    execution.queued = undefined;
    const placed = this.enqueue(execution, queue, now);
    if (placed === "at-capacity") {
      this.#waiting.push(entry);
      const key = queueKey(entry.queue);
      this.#depth.set(key, (this.#depth.get(key) ?? 0) + 1);
      execution.queued = entry.queue;
    } else {
      this.#left(entry, now);
    }
    return placed;
  }

  /** Takes a waiting contact out of its queue (the caller was disconnected at `now`). */
  remove(execution: ContactExecution, now?: number): void {
    const entry = this.#waiting.find((waiting) => waiting.execution === execution);
    if (entry !== undefined) {
      this.#remove(entry);
      if (now !== undefined) this.#left(entry, now);
    }
    execution.queued = undefined;
  }

  /**
   * The contacts waiting in `queue` now and when the longest-waiting one was queued: the
   * queue metrics `CheckMetricData` reads (`NumberOfContactsInQueue`,
   * `OldestContactInQueueAgeSeconds`).
   */
  waitingIn(queue: WorkingQueue): { readonly count: number; readonly oldestQueuedAt?: number } {
    const key = queueKey(queue);
    const entries = this.#waiting.filter((entry) => queueKey(entry.queue) === key);
    const oldest = entries.reduce<number | undefined>(
      (earliest, entry) =>
        earliest === undefined || entry.enqueuedAt < earliest ? entry.enqueuedAt : earliest,
      undefined,
    );
    return oldest === undefined ? { count: 0 } : { count: entries.length, oldestQueuedAt: oldest };
  }

  /** Gives waiting contacts to agents who can take them now, and lets impatient callers go. */
  dispatch(now: number): readonly QueueEvent[] {
    const events: QueueEvent[] = [];
    // The agents free for a standard queue: asked of the floor only when a contact in a standard
    // queue waits (a personal queue's contact needs only its agent), once per channel and
    // dispatch. Each standard contact takes the longest idle of them (see #longestIdle).
    const available = new Map<Channel, FloorAgent[]>();
    const availableOn = (channel: Channel): FloorAgent[] => {
      let list = available.get(channel);
      if (list === undefined) {
        list = [...this.#floor.availableAgents(channel)];
        available.set(channel, list);
      }
      return list;
    };
    for (const entry of this.#servingOrder()) {
      const { execution, queue } = entry;
      const channel = execution.input.channel;
      const assignment = {
        contactId: execution.input.contactId,
        channel,
        // A call transferred on keeps its first agent only until the transfer.
        durationMs: execution.input.transfer?.afterMs ?? execution.input.talkTimeMs,
        ...(execution.input.afterContactWorkMs === undefined
          ? {}
          : { afterContactWorkMs: execution.input.afterContactWorkMs }),
      };
      const agent =
        queue.kind === "agent"
          ? this.#floor.assign(queue.agent.id, assignment)
            ? queue.agent
            : undefined
          : this.#longestIdle(this.#candidates(entry, availableOn(channel), now), (candidate) =>
              this.#floor.assign(candidate.id, assignment),
            );
      if (agent !== undefined) {
        this.#remove(entry);
        this.#left(entry, now);
        execution.queued = undefined;
        this.#lastAssignedAt.set(agent.id, now);
        const list = available.get(channel);
        const position = list?.findIndex((candidate) => candidate.id === agent.id) ?? -1;
        if (list !== undefined && position >= 0) list.splice(position, 1);
        events.push({ kind: "connected", execution, agent, queue, at: now });
        continue;
      }
      const patience =
        queue.kind === "agent" ? this.#limits.agentQueueMaxWaitMs : this.#limits.queueMaxWaitMs;
      if (now - entry.enqueuedAt >= patience) {
        this.#remove(entry);
        this.#left(entry, now);
        execution.queued = undefined;
        events.push({ kind: "abandoned", execution, queue, at: now });
      }
    }
    return events;
  }

  /** The agents a contact in a standard queue may go to now, in the order they are tried. */
  #candidates(
    entry: Waiting,
    available: readonly FloorAgent[],
    now: number,
  ): readonly FloorAgent[] {
    const criteria = entry.execution.routingCriteria;
    const preferred =
      criteria === undefined ? undefined : preferredAgentsAt(criteria, now - entry.enqueuedAt);
    if (preferred === undefined) return available;
    const ids = new Set(preferred.map((idOrArn) => this.#floor.find(idOrArn)?.id ?? idOrArn));
    return available.filter((agent) => ids.has(agent.id));
  }

  /**
   * Waiting contacts in agents' personal queues first ("Contacts in agent queues have the
   * highest priority and zero delay": an agent gets the contact from their own queue before
   * any contact of a standard queue, whatever its priority or age), then by routing priority,
   * then by age (adjusted). The sort is stable and contacts are queued in time order, so
   * without priorities this is first come, first served.
   */
  #servingOrder(): readonly Waiting[] {
    const queuedAt = (entry: Waiting): number =>
      entry.enqueuedAt - entry.execution.queueTimeAdjustmentSeconds * 1000;
    const standard = (entry: Waiting): number => (entry.queue.kind === "agent" ? 0 : 1);
    return [...this.#waiting].sort(
      (a, b) =>
        standard(a) - standard(b) ||
        a.execution.queuePriority - b.execution.queuePriority ||
        queuedAt(a) - queuedAt(b),
    );
  }

  /**
   * The longest idle candidate that `take` accepts: idle since their last contact from the
   * queues, agents never given one first, ties in the floor's order. One pass per try: the
   * first candidate is almost always taken, so sorting every free agent would cost more.
   */
  #longestIdle(
    candidates: readonly FloorAgent[],
    take: (agent: FloorAgent) => boolean,
  ): FloorAgent | undefined {
    if (this.#positions === undefined) {
      this.#positions = new Map(this.#floor.agents().map((agent, index) => [agent.id, index]));
    }
    const positions = this.#positions;
    const tried = new Set<string>();
    for (;;) {
      let best: FloorAgent | undefined;
      let bestIdle = 0;
      let bestPosition = 0;
      for (const candidate of candidates) {
        if (tried.has(candidate.id)) continue;
        const idle = this.#idleSince(candidate);
        const position = positions.get(candidate.id) ?? Number.MAX_SAFE_INTEGER;
        if (
          best === undefined ||
          idle < bestIdle ||
          (idle === bestIdle && position < bestPosition)
        ) {
          best = candidate;
          bestIdle = idle;
          bestPosition = position;
        }
      }
      if (best === undefined) return undefined;
      if (take(best)) return best;
      tried.add(best.id);
    }
  }

  #idleSince(agent: FloorAgent): number {
    return this.#lastAssignedAt.get(agent.id) ?? Number.NEGATIVE_INFINITY;
  }

  /** Counts a stay in an agent's personal queue that ended at `now`. */
  #left(entry: Waiting, now: number): void {
    if (entry.queue.kind === "agent") entry.execution.agentQueueWaitMs += now - entry.enqueuedAt;
  }

  #remove(entry: Waiting): void {
    this.#waiting.splice(this.#waiting.indexOf(entry), 1);
    const key = queueKey(entry.queue);
    const depth = (this.#depth.get(key) ?? 1) - 1;
    if (depth > 0) this.#depth.set(key, depth);
    else this.#depth.delete(key);
  }
}

function queueKey(queue: WorkingQueue): string {
  return queue.kind === "agent" ? `agent:${queue.agent.id}` : `queue:${queue.queue.id}`;
}
