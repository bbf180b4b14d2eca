import { SeededRandom } from "@connect-affinity/core/testing";
import { describe, expect, it } from "vitest";
import { BinaryHeap } from "../../src/collections/binary-heap.js";

const byNumber = (a: number, b: number): boolean => a < b;

function drain<T>(heap: BinaryHeap<T>): T[] {
  const out: T[] = [];
  for (let item = heap.pop(); item !== undefined; item = heap.pop()) out.push(item);
  return out;
}

describe("BinaryHeap", () => {
  it("releases items smallest first, whatever order they were pushed in", () => {
    // Prepare
    const random = new SeededRandom(42);
    const values = Array.from({ length: 500 }, () => random.nextUint32() % 100);
    const heap = new BinaryHeap(byNumber);
    // Act
    for (const value of values) heap.push(value);
    // Assess
    expect(heap.size).toBe(500);
    expect(drain(heap)).toEqual([...values].sort((a, b) => a - b));
    expect(heap.size).toBe(0);
  });

  it("keeps releasing in order while items are pushed between pops", () => {
    // Prepare
    const heap = new BinaryHeap(byNumber);
    for (const value of [8, 3, 5]) heap.push(value);
    // Act
    const first = heap.pop();
    heap.push(1);
    heap.push(9);
    const rest = drain(heap);
    // Assess
    expect(first).toBe(3);
    expect(rest).toEqual([1, 5, 8, 9]);
  });

  it("breaks ties by whatever the order compares, e.g. a sequence number", () => {
    // Prepare
    const heap = new BinaryHeap<{ readonly at: number; readonly seq: number }>(
      (x, y) => x.at < y.at || (x.at === y.at && x.seq < y.seq),
    );
    const items = [
      { at: 2, seq: 0 },
      { at: 1, seq: 1 },
      { at: 2, seq: 2 },
      { at: 1, seq: 3 },
      { at: 2, seq: 4 },
    ];
    // Act
    for (const item of items) heap.push(item);
    // Assess
    expect(drain(heap).map((item) => item.seq)).toEqual([1, 3, 0, 2, 4]);
  });

  it("shows the first item without removing it, and answers undefined when empty", () => {
    // Prepare
    const heap = new BinaryHeap(byNumber);
    // Act
    const empty = { peek: heap.peek(), pop: heap.pop() };
    heap.push(4);
    heap.push(2);
    const peeked = heap.peek();
    // Assess
    expect(empty).toEqual({ peek: undefined, pop: undefined });
    expect(peeked).toBe(2);
    expect(heap.size).toBe(2);
  });

  it("forgets every item on clear", () => {
    // Prepare
    const heap = new BinaryHeap(byNumber);
    for (const value of [3, 1, 2]) heap.push(value);
    // Act
    heap.clear();
    // Assess
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
  });
});
