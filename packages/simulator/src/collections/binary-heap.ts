/**
 * Whether `a` comes out of the heap before `b`. Must be a strict order: equal items answer
 * `false` both ways.
 */
export type HeapOrder<T> = (a: T, b: T) => boolean;

/**
 * A binary min-heap: the item that comes {@link HeapOrder | before} every other is always on
 * top. The simulation's event queue and the agent floor's heartbeats both keep their items
 * here; a total order (ties broken by a sequence number or an index) makes a seeded run repeat.
 */
export class BinaryHeap<T> {
  readonly #items: T[] = [];
  readonly #before: HeapOrder<T>;

  constructor(before: HeapOrder<T>) {
    this.#before = before;
  }

  get size(): number {
    return this.#items.length;
  }

  push(item: T): void {
    const items = this.#items;
    items.push(item);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.#comesBefore(index, parent)) break;
      this.#swap(index, parent);
      index = parent;
    }
  }

  /** The first item, left in place; undefined when empty. */
  peek(): T | undefined {
    return this.#items[0];
  }

  /** The first item, removed; undefined when empty. */
  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined) return undefined;
    if (items.length > 0) {
      items[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let first = index;
        if (left < items.length && this.#comesBefore(left, first)) first = left;
        if (right < items.length && this.#comesBefore(right, first)) first = right;
        if (first === index) break;
        this.#swap(index, first);
        index = first;
      }
    }
    return top;
  }

  clear(): void {
    this.#items.length = 0;
  }

  #comesBefore(a: number, b: number): boolean {
    const x = this.#items[a];
    const y = this.#items[b];
    return x !== undefined && y !== undefined && this.#before(x, y);
  }

  #swap(a: number, b: number): void {
    const x = this.#items[a];
    const y = this.#items[b];
    if (x === undefined || y === undefined) return;
    this.#items[a] = y;
    this.#items[b] = x;
  }
}
