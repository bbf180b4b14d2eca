import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { ContactReport, RunReport } from "../../src/report/run-report.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";

const scenarioPath = fileURLToPath(
  new URL("../../scenarios/routing-criteria.yaml", import.meta.url),
);

const callsOf = (report: RunReport, caller: string): readonly ContactReport[] =>
  report.contacts.filter((contact) => contact.caller === caller);

describe("the seed story on the routing-criteria flow", () => {
  let report: RunReport;

  beforeAll(async () => {
    report = await runScenario(await loadScenario(scenarioPath));
  });

  it("offers a returning caller to their last agent through the standard queue", () => {
    // Assess
    for (const call of callsOf(report, "tanaka").slice(1)) {
      expect(call).toMatchObject({ outcome: "agent", agent: "sato", lastAgent: "same" });
      expect(call.path).toContain("criteria");
      expect(call.path).toContain("q:Standard");
    }
  });

  it("gives a returning caller whose agent stays busy to anyone once the preferred step expires", () => {
    // Assess
    const [, second] = callsOf(report, "kimura");
    expect(second).toMatchObject({ outcome: "agent", previousAgent: "sato", lastAgent: "other" });
    expect(second?.timeToAgentSeconds).toBeGreaterThanOrEqual(20);
  });

  it("learns who answered from the contact event, since this flow has no record step", () => {
    // Assess
    expect(report.summary.lambdaInvocationsByFunction).toMatchObject({
      record: 0,
      "contact-event": 8,
    });
    expect(report.summary.contactEventsLost).toBe(0);
    expect(report.summary.deadEnds).toBe(0);
  });
});
