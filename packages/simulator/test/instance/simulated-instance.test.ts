import { webcrypto } from "node:crypto";
import { type FlowAction, placeholderCustomerQueueFlowArn } from "@connect-affinity/flow-builder";
import { describe, expect, it } from "vitest";
import { connectAffinitySystem } from "../../src/instance/connect-affinity-system.js";
import type { InstanceSite, InstanceSystem } from "../../src/instance/instance-system.js";
import { setEnvironment } from "../../src/instance/process-patches.js";
import {
  buildSimulatedInstance,
  type SimulatedInstanceSpec,
} from "../../src/instance/simulated-instance.js";
import type { SimulatedCall } from "../../src/instance/simulation.js";
import { flowOf, hangUp, invoke, setQueue, transfer } from "../helpers/flows.js";

const startMs = Date.UTC(2026, 0, 5, 0, 0, 0);

const call = (
  contactId: string,
  atSeconds: number,
  number: string,
  talkSeconds = 30,
): SimulatedCall => ({
  at: startMs + atSeconds * 1000,
  input: { contactId, channel: "VOICE", customerAddress: number, talkTimeMs: talkSeconds * 1000 },
});

const baseSpec = (system: InstanceSystem): SimulatedInstanceSpec => ({
  instanceId: "11111111-2222-4333-8444-555555555555",
  startMs,
  seed: 5,
  agents: [
    { username: "sato", id: "id-sato" },
    { username: "suzuki", id: "id-suzuki" },
    { username: "tanaka", id: "id-tanaka" },
  ],
  timing: { lambdaLatencyMs: 100, messageMs: 2000 },
  system,
});

/**
 * A hand-written system: `pick` answers `{ agentId }`, the flow sends the contact to that agent;
 * contact events and agent-event batches are kept for the test to read.
 */
function recordingSystem(
  pickAgentId: string,
  seen: { sites: InstanceSite[]; contactEvents: unknown[]; batches: unknown[] },
): InstanceSystem {
  return async (site) => {
    seen.sites.push(site);
    const pickArn = site.lambdaArn("pick");
    const pick = invoke("pick", "pick", "to-agent", "bye");
    const flow = flowOf("pick", [
      { ...pick, Parameters: { ...pick.Parameters, LambdaFunctionARN: pickArn } } as FlowAction,
      setQueue("to-agent", { AgentId: "$.External.agentId" }, "transfer", "bye"),
      transfer("transfer", "bye", "bye"),
      hangUp("bye"),
    ]);
    return {
      flow,
      functions: [
        {
          name: "pick",
          arn: pickArn,
          trigger: "flow",
          handler: async () => ({ agentId: pickAgentId }),
        },
        {
          name: "contact-event",
          arn: site.lambdaArn("contact-event"),
          trigger: "contact-events",
          handler: async (event) => {
            seen.contactEvents.push(event);
            return {};
          },
        },
        {
          name: "agent-events",
          arn: site.lambdaArn("agent-events"),
          trigger: "agent-events",
          handler: async (event) => {
            seen.batches.push(event);
            return { batchItemFailures: [] };
          },
        },
      ],
      uninstall: setEnvironment({ SIMULATED_INSTANCE_TEST: site.instanceArn }),
    };
  };
}

/** What the recording system writes into the environment while installed. */
const marker = (): string | undefined => {
  const { SIMULATED_INSTANCE_TEST: value } = process.env;
  return value;
};

const emptySeen = () => ({
  sites: [] as InstanceSite[],
  contactEvents: [] as unknown[],
  batches: [] as unknown[],
});

