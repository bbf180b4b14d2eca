import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/instance/event-queue.js";

describe("EventQueue", () => {
  it("releases events in time order, and events due together in the order they were pushed", () => {
    // Prepare
    const queue = new EventQueue<{ readonly at: number; readonly name: string }>();
    for (const [at, name] of [
      [5, "e"],
      [1, "a"],
      [3, "c1"],
      [3, "c2"],
      [2, "b"],
      [3, "c3"],
    ] as const) {
      queue.push({ at, name });
    }

    // Act
    const order: string[] = [];
    for (let event = queue.pop(); event !== undefined; event = queue.pop()) order.push(event.name);

    // Assess
    expect(order).toEqual(["a", "b", "c1", "c2", "c3", "e"]);
  });
});
