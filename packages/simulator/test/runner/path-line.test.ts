import { describe, expect, it } from "vitest";
import type { TraceStep } from "../../src/interpreter/contact.js";
import { EventQueue } from "../../src/runner/event-queue.js";
import { pathLine } from "../../src/runner/path-line.js";

const name = (arn: string) => arn.slice(arn.lastIndexOf(":") + 1);

describe("pathLine", () => {
  it("writes a contact's path as short tokens and collapses repeats", () => {
    // Prepare
    const trace: TraceStep[] = [
      {
        kind: "lambda",
        actionId: "invoke-route",
        functionArn: "arn:aws:lambda:r:1:function:route",
        result: "ok",
      },
      { kind: "compare", actionId: "check", value: "agent", matched: true },
      { kind: "other", actionId: "save", type: "UpdateContactAttributes" },
      { kind: "metric", actionId: "avail", value: 0, matched: false },
      { kind: "loop", actionId: "count", count: 1, done: false },
      { kind: "metric", actionId: "avail", value: 0, matched: false },
      { kind: "metric", actionId: "avail", value: 0, matched: false },
      {
        kind: "lambda",
        actionId: "invoke-next",
        functionArn: "arn:aws:lambda:r:1:function:next-agent",
        result: "lambda-timeout",
      },
      { kind: "message", actionId: "sorry", text: "Sorry" },
      { kind: "other", actionId: "bye", type: "DisconnectParticipant" },
    ];

    // Act
    const line = pathLine(trace, name);

    // Assess
    expect(line).toBe(
      "route › =agent › avail:no › loop › avail:no×2 › next-agent!timeout › msg › hang-up",
    );
  });
});

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
