import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { ContactReport, RunReport } from "../../src/report/run-report.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";

const scenarioPath = fileURLToPath(new URL("../../scenarios/seed-story.yaml", import.meta.url));

const callsOf = (report: RunReport, caller: string): readonly ContactReport[] =>
  report.contacts.filter((contact) => contact.caller === caller);

describe("the seed story, run through the generated flow and the real handler bundles", () => {
  let report: RunReport;

  beforeAll(async () => {
    report = await runScenario(await loadScenario(scenarioPath));
  });

  it("gives a new caller the only agent on duty", () => {
    // Assess
    expect(callsOf(report, "tanaka")[0]).toMatchObject({
      outcome: "agent",
      agent: "sato",
      lastAgent: "first-call",
    });
  });

  it("routes a returning caller to the agent who served them last time while that agent is available", () => {
    // Assess
    const returning = callsOf(report, "tanaka").slice(1);
    expect(returning).toHaveLength(2);
    for (const call of returning) {
      expect(call).toMatchObject({
        outcome: "agent",
        agent: "sato",
        previousAgent: "sato",
        lastAgent: "same",
      });
      expect(call.decisions[0]).toBe("route:agent/returning-caller");
    }
  });

  it("routes a returning caller whose agent is busy to another agent at once", () => {
    // Assess
    const [, second] = callsOf(report, "kimura");
    expect(second).toMatchObject({ outcome: "agent", previousAgent: "sato", lastAgent: "other" });
    expect(second?.agent).not.toBe("sato");
    expect(second?.decisions[0]).toBe("route:agent/preferred-agent-busy");
    expect(second?.timeToAgentSeconds).toBeLessThan(5);
  });

  it("sends the caller to the fallback queue when everyone is busy, where the first free agent answers", () => {
    // Assess
    const [aoki] = callsOf(report, "aoki");
    expect(aoki).toMatchObject({ outcome: "fallback-queue", agent: "sato" });
    expect(aoki?.path).toContain("q:Fallback");
  });

  it("serves a withheld number without remembering it", () => {
    // Assess
    const [withheld] = callsOf(report, "withheld");
    expect(withheld).toMatchObject({
      outcome: "agent",
      number: "anonymous",
      lastAgent: "withheld",
    });
    expect(withheld?.decisions).toContain("record:skipped/anonymous-caller");
  });

  it("leaves nobody in a dead end and counts what the run cost", () => {
    // Assess
    expect(report.summary).toMatchObject({
      calls: 8,
      deadEnds: 0,
      reachedLastAgent: 2,
      fellBack: 1,
      lambdaInvocations: expect.any(Number),
    });
    expect(report.summary.lambdaInvocationsByFunction["contact-event"]).toBe(8);
    expect(report.summary.dynamoDbRequests).toBeGreaterThan(0);
    expect(report.summary.connectApiCalls).toBeGreaterThan(0);
  });

  it("tells the story in Japanese: record answers every caller in Japanese", () => {
    // Assess
    const heard = report.contacts.flatMap((contact) => contact.messages);
    expect(heard).toContain("担当者にお繋ぎ致しますので少々お待ちください。");
    expect(heard.filter((message) => /[A-Za-z]/.test(message))).toEqual([]);
  });

  it("masks every phone number in the report", () => {
    // Assess
    const digits = JSON.stringify(report).replace(/\D/g, " ");
    for (const number of ["819012345678", "818023456789", "817034567890", "81345678901"]) {
      expect(digits).not.toContain(number);
      expect(digits).not.toContain(number.slice(2));
    }
  });

  it("repeats exactly when run again with the same seed", async () => {
    // Act
    const again = await runScenario(await loadScenario(scenarioPath));

    // Assess
    expect(again.contacts).toEqual(report.contacts);
    expect(again.summary).toEqual(report.summary);
  });
});
