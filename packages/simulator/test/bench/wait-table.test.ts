import { describe, expect, it } from "vitest";
import type { CellResult } from "../../src/bench/bench-result.js";
import { waitTable } from "../../src/bench/report-markdown.js";

const rate = (successes: number, n: number) => ({
  n,
  successes,
  percent: (successes / n) * 100,
  low: 90,
  high: 99,
});

/** The fields of a row the wait table reads. */
function row(preferredWaitSeconds: number, misses: Record<string, number>): CellResult {
  return {
    system: "event-stream",
    agents: 1000,
    ratePerSecond: 50,
    preferredWaitSeconds,
    lastAgent: rate(250, 252),
    flowLambdaInvocationsPerContact: 2.06,
    wait: {
      lastAgentWithinWait: rate(949, 965),
      lastAgentWithinWaitMisses: misses,
      lastAgentWithinWaitBehindClaims: rate(1100, 1120),
      waitedInVain: { count: 121, p50Seconds: 30, p99Seconds: 30, maxSeconds: 30 },
      hungUpWaiting: 0,
      longestPersonalQueueSeconds: 30,
      newCallerTimeToAgentP50Seconds: 2.2,
    },
  } as unknown as CellResult;
}

describe("waitTable", () => {
  it("lists the within-wait misses of each row by cause, the most frequent first", () => {
    const table = waitTable([
      row(0, {}),
      row(30, { "agent-left:Lunch": 1, "offered-not-queued:agent": 14 }),
    ]);
    const [header, , unwaited, waited] = table.split("\n");
    expect(header).toContain("| Its misses, by cause |");
    expect(unwaited).toContain("| — |");
    expect(waited).toContain("| offered-not-queued:agent 14, agent-left:Lunch 1 |");
  });
});
