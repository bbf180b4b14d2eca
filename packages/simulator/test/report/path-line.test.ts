import { describe, expect, it } from "vitest";
import type { TraceStep } from "../../src/interpreter/contact.js";
import { pathLine } from "../../src/report/path-line.js";

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
