import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadScenario, parseScenario } from "../../src/scenario/load-scenario.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";
import { planScenario } from "../../src/scenario/scenario-plan.js";

const minimal = `
name: tiny
agents:
  - username: sato
calls:
  - { caller: "+81 90-1234-5678", at: 0 }
`;

function issuesOf(text: string): readonly string[] {
  try {
    parseScenario(text, "test.yaml");
  } catch (error) {
    if (error instanceof ScenarioError)
      return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe("parseScenario", () => {
  it("applies the documented defaults to a minimal scenario", () => {
    // Act
    const scenario = parseScenario(minimal);

    // Assess
    expect(scenario.seed).toBe(1);
    expect(scenario.options).toMatchObject({
      flow: "agent-queue",
      fallbackQueue: true,
      maxAttempts: 5,
      lambdaTimeLimitSeconds: 5,
      presence: "connect-api",
      faults: { connect: [], dynamodb: [] },
    });
    expect(Array.isArray(scenario.calls) && scenario.calls[0]).toMatchObject({
      duration: 180,
      channel: "VOICE",
    });
  });

  it("names the path of every bad field", () => {
    // Act
    const issues = issuesOf(`
name: bad
agents:
  - username: sato
    schedule: [{ at: -1, status: Available }]
calls:
  - { caller: nobody, at: 0 }
options:
  maxAttempts: 500
  flow: teleport
`);

    // Assess
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^agents\[0\]\.schedule\[0\]\.at: /),
        expect.stringMatching(/^options\.maxAttempts: /),
        expect.stringMatching(/^options\.flow: /),
      ]),
    );
  });

  it("refuses a call from a caller who is neither listed nor a phone number", () => {
    // Act
    const issues = issuesOf(`
name: unknown caller
agents: [{ username: sato }]
callers: [{ name: tanaka, number: "+819012345678" }]
calls:
  - { caller: tanaka, at: 0 }
  - { caller: suzuki, at: 5 }
`);

    // Assess
    expect(issues).toEqual([expect.stringMatching(/^calls\[1\]\.caller: "suzuki" is neither/)]);
  });

  it("refuses an agent listed twice and a fault window that ends before it starts", () => {
    // Act
    const issues = issuesOf(`
name: twice
agents: [{ username: sato }, { username: sato }]
calls: [{ caller: anonymous, at: 0 }]
options:
  faults:
    connect: [{ from: 30, to: 10, kind: throttle }]
`);

    // Assess
    expect(issues).toEqual(
      expect.arrayContaining([
        'agents[1].username: "sato" is used twice',
        "options.faults.connect[0]: from must be before to",
      ]),
    );
  });

  it("reports malformed YAML as a scenario error", () => {
    // Act
    const act = () => parseScenario("name: [unclosed", "broken.yaml");

    // Assess
    expect(act).toThrow(ScenarioError);
    expect(act).toThrow(/broken\.yaml/);
  });

  it("says which file cannot be read", async () => {
    // Act
    const loading = loadScenario("/nonexistent/scenario.yaml");

    // Assess
    await expect(loading).rejects.toThrow(/\/nonexistent\/scenario\.yaml.*cannot be read/s);
  });
});

