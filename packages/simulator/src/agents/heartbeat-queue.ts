/** A heartbeat due for one agent; `version` tells whether a later event superseded it. */
export interface DueHeartbeat {
  readonly at: number;
  readonly agentIndex: number;
  readonly version: number;
}

/**
 * The agents' next heartbeats, earliest first (a binary min-heap, ties by agent order). An
 * agent's event makes its queued heartbeat obsolete; rather than search the heap, the entry
 * carries the agent's event version and `isCurrent` drops it when it reaches the top.
 */
export class HeartbeatQueue {
  readonly #heap: DueHeartbeat[] = [];
  readonly #isCurrent: (beat: DueHeartbeat) => boolean;

  constructor(isCurrent: (beat: DueHeartbeat) => boolean) {
    this.#isCurrent = isCurrent;
  }

  push(beat: DueHeartbeat): void {
    const heap = this.#heap;
    heap.push(beat);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap, i, parent)) break;
      swap(heap, i, parent);
      i = parent;
    }
  }

  /** The earliest current heartbeat, obsolete ones discarded on the way. */
  peek(): DueHeartbeat | undefined {
    for (let top = this.#heap[0]; top !== undefined; top = this.#heap[0]) {
      if (this.#isCurrent(top)) return top;
      this.#popTop();
    }
    return undefined;
  }

  /** Removes and returns the earliest current heartbeat. */
  pop(): DueHeartbeat | undefined {
    const top = this.peek();
    if (top !== undefined) this.#popTop();
    return top;
  }

  clear(): void {
    this.#heap.length = 0;
  }

  #popTop(): void {
    const heap = this.#heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap, left, smallest)) smallest = left;
      if (right < heap.length && before(heap, right, smallest)) smallest = right;
      if (smallest === i) return;
      swap(heap, i, smallest);
      i = smallest;
    }
  }
}

function before(heap: readonly DueHeartbeat[], a: number, b: number): boolean {
  const x = heap[a];
  const y = heap[b];
  if (x === undefined || y === undefined) return false;
  return x.at < y.at || (x.at === y.at && x.agentIndex < y.agentIndex);
}

function swap(heap: DueHeartbeat[], a: number, b: number): void {
  const x = heap[a];
  const y = heap[b];
  if (x === undefined || y === undefined) return;
  heap[a] = y;
  heap[b] = x;
}
