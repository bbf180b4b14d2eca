import { describe, expect, it } from "vitest";
import type { CellResult } from "../../src/bench/bench-result.js";
import { evaluateTargets } from "../../src/bench/targets.js";

/** The figures the targets read; the rest of a row does not matter to them. */
function row(
  agents: number,
  ratePerSecond: number,
  figures: {
    readonly lost?: number;
    readonly connect?: number;
    readonly throttled?: number;
    readonly reads?: number;
    readonly writes?: number;
    readonly p99?: number | null;
    readonly flow?: number;
    readonly spread?: number | null;
  },
  system: CellResult["system"] = "event-stream",
): CellResult {
  return {
    system,
    agents,
    ratePerSecond,
    lostToDirectory: figures.lost ?? 0,
    connectApiCallsPerContact: figures.connect ?? 0,
    throttledContactsPercent: figures.throttled ?? 0,
    dynamoDb: {
      readUnitsPerContact: figures.reads ?? 1,
      writeUnitsPerContact: figures.writes ?? 1,
    },
    decisionP99Ms: figures.p99 === undefined ? 1 : figures.p99,
    flowLambdaInvocationsPerContact: figures.flow ?? 2,
    newCallerSpread: figures.spread === undefined ? 1.2 : figures.spread,
  } as unknown as CellResult;
}

describe("issue 12's targets", () => {
  it("judges each target on the event-stream row of its cell: met, missed, or no sample", () => {
    // Act
    const targets = evaluateTargets([
      row(20_000, 200, { lost: 0, connect: 0, throttled: 0, reads: 3.76, writes: 9.03, p99: 4.2 }),
      // Another system's row of the same cell is never judged.
      row(
        20_000,
        200,
        { lost: 4008, connect: 0.5, throttled: 3, reads: 9, writes: 9 },
        "connect-api",
      ),
      row(1000, 50, { connect: 0.06, throttled: 0, flow: 1.82, spread: null }),
    ]);
    // Assess
    const verdicts = Object.fromEntries(
      targets.map((target) => [
        `${target.cell.agents}×${target.cell.ratePerSecond} ${target.name}`,
        `${target.measured} ${target.verdict}`,
      ]),
    );
    expect(verdicts).toEqual({
      "20000×200 contacts lost to the directory = 0": "0 met",
      "20000×200 Connect API calls per contact ≤ 0.01": "0.000 met",
      "20000×200 throttled contacts 0 %": "0.0 met",
      "20000×200 DynamoDB read units per contact ≤ 5": "3.76 met",
      "20000×200 DynamoDB write units per contact ≤ 6 (consumer, heartbeats, index upkeep included)":
        "9.03 missed",
      "20000×200 decision p99 < 5 ms in process": "4.200 met",
      "1000×50 Connect API calls per contact ≤ 0.05": "0.060 missed",
      "1000×50 throttled contacts 0 %": "0.0 met",
      "1000×50 flow Lambda invocations per contact ≤ 2.1": "1.82 met",
      "1000×50 new-caller spread max/mean ≤ 1.5": "— missed",
    });
  });
});