describe("planScenario", () => {
  const generated = parseScenario(`
name: generated
seed: 42
agents: { count: 50, prefix: agent, availableRatio: 0.5 }
calls: { rate: 0.2, duration: 600, returningRatio: 0.5, withheldRatio: 0.1 }
`);

  it("expands the same scenario into the same agents and calls every time", () => {
    // Act
    const first = planScenario(generated);
    const second = planScenario(generated);

    // Assess
    expect(second).toEqual(first);
  });

  it("generates agents with the prefix, some logged in and some not", () => {
    // Act
    const { agents } = planScenario(generated);

    // Assess
    expect(agents).toHaveLength(50);
    expect(agents[0]?.username).toBe("agent-001");
    const statuses = new Set(agents.map((agent) => agent.schedule[0]?.status));
    expect(statuses).toEqual(new Set(["Available", "Offline"]));
  });

  it("generates arrivals inside the window, with returning and withheld callers", () => {
    // Act
    const { calls } = planScenario(generated);

    // Assess
    expect(calls.length).toBeGreaterThan(60);
    expect(calls.length).toBeLessThan(200);
    expect(calls.every((call) => call.atMs >= 0 && call.atMs < 600_000)).toBe(true);
    const numbers = calls.map((call) => call.customerAddress);
    expect(new Set(numbers).size).toBeLessThan(numbers.length);
    expect(numbers).toContain("anonymous");
  });

  it("ships scenarios that all parse", async () => {
    // Act
    const names = await Promise.all(
      ["seed-story", "busy-morning", "faults", "routing-criteria", "event-stream"].map(
        async (name) => {
          const path = fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url));
          return (await loadScenario(path)).name;
        },
      ),
    );

    // Assess
    expect(names).toEqual([
      "seed-story",
      "busy-morning",
      "faults",
      "routing-criteria",
      "event-stream",
    ]);
  });
});

describe("scenarios for customers beyond a phone number", () => {
  it("names every inconsistent identity, transfer and preference field", () => {
    // Act
    const issues = issuesOf(`
name: identity
agents:
  - username: sato
callers:
  - { name: chatter, customerKey: CRM-1 }
  - { name: tanaka, number: "+81 90-1234-5678" }
preferences:
  - { caller: nobody, block: [sato] }
  - { caller: tanaka, pin: { agent: kato } }
calls:
  - { caller: tanaka, at: 0, channel: EMAIL }
  - { caller: chatter, at: 10 }
  - { caller: tanaka, at: 20, duration: 30, transfer: { after: 40, to: suzuki } }
history:
  - { caller: chatter, agent: sato, secondsBefore: 60 }
options:
  scopeLifetimeDays: { CHAT: 1 }
`);

    // Assess
    expect(issues).toEqual(
      expect.arrayContaining([
        "calls[0].channel: an email contact needs a caller with an email address",
        'calls[1].channel: a call needs a caller with a number; "chatter" has none',
        'calls[2].transfer.to: "suzuki" is not an agent\'s username',
        "calls[2].transfer.after: the transfer must come before the call ends (after < duration)",
        'preferences[0].caller: "nobody" is not a caller\'s name from callers',
        'preferences[1]: "kato" is not an agent\'s username',
        "options.scopeLifetimeDays: applies only with scope queue or channel",
        'history[0].caller: "chatter" is not a caller with a number from callers',
      ]),
    );
  });

  it("plans a customer key as the flow's attribute and a transfer to the agent's ID", () => {
    // Prepare
    const scenario = parseScenario(`
name: planned
agents:
  - username: sato
  - username: suzuki
callers:
  - { name: tanaka, number: "+81 90-1234-5678", email: tanaka@example.com, customerKey: CRM-1 }
calls:
  - { caller: tanaka, at: 0, duration: 60, transfer: { after: 20, to: suzuki } }
  - { caller: tanaka, at: 100, channel: CHAT }
  - { caller: tanaka, at: 200, channel: EMAIL }
options:
  customerKeyAttribute: crmId
`);

    // Act
    const plan = planScenario(scenario);

    // Assess
    const suzukiId = plan.agents.find((agent) => agent.username === "suzuki")?.id;
    expect(plan.calls).toMatchObject([
      {
        customerAddress: "+81 90-1234-5678",
        attributes: { crmId: "CRM-1" },
        transfer: { afterMs: 20_000, toAgentId: suzukiId },
      },
      { channel: "CHAT", attributes: { crmId: "CRM-1" } },
      { channel: "EMAIL", customerAddress: "tanaka@example.com" },
    ]);
    expect(plan.calls[1]?.customerAddress).toBeUndefined();
  });
});
