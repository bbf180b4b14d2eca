import { fileURLToPath } from "node:url";
import {
  defaultMessages,
  offerInputSeconds,
  requiredOfferIntervalSeconds,
} from "@connect-affinity/flow-builder";
import { beforeAll, describe, expect, it } from "vitest";
import type { ContactReport, RunReport } from "../../src/report/run-report.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";

const run = async (name: string): Promise<RunReport> =>
  runScenario(
    await loadScenario(fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url))),
  );

const callsOf = (report: RunReport, caller: string): readonly ContactReport[] =>
  report.contacts.filter((contact) => contact.caller === caller);

/** The scenarios' prompt time (the simulator's default `messageSeconds`). */
const messageSeconds = 2;

describe("a bounded wait for the preferred agent (preferred-wait.yaml)", () => {
  let report: RunReport;
  const bound = 30;

  beforeAll(async () => {
    report = await run("preferred-wait");
  }, 180_000);

  it("lets a returning caller wait for their busy agent and reach them when they free up", () => {
    // Assess
    const [, back] = callsOf(report, "tanaka");
    expect(back).toMatchObject({ outcome: "agent", agent: "sato", lastAgent: "same" });
    expect(back?.decisions).toContain("route:agent/returning-caller");
    expect(back?.agentQueueWaitSeconds).toBeGreaterThan(5);
    expect(back?.agentQueueWaitSeconds).toBeLessThan(bound);
  });

  it("moves a caller whose agent stays busy to the standard queue after the bound", () => {
    // Assess
    const [, back] = callsOf(report, "kimura");
    expect(back?.outcome).toBe("agent");
    expect(back?.agent).not.toBe("sato");
    expect(back?.agentQueueWaitSeconds).toBeGreaterThanOrEqual(bound);
    expect(back?.messages).toContain(defaultMessages["en-US"].waitingForAgent);
  });

  it("serves a caller who waited in vain before a new caller who queued earlier", () => {
    // Assess
    const [, waited] = callsOf(report, "kimura");
    const [queued] = callsOf(report, "ito");
    const connectedAt = (contact: ContactReport | undefined): number =>
      (contact?.arrivedAtSeconds ?? Number.NaN) + (contact?.timeToAgentSeconds ?? Number.NaN);
    expect(queued?.outcome).toBe("fallback-queue");
    // Ito queued at about 2:02, Kimura was moved at about 2:12 with priority 1.
    expect(connectedAt(waited)).toBeLessThan(connectedAt(queued));
  });

  it("never waits for an agent who is not on shift, nor makes a new caller wait", () => {
    // Assess
    const onBreak = callsOf(report, "tanaka")[2];
    expect(onBreak).toMatchObject({ outcome: "agent" });
    expect(onBreak?.agent).not.toBe("sato");
    expect(onBreak?.agentQueueWaitSeconds).toBeUndefined();
    const [newCaller] = callsOf(report, "yamada");
    expect(newCaller?.agentQueueWaitSeconds).toBeUndefined();
    expect(newCaller?.outcome).toBe("agent");
  });

  it("keeps nobody in a personal queue longer than the bound plus 5 seconds, and strands no one", () => {
    // Assess
    for (const contact of report.contacts) {
      expect(contact.agentQueueWaitSeconds ?? 0).toBeLessThanOrEqual(bound + 5);
      expect(["agent", "fallback-queue"]).toContain(contact.outcome);
    }
    expect(report.summary.deadEnds).toBe(0);
  });
});

describe("a required agent (required-agent.yaml)", () => {
  let report: RunReport;
  const requiredWaitSeconds = 90;
  // The documented bound: the wait itself, and for each offer its prompt and the key time.
  const offers = Math.ceil(requiredWaitSeconds / requiredOfferIntervalSeconds);
  const bound = requiredWaitSeconds + offers * (messageSeconds + offerInputSeconds);

  beforeAll(async () => {
    report = await run("required-agent");
  }, 180_000);

  it("moves a caller who presses 1 at the first offer to the next available agent", () => {
    // Assess
    const [, pressed] = callsOf(report, "tanaka");
    expect(pressed?.outcome).toBe("agent");
    expect(pressed?.agent).not.toBe("sato");
    expect(pressed?.agentQueueWaitSeconds).toBeGreaterThanOrEqual(requiredOfferIntervalSeconds);
    expect(pressed?.agentQueueWaitSeconds).toBeLessThan(2 * requiredOfferIntervalSeconds);
  });

  it("keeps a caller who presses nothing waiting the whole required wait, then moves them", () => {
    // Assess
    const [, patient] = callsOf(report, "kimura");
    expect(patient?.outcome).toBe("agent");
    expect(patient?.agent).not.toBe("sato");
    expect(patient?.agentQueueWaitSeconds).toBeGreaterThanOrEqual(requiredWaitSeconds);
  });

  it("reaches the required agent when they free up during the wait", () => {
    // Assess
    const last = callsOf(report, "ito")[1];
    expect(last).toMatchObject({ outcome: "agent", agent: "sato" });
    expect(last?.agentQueueWaitSeconds).toBeGreaterThan(0);
  });

  it("keeps nobody in a personal queue longer than the bound plus 5 seconds", () => {
    // Assess
    for (const contact of report.contacts) {
      expect(contact.agentQueueWaitSeconds ?? 0).toBeLessThanOrEqual(bound + 5);
      expect(contact.outcome).toBe("agent");
    }
  });
});

describe("ranked preferences (ranked-agents.yaml)", () => {
  let report: RunReport;

  beforeAll(async () => {
    report = await run("ranked-agents");
  }, 180_000);

  it("offers the last agent first even when an older agent served more often", () => {
    // Assess
    const calls = callsOf(report, "tanaka");
    expect(calls.map((call) => call.agent)).toEqual([
      "sato",
      "sato",
      "takahashi",
      "suzuki",
      "suzuki",
      "sato",
    ]);
    expect(calls[4]?.decisions).toContain("route:agent/returning-caller");
  });

  it("ranks the other agents by recency and frequency when the last one is away, before anyone new", () => {
    // Assess: Sato served twice, Takahashi once since; Suzuki, the last, is on a break.
    const away = callsOf(report, "tanaka")[5];
    expect(away?.agent).toBe("sato");
    expect(away?.decisions).toContain("route:agent/ranked-agent");
  });
});
