/** An event due at a simulated time. */
export interface Timed {
  readonly at: number;
}

/**
 * A priority queue of events by time (a binary heap). Events due at the same time come out in
 * the order they were pushed, which keeps a seeded run reproducible.
 */
export class EventQueue<T extends Timed> {
  readonly #heap: { readonly event: T; readonly seq: number }[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(event: T): void {
    this.#heap.push({ event, seq: this.#seq++ });
    let index = this.#heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.#before(index, parent)) break;
      this.#swap(index, parent);
      index = parent;
    }
  }

  /** The earliest event, removed; undefined when empty. */
  pop(): T | undefined {
    const top = this.#heap[0];
    const last = this.#heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.#heap.length > 0) {
      this.#heap[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let smallest = index;
        if (left < this.#heap.length && this.#before(left, smallest)) smallest = left;
        if (right < this.#heap.length && this.#before(right, smallest)) smallest = right;
        if (smallest === index) break;
        this.#swap(index, smallest);
        index = smallest;
      }
    }
    return top.event;
  }

  #before(a: number, b: number): boolean {
    const x = this.#heap[a];
    const y = this.#heap[b];
    if (x === undefined || y === undefined) return false;
    return x.event.at < y.event.at || (x.event.at === y.event.at && x.seq < y.seq);
  }

  #swap(a: number, b: number): void {
    const x = this.#heap[a];
    const y = this.#heap[b];
    if (x === undefined || y === undefined) return;
    this.#heap[a] = y;
    this.#heap[b] = x;
  }
}
