import { BinaryHeap } from "../collections/binary-heap.js";

/** An event due at a simulated time. */
export interface Timed {
  readonly at: number;
}

interface Queued<T> {
  readonly event: T;
  readonly seq: number;
}

/**
 * The simulation's events by time. Events due at the same time come out in the order they were
 * pushed, which keeps a seeded run reproducible.
 */
export class EventQueue<T extends Timed> {
  readonly #heap = new BinaryHeap<Queued<T>>(
    (x, y) => x.event.at < y.event.at || (x.event.at === y.event.at && x.seq < y.seq),
  );
  #seq = 0;

  get size(): number {
    return this.#heap.size;
  }

  push(event: T): void {
    this.#heap.push({ event, seq: this.#seq++ });
  }

  /** The earliest event, removed; undefined when empty. */
  pop(): T | undefined {
    return this.#heap.pop()?.event;
  }

  /** The earliest event, left in place; undefined when empty. */
  peek(): T | undefined {
    return this.#heap.peek()?.event;
  }
}
