import { BinaryHeap } from "../collections/binary-heap.js";

/** A heartbeat due for one agent; `version` tells whether a later event superseded it. */
export interface DueHeartbeat {
  readonly at: number;
  readonly agentIndex: number;
  readonly version: number;
}

/**
 * The agents' next heartbeats, earliest first (ties by agent order). An agent's event makes its
 * queued heartbeat obsolete; rather than search the heap, the entry carries the agent's event
 * version and `isCurrent` drops it when it reaches the top.
 */
export class HeartbeatQueue {
  readonly #heap = new BinaryHeap<DueHeartbeat>(
    (x, y) => x.at < y.at || (x.at === y.at && x.agentIndex < y.agentIndex),
  );
  readonly #isCurrent: (beat: DueHeartbeat) => boolean;

  constructor(isCurrent: (beat: DueHeartbeat) => boolean) {
    this.#isCurrent = isCurrent;
  }

  push(beat: DueHeartbeat): void {
    this.#heap.push(beat);
  }

  /** The earliest current heartbeat, obsolete ones discarded on the way. */
  peek(): DueHeartbeat | undefined {
    for (let top = this.#heap.peek(); top !== undefined; top = this.#heap.peek()) {
      if (this.#isCurrent(top)) return top;
      this.#heap.pop();
    }
    return undefined;
  }

  /** Removes and returns the earliest current heartbeat. */
  pop(): DueHeartbeat | undefined {
    const top = this.peek();
    if (top !== undefined) this.#heap.pop();
    return top;
  }

  clear(): void {
    this.#heap.clear();
  }
}
