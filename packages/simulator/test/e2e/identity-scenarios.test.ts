import { fileURLToPath } from "node:url";
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

describe("customer identity on every channel (customer-key.yaml)", () => {
  let report: RunReport;

  beforeAll(async () => {
    report = await run("customer-key");
  }, 120_000);

  it("sends a chat whose flow passes the customer key to the agent of that key's last call", () => {
    // Assess
    const [call, chat, email] = callsOf(report, "tanaka");
    expect(call).toMatchObject({ channel: "VOICE", outcome: "agent", agent: "sato" });
    expect(chat).toMatchObject({ channel: "CHAT", agent: "sato", lastAgent: "same" });
    expect(chat?.decisions).toContain("route:agent/returning-caller");
    expect(email).toMatchObject({ channel: "EMAIL", agent: "sato", lastAgent: "same" });
  });

  it("remembers a customer who only writes by their email address", () => {
    // Assess
    const [first, second] = callsOf(report, "yamada");
    expect(first).toMatchObject({ lastAgent: "first-call", number: "y***@example.com" });
    expect(second).toMatchObject({ agent: first?.agent, lastAgent: "same" });
    expect(second?.decisions).toContain("route:agent/returning-caller");
  });

  it("routes a chat without a key as a new customer and stores nothing for it", () => {
    // Assess
    const [chat] = callsOf(report, "guest");
    expect(chat).toMatchObject({ outcome: "agent", number: "(none)" });
    expect(chat?.decisions.some((decision) => decision.includes("returning-caller"))).toBe(false);
    expect(report.summary.deadEnds).toBe(0);
  });
});

describe("affinity per channel (channel-scope.yaml)", () => {
  let report: RunReport;

  beforeAll(async () => {
    report = await run("channel-scope");
  }, 120_000);

  it("keeps a customer's call agent and chat agent apart", () => {
    // Assess
    const [call, chat, secondCall, secondChat] = callsOf(report, "tanaka");
    expect(call).toMatchObject({ channel: "VOICE", agent: "sato" });
    expect(chat?.decisions.some((decision) => decision.includes("returning-caller"))).toBe(false);
    expect(secondCall).toMatchObject({ channel: "VOICE", agent: "sato", lastAgent: "same" });
    expect(secondChat).toMatchObject({ channel: "CHAT", agent: chat?.agent, lastAgent: "same" });
    expect(chat?.agent).not.toBe("sato");
  });
});

describe("who gets the credit (credit-rules.yaml)", () => {
  let report: RunReport;

  beforeAll(async () => {
    report = await run("credit-rules");
  }, 120_000);

  it("leaves affinity unchanged after a contact shorter than the minimum talk time", () => {
    // Assess
    const [first, short, back] = callsOf(report, "tanaka");
    expect(first).toMatchObject({ agent: "sato" });
    expect(short).toMatchObject({ agent: "suzuki" });
    expect(back).toMatchObject({ agent: "sato", lastAgent: "same" });
    expect(back?.decisions).toContain("route:agent/returning-caller");
  });

  it("credits the agent who finished a transferred call", () => {
    // Assess
    const [transferred, back] = callsOf(report, "kimura");
    expect(transferred?.agent).not.toBe("takahashi");
    expect(back).toMatchObject({ agent: "takahashi", lastAgent: "same" });
  });

  it("gives an agent who opted out no affinity", () => {
    // Assess
    const [first, second] = callsOf(report, "yamada");
    expect(first).toMatchObject({ agent: "kato" });
    expect(second?.decisions.some((decision) => decision.includes("returning-caller"))).toBe(false);
  });

  it("learns only from the contacts' ends: the flow's record stores nothing", () => {
    // Assess: one DISCONNECTED per agent's part (seven calls, one transferred).
    expect(report.summary.lambdaInvocationsByFunction).toMatchObject({ "contact-event": 8 });
    expect(report.summary.contactEventsLost).toBe(0);
  });
});

describe.each([
  ["exclusions-and-pins", "agent-queue"],
  ["exclusions-routing-criteria", "routing-criteria"],
])("exclusions and pins (%s.yaml, the %s flow)", (scenario, flow) => {
  let report: RunReport;

  beforeAll(async () => {
    report = await run(scenario);
  }, 120_000);

  it("never names an excluded agent for the customer", () => {
    // Assess: Sato was Tanaka's first agent on the routing-criteria flow (the standard queue
    // after criteria naming nobody), yet is never their preferred agent.
    const [, ...returning] = callsOf(report, "tanaka");
    for (const call of returning) expect(call.agent).not.toBe("sato");
    if (flow === "agent-queue") {
      for (const call of callsOf(report, "tanaka")) expect(call.agent).not.toBe("sato");
    }
  });

  it("offers a pinned customer their dedicated agent over the agent who served last", () => {
    // Assess
    const [, pinned] = callsOf(report, "kimura");
    if (flow === "agent-queue") expect(pinned).toMatchObject({ agent: "takahashi" });
    expect(pinned?.decisions.join(" ")).toMatch(/returning-caller/);
  });
});

describe("identity from Customer Profiles (customer-profiles.yaml)", () => {
  let report: RunReport;

  beforeAll(async () => {
    report = await run("customer-profiles");
  }, 120_000);

  it("sends a caller's second number of the same profile to the first number's agent", () => {
    // Assess
    const [first] = callsOf(report, "tanaka");
    const [second] = callsOf(report, "tanaka-work");
    expect(first).toMatchObject({ agent: "sato" });
    expect(first?.path).toContain("profile:found");
    expect(second).toMatchObject({ agent: "sato", lastAgent: "same" });
    expect(second?.decisions).toContain("route:agent/returning-caller");
  });

  it("knows a caller without a profile by their number", () => {
    // Assess
    const [first, second] = callsOf(report, "kimura");
    expect(first?.path).toContain("profile:none");
    expect(second).toMatchObject({ agent: first?.agent, lastAgent: "same" });
  });
});

describe("a table filled by the previous release (previous-release.yaml)", () => {
  let report: RunReport;

  beforeAll(async () => {
    report = await run("previous-release");
  }, 120_000);

  it("routes from version-1 items, then from the items they were upgraded to", () => {
    // Assess
    for (const [caller, agent] of [
      ["tanaka", "suzuki"],
      ["kimura", "takahashi"],
    ] as const) {
      const calls = callsOf(report, caller);
      expect(calls).toHaveLength(2);
      for (const call of calls) {
        expect(call).toMatchObject({ agent, lastAgent: "same" });
        expect(call.decisions).toContain("route:agent/returning-caller");
      }
    }
  });
});
