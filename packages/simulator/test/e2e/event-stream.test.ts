import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../src/report/run-report.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";

const scenarioPath = fileURLToPath(new URL("../../scenarios/event-stream.yaml", import.meta.url));

describe("the seed story with presence from the agent event stream", () => {
  let report: RunReport;

  beforeAll(async () => {
    report = await runScenario(await loadScenario(scenarioPath));
  });

  it("routes returning callers to their last agent from the presence table", () => {
    // Assess
    const tanaka = report.contacts.filter((contact) => contact.caller === "tanaka").slice(1);
    for (const call of tanaka) {
      expect(call).toMatchObject({ outcome: "agent", agent: "sato", lastAgent: "same" });
      expect(call.decisions[0]).toBe("route:agent/returning-caller");
    }
    const [, kimura] = report.contacts.filter((contact) => contact.caller === "kimura");
    expect(kimura?.decisions[0]).toBe("route:agent/preferred-agent-busy");
  });

  it("feeds the real agent-events consumer and leaves nobody in a dead end", () => {
    // Assess
    expect(report.summary.lambdaInvocationsByFunction["agent-events"]).toBeGreaterThan(0);
    expect(report.summary.deadEnds).toBe(0);
  });

  it("never lists the directory in a router: the roster refresher's one page a refresh is the only Connect call", () => {
    // Assess: the last event is at 15:00 of simulated time, so the schedule ran 16 times (at
    // 0:00 and every minute after); a refresh is due every 15 minutes, so two of them listed
    // the directory (one ListUsers page of three agents each) and every router read nothing.
    expect(report.summary.lambdaInvocationsByFunction["roster-refresh"]).toBe(16);
    expect(report.summary.connectApiCalls).toBe(2);
  });
});
