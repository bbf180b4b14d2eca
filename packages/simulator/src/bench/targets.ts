import type { BenchSystem, CellResult } from "./bench-result.js";

/** One target of issue 12, on one system and cell. */
export interface BenchTarget {
  readonly cell: { readonly agents: number; readonly ratePerSecond: number };
  readonly system: BenchSystem;
  readonly name: string;
  /** The figure as measured, formatted; `—` when the cell was not run or had no sample. */
  readonly measured: string;
  /** `met`, `missed`, or `not-run` (the grid did not include the cell). */
  readonly verdict: "met" | "missed" | "not-run";
}

interface TargetRule {
  readonly agents: number;
  readonly ratePerSecond: number;
  readonly name: string;
  readonly value: (result: CellResult) => number | null;
  readonly met: (value: number) => boolean;
  readonly digits: number;
}

const rules: readonly TargetRule[] = [
  {
    agents: 20_000,
    ratePerSecond: 200,
    name: "contacts lost to the directory = 0",
    value: (result) => result.lostToDirectory,
    met: (value) => value === 0,
    digits: 0,
  },
  {
    agents: 20_000,
    ratePerSecond: 200,
    name: "Connect API calls per contact ≤ 0.01",
    value: (result) => result.connectApiCallsPerContact,
    met: (value) => value <= 0.01,
    digits: 3,
  },
  {
    agents: 20_000,
    ratePerSecond: 200,
    name: "throttled contacts 0 %",
    value: (result) => result.throttledContactsPercent,
    met: (value) => value === 0,
    digits: 1,
  },
  {
    agents: 20_000,
    ratePerSecond: 200,
    name: "DynamoDB read units per contact ≤ 5",
    value: (result) => result.dynamoDb.readUnitsPerContact,
    met: (value) => value <= 5,
    digits: 2,
  },
  {
    agents: 20_000,
    ratePerSecond: 200,
    name: "DynamoDB write units per contact ≤ 6 (consumer, heartbeats, index upkeep included)",
    value: (result) => result.dynamoDb.writeUnitsPerContact,
    met: (value) => value <= 6,
    digits: 2,
  },
  {
    agents: 20_000,
    ratePerSecond: 200,
    name: "decision p99 < 5 ms in process",
    value: (result) => result.decisionP99Ms,
    met: (value) => value < 5,
    digits: 3,
  },
  {
    agents: 1000,
    ratePerSecond: 50,
    name: "Connect API calls per contact ≤ 0.05",
    value: (result) => result.connectApiCallsPerContact,
    met: (value) => value <= 0.05,
    digits: 3,
  },
  {
    agents: 1000,
    ratePerSecond: 50,
    name: "throttled contacts 0 %",
    value: (result) => result.throttledContactsPercent,
    met: (value) => value === 0,
    digits: 1,
  },
  {
    agents: 1000,
    ratePerSecond: 50,
    name: "flow Lambda invocations per contact ≤ 2.1",
    value: (result) => result.flowLambdaInvocationsPerContact,
    met: (value) => value <= 2.1,
    digits: 2,
  },
  {
    agents: 1000,
    ratePerSecond: 50,
    name: "new-caller spread max/mean ≤ 1.5",
    value: (result) => result.newCallerSpread,
    met: (value) => value <= 1.5,
    digits: 2,
  },
];

/**
 * Issue 12's targets (event-stream presence), each judged on the row it is about: met, missed,
 * or not run when the grid left that cell out.
 */
export function evaluateTargets(results: readonly CellResult[]): BenchTarget[] {
  return rules.map((rule) => {
    const row = results.find(
      (result) =>
        result.system === "event-stream" &&
        result.agents === rule.agents &&
        result.ratePerSecond === rule.ratePerSecond,
    );
    const cell = { agents: rule.agents, ratePerSecond: rule.ratePerSecond };
    if (row === undefined) {
      return { cell, system: "event-stream", name: rule.name, measured: "—", verdict: "not-run" };
    }
    const value = rule.value(row);
    return {
      cell,
      system: "event-stream",
      name: rule.name,
      measured: value === null ? "—" : value.toFixed(rule.digits),
      verdict: value !== null && rule.met(value) ? "met" : "missed",
    };
  });
}