describe("a simulated instance", () => {
  it("routes a returning caller to their last agent, with connect-affinity's real handlers", async () => {
    // Prepare
    const instance = await buildSimulatedInstance(
      baseSpec(
        connectAffinitySystem({
          flow: "agent-queue",
          fallbackQueue: true,
          maxAttempts: 3,
          lambdaTimeLimitSeconds: 3,
          language: "en-US",
          presence: "connect-api",
        }),
      ),
    );
    try {
      // Act
      const results = await instance.run([
        call("first", 0, "+819011112222"),
        call("other", 60, "+819033334444"),
        call("again", 120, "+819011112222"),
      ]);
      // Assess
      const [first, other, again] = results;
      const agentOf = (result: (typeof results)[number] | undefined) =>
        result?.outcome.kind === "agent" ? result.outcome.agent.username : undefined;
      expect(agentOf(first)).toBeDefined();
      expect(agentOf(other)).not.toBe(agentOf(first));
      expect(agentOf(again)).toBe(agentOf(first));
      const firstRoute = again?.execution.trace.find((step) => step.kind === "lambda");
      expect(firstRoute).toMatchObject({
        kind: "lambda",
        result: "ok",
        response: { status: "agent", reason: "returning-caller" },
      });
      expect(
        instance.functionName(firstRoute?.kind === "lambda" ? firstRoute.functionArn : ""),
      ).toBe("route");
      expect(instance.lambdaCounters().invocations).toMatchObject({
        route: 3,
        record: 3,
        "contact-event": 3,
        "agent-events": 0,
      });
    } finally {
      await instance.close();
    }
  });

  it("deploys the customer queue flow with a wait, and the agent-queue flow sets it before each agent transfer", async () => {
    // Prepare
    const instance = await buildSimulatedInstance(
      baseSpec(
        connectAffinitySystem({
          flow: "agent-queue",
          fallbackQueue: true,
          maxAttempts: 3,
          lambdaTimeLimitSeconds: 3,
          language: "en-US",
          presence: "connect-api",
          wait: { preferredWaitSeconds: 20 },
        }),
      ),
    );
    try {
      // Act
      const results = await instance.run([
        call("first", 0, "+819011112222"),
        call("again", 120, "+819011112222"),
      ]);

      // Assess: both reach an agent, the returning caller their own, each with the hook set.
      const [first, again] = results;
      expect(first?.outcome.kind).toBe("agent");
      expect(again?.outcome).toMatchObject({
        kind: "agent",
        agent: first?.outcome.kind === "agent" ? { username: first.outcome.agent.username } : {},
      });
      for (const result of results) {
        expect(result.execution.trace).toContainEqual({
          kind: "other",
          actionId: "set-customer-queue-flow",
          type: "UpdateContactEventHooks",
          note: `CustomerQueue:${placeholderCustomerQueueFlowArn}`,
        });
        expect(result.execution.customerQueueFlow).toBe(placeholderCustomerQueueFlowArn);
      }
    } finally {
      await instance.close();
    }
  });

  it("sends each answered contact's CONNECTED_TO_AGENT event to the system's contact-event function", async () => {
    // Prepare
    const seen = emptySeen();
    const instance = await buildSimulatedInstance(baseSpec(recordingSystem("id-suzuki", seen)));
    try {
      // Act
      const [result] = await instance.run([call("c-1", 5, "+819011112222")]);
      // Assess
      expect(result?.outcome).toMatchObject({ kind: "agent", agent: { username: "suzuki" } });
      expect(seen.contactEvents).toEqual([
        expect.objectContaining({
          "detail-type": "Amazon Connect Contact Event",
          detail: expect.objectContaining({
            contactId: "c-1",
            eventType: "CONNECTED_TO_AGENT",
            agentInfo: expect.objectContaining({
              agentArn: `${instance.site.instanceArn}/agent/id-suzuki`,
            }),
          }),
        }),
      ]);
    } finally {
      await instance.close();
    }
  });

  it("feeds the agent event stream to the system's agent-events function, from the floor at the start", async () => {
    // Prepare
    const seen = emptySeen();
    const instance = await buildSimulatedInstance({
      ...baseSpec(recordingSystem("id-sato", seen)),
      contactsInProgress: [{ agentIndex: 2, contactId: "warm", remainingMs: 60_000 }],
    });
    try {
      // Act
      await instance.agentEvents?.deliverDue(startMs);
      // Assess
      const [batch] = seen.batches as { Records: { kinesis: { data: string } }[] }[];
      const events = (batch?.Records ?? []).map(
        (record) =>
          JSON.parse(Buffer.from(record.kinesis.data, "base64").toString("utf8")) as {
            readonly AgentARN: string;
            readonly CurrentAgentSnapshot: { readonly Contacts: readonly unknown[] };
          },
      );
      expect(events).toHaveLength(3);
      const tanaka = events.find((event) => event.AgentARN.endsWith("/agent/id-tanaka"));
      expect(tanaka?.CurrentAgentSnapshot.Contacts).toHaveLength(1);
    } finally {
      await instance.close();
    }
  });

  it("invokes a scheduled function on the simulated clock, with the schedule's input", async () => {
    // Prepare
    const seen = emptySeen();
    const refreshes: unknown[] = [];
    const recording = recordingSystem("id-sato", seen);
    const withSchedule: InstanceSystem = async (site) => {
      const installed = await recording(site);
      return {
        ...installed,
        functions: [
          ...installed.functions,
          {
            name: "refresh",
            arn: site.lambdaArn("refresh"),
            trigger: "schedule",
            everyMs: 30_000,
            input: '{"time":"<aws.scheduler.scheduled-time>"}',
            handler: async (event) => {
              refreshes.push(event);
              return {};
            },
          },
        ],
      };
    };
    const instance = await buildSimulatedInstance(baseSpec(withSchedule));
    try {
      // Act: events at 0, 45 and 70 s (and the contacts' own steps)
      await instance.run([call("c-1", 0, "+819011112222", 5), call("c-2", 70, "+819033334444", 5)]);
      // Assess
      expect(refreshes).toEqual([
        { time: "2026-01-05T00:00:00Z" },
        { time: "2026-01-05T00:00:30Z" },
        { time: "2026-01-05T00:01:00Z" },
      ]);
      expect(instance.schedules.map((schedule) => schedule.stats())).toEqual([
        { invocations: 3, failures: 0 },
      ]);
      expect(instance.lambdaCounters().invocations).toMatchObject({ refresh: 3 });
    } finally {
      await instance.close();
    }
  });

  it("lets an instrument see every invocation, and counts each function until reset", async () => {
    // Prepare
    const seen = emptySeen();
    const observed: string[] = [];
    const instance = await buildSimulatedInstance({
      ...baseSpec(recordingSystem("id-sato", seen)),
      instrument: (handler, fn) => async (event) => {
        observed.push(fn.name);
        return handler(event);
      },
    });
    try {
      // Act
      await instance.run([call("c-1", 0, "+819011112222"), call("c-2", 40, "+819033334444")]);
      const counted = instance.lambdaCounters().invocations;
      instance.resetCounters();
      // Assess
      expect(observed.filter((name) => name === "pick")).toHaveLength(2);
      expect(observed.filter((name) => name === "contact-event")).toHaveLength(2);
      expect(counted).toMatchObject({ pick: 2, "contact-event": 2 });
      expect(instance.lambdaCounters().invocations).toEqual({
        pick: 0,
        "contact-event": 0,
        "agent-events": 0,
      });
      expect(instance.emulator.stats().calls).toEqual(
        Object.fromEntries(Object.keys(instance.emulator.stats().calls).map((api) => [api, 0])),
      );
    } finally {
      await instance.close();
    }
  });

  it("runs on simulated time while it exists, and gives the process back when closed", async () => {
    // Prepare
    const seen = emptySeen();
    const realNow = Date.now;
    const realRandom = webcrypto.getRandomValues;
    // Act
    const instance = await buildSimulatedInstance(baseSpec(recordingSystem("id-sato", seen)));
    const during = {
      now: Date.now(),
      environment: marker(),
      random: webcrypto.getRandomValues === realRandom,
    };
    await instance.close();
    // Assess
    expect(during).toEqual({ now: startMs, environment: instance.site.instanceArn, random: false });
    expect(Date.now).toBe(realNow);
    expect(webcrypto.getRandomValues).toBe(realRandom);
    expect(marker()).toBeUndefined();
  });

  it("undoes what it did when the system cannot be installed", async () => {
    // Prepare
    const realNow = Date.now;
    let endpoint: string | undefined;
    const failing: InstanceSystem = async (site) => {
      endpoint = site.dynamoDbEndpoint;
      throw new Error("bundle missing");
    };
    // Act
    const building = buildSimulatedInstance(baseSpec(failing));
    // Assess
    await expect(building).rejects.toThrow("bundle missing");
    expect(Date.now).toBe(realNow);
    await expect(fetch(`${endpoint}/`, { method: "POST" })).rejects.toThrow();
  });
});
