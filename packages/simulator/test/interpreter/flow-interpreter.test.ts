import type { FlowAction } from "@connect-affinity/flow-builder";
import { describe, expect, it } from "vitest";
import { FlowRefusedError } from "../../src/interpreter/errors.js";
import { maxResponseBytes } from "../../src/interpreter/lambda-response.js";
import {
  checkAvailable,
  compare,
  fallbackQueue,
  flowOf,
  hangUp,
  harness,
  invoke,
  lambdaArn,
  loop,
  routingCriteria,
  say,
  setAttributes,
  setQueue,
  standardQueue,
  transfer,
} from "../helpers/flows.js";

/** invoke fn → compare $.External.status (= agent) → "yes" message, else "no" message; both hang up. */
const statusFlow = (fn = "fn", extra: Parameters<typeof invoke>[4] = {}) =>
  flowOf("invoke", [
    invoke("invoke", fn, "check", "failed", extra),
    compare("check", "$.External.status", [["Equals", "agent", "yes"]], "no"),
    say("yes", "yes", "bye"),
    say("no", "no", "bye"),
    say("failed", "failed", "bye"),
    hangUp("bye"),
  ]);

/** The route-and-transfer core of the agent-queue flow, written by hand. */
const agentFlow = flowOf("route", [
  invoke("route", "route", "save", "sorry"),
  setAttributes("save", { agentArn: "$.External.agentArn" }, "set-agent-queue", "sorry"),
  setQueue("set-agent-queue", { AgentId: "$.Attributes.agentArn" }, "available", "sorry"),
  checkAvailable("available", undefined, "to-agent", "set-fallback"),
  transfer("to-agent", "set-fallback", "set-fallback"),
  setQueue("set-fallback", { QueueId: fallbackQueue.arn }, "to-fallback", "sorry"),
  transfer("to-fallback", "sorry", "sorry"),
  say("sorry", "Sorry, nobody can take your call.", "bye"),
  hangUp("bye"),
]);

const offer = (agent: string) => async () => ({
  status: "agent",
  agentArn: `arn:aws:connect:ap-northeast-1:123456789012:instance/11111111-2222-4333-8444-555555555555/agent/id-${agent}`,
});

describe("InvokeLambdaFunction", () => {
  it("passes resolved parameters in a Connect-shaped event and reads the response as $.External", async () => {
    // Prepare
    const events: unknown[] = [];
    const flow = flowOf("set", [
      setAttributes("set", { tried: "sato" }, "invoke", "bye"),
      invoke("invoke", "fn", "check", "bye", {
        parameters: { cursor: "$.Attributes.tried", channel: "$.Channel", fixed: "v1" },
      }),
      compare("check", "$.External.status", [["Equals", "agent", "yes"]], "bye"),
      say("yes", "Agent $.External.agentId found", "bye"),
      hangUp("bye"),
    ]);
    const { run } = harness(flow, {
      lambdas: {
        fn: async (event) => {
          events.push(event);
          return { status: "agent", agentId: "a-1" };
        },
      },
    });

    // Act
    const [result] = await run({ contactId: "c-1", customerAddress: "+819012345678" });

    // Assess
    expect(events).toEqual([
      {
        Name: "ContactFlowEvent",
        Details: {
          ContactData: expect.objectContaining({
            ContactId: "c-1",
            Channel: "VOICE",
            InstanceARN: expect.stringMatching(/^arn:aws:connect:.*:instance\//),
            CustomerEndpoint: { Address: "+819012345678", Type: "TELEPHONE_NUMBER" },
            Attributes: { tried: "sato" },
            Queue: null,
          }),
          Parameters: { cursor: "sato", channel: "VOICE", fixed: "v1" },
        },
      },
    ]);
    expect(result?.execution.transcript).toEqual(["Agent a-1 found"]);
    expect(result?.outcome.kind).toBe("disconnected");
  });

  it("sends no customer endpoint for a chat", async () => {
    // Prepare
    const events: unknown[] = [];
    const { run } = harness(statusFlow(), {
      lambdas: {
        fn: async (event) => {
          events.push(event);
          return { status: "none" };
        },
      },
    });

    // Act
    await run({ channel: "CHAT", customerAddress: undefined });

    // Assess
    expect(events).toMatchObject([
      { Details: { ContactData: { Channel: "CHAT", CustomerEndpoint: null } } },
    ]);
  });

  it("replaces $.External with each response, so an older response's keys are gone", async () => {
    // Prepare
    const flow = flowOf("first", [
      invoke("first", "first", "second", "bye"),
      invoke("second", "second", "check", "bye"),
      compare("check", "$.External.status", [["Equals", "agent", "yes"]], "no"),
      say("yes", "still there", "bye"),
      say("no", "gone", "bye"),
      hangUp("bye"),
    ]);
    const { run } = harness(flow, {
      lambdas: { first: async () => ({ status: "agent" }), second: async () => ({ other: "x" }) },
    });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["gone"]);
  });

  const failures: readonly (readonly [string, () => Promise<unknown>, string])[] = [
    ["the function throws", () => Promise.reject(new Error("boom")), "lambda-error"],
    [
      "the response is nested",
      async () => ({ status: { nested: "agent" } }),
      "response-not-string-map",
    ],
    ["a value is a number", async () => ({ status: "agent", count: 3 }), "response-not-string-map"],
    ["the response is not an object", async () => "agent", "response-not-string-map"],
    [
      "the response is over 32 KB",
      async () => ({ status: "agent", padding: "x".repeat(maxResponseBytes) }),
      "response-too-large",
    ],
  ];

  it.each(failures)("takes the error branch when %s", async (_case, lambda, reason) => {
    // Prepare
    const { run } = harness(statusFlow(), { lambdas: { fn: lambda } });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["failed"]);
    expect(result?.execution.trace).toContainEqual(
      expect.objectContaining({ kind: "lambda", result: reason }),
    );
    expect(result?.execution.external).toEqual({});
  });

  it("takes the error branch when the modelled latency exceeds InvocationTimeLimitSeconds", async () => {
    // Prepare
    const { run } = harness(statusFlow("fn", { timeLimitSeconds: 2 }), {
      lambdas: { fn: async () => ({ status: "agent" }) },
      timing: { lambdaLatencyMs: (arn) => (arn === lambdaArn("fn") ? 2500 : 100) },
    });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["failed"]);
    expect(result?.execution.trace).toContainEqual(
      expect.objectContaining({ kind: "lambda", result: "lambda-timeout" }),
    );
  });

  it("takes the error branch when the function never answers within its time limit", async () => {
    // Prepare
    const { run } = harness(statusFlow("fn", { timeLimitSeconds: 1 }), {
      lambdas: { fn: () => new Promise<never>(() => undefined) },
    });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.trace).toContainEqual(
      expect.objectContaining({ kind: "lambda", result: "lambda-timeout" }),
    );
  });

  it("takes the error branch for a function the simulation does not have", async () => {
    // Prepare
    const { run } = harness(statusFlow("missing"), { lambdas: {} });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["failed"]);
  });

  it("accepts a nested response with JSON validation and reads it by path", async () => {
    // Prepare
    const flow = flowOf("invoke", [
      invoke("invoke", "fn", "check", "bye", { responseType: "JSON" }),
      compare("check", "$.External.agent.name", [["Equals", "sato", "yes"]], "bye"),
      say("yes", "nested ok", "bye"),
      hangUp("bye"),
    ]);
    const { run } = harness(flow, { lambdas: { fn: async () => ({ agent: { name: "sato" } }) } });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["nested ok"]);
  });
});

describe("Compare", () => {
  const operatorFlow = flowOf("invoke", [
    invoke("invoke", "fn", "check", "bye"),
    compare(
      "check",
      "$.External.value",
      [
        ["NumberGreaterThan", "10", "big"],
        ["TextStartsWith", "ab", "prefix"],
        ["TextContains", "b", "contains"],
        ["TextEndsWith", "z", "suffix"],
        ["NumberLessOrEqualTo", "3", "small"],
        ["Equals", "7", "seven"],
      ],
      "none",
    ),
    say("big", "big", "bye"),
    say("prefix", "prefix", "bye"),
    say("contains", "contains", "bye"),
    say("suffix", "suffix", "bye"),
    say("small", "small", "bye"),
    say("seven", "seven", "bye"),
    say("none", "none", "bye"),
    hangUp("bye"),
  ]);

  it.each([
    ["12", "big"],
    ["abc", "prefix"],
    ["cbc", "contains"],
    ["xyz", "suffix"],
    ["2", "small"],
    ["7", "seven"],
    ["5", "none"],
    ["q", "none"],
  ])("sends %s down the first branch whose condition holds (%s)", async (value, branch) => {
    // Prepare
    const { run } = harness(operatorFlow, { lambdas: { fn: async () => ({ value }) } });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual([branch]);
  });

  it("takes NoMatchingCondition when the compared value is absent", async () => {
    // Prepare
    const { run } = harness(operatorFlow, { lambdas: { fn: async () => ({ other: "x" }) } });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["none"]);
    expect(result?.execution.trace).toContainEqual(
      expect.objectContaining({ kind: "compare", value: "(absent)", matched: false }),
    );
  });
});

describe("UpdateContactAttributes", () => {
  it("takes the error branch when a value refers to nothing", async () => {
    // Prepare
    const flow = flowOf("set", [
      setAttributes("set", { agent: "$.External.agentId" }, "ok", "failed"),
      say("ok", "ok", "bye"),
      say("failed", "failed", "bye"),
      hangUp("bye"),
    ]);
    const { run } = harness(flow);

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["failed"]);
    expect(result?.execution.attributes).toEqual({});
  });
});

describe("Loop", () => {
  const loopFlow = flowOf("count", [
    loop("count", 2, "again", "done"),
    say("again", "again", "count"),
    say("done", "done", "bye"),
    hangUp("bye"),
  ]);

  it("continues LoopCount times, then is done", async () => {
    // Prepare
    const { run } = harness(loopFlow);

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["again", "again", "done"]);
  });

  it("counts each contact's passes separately", async () => {
    // Prepare
    const { run } = harness(loopFlow);

    // Act
    const results = await run({ contactId: "a" }, { contactId: "b" });

    // Assess
    expect(results.map((result) => result.execution.transcript)).toEqual([
      ["again", "again", "done"],
      ["again", "again", "done"],
    ]);
  });
});

describe("CheckMetricData", () => {
  const agentArn = (name: string) =>
    `arn:aws:connect:ap-northeast-1:123456789012:instance/11111111-2222-4333-8444-555555555555/agent/id-${name}`;
  const staffingFlow = flowOf("check", [
    checkAvailable("check", agentArn("sato"), "yes", "no"),
    say("yes", "available", "bye"),
    say("no", "unavailable", "bye"),
    hangUp("bye"),
  ]);

  it("answers more than zero for an available agent", async () => {
    // Prepare
    const { run } = harness(staffingFlow);

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["available"]);
  });

  it("takes NoMatchingCondition for an agent who is busy", async () => {
    // Prepare
    const { run, floor } = harness(staffingFlow);
    floor.busy.add("id-sato");

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["unavailable"]);
  });

  it("takes the error branch without a working queue or an agent to check", async () => {
    // Prepare
    const flow = flowOf("check", [
      checkAvailable("check", undefined, "yes", "no"),
      say("yes", "available", "bye"),
      say("no", "unavailable", "bye"),
      hangUp("bye"),
    ]);
    const { run } = harness(flow);

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.trace).toContainEqual(
      expect.objectContaining({ kind: "error", reason: "no-working-queue" }),
    );
    expect(result?.execution.transcript).toEqual(["unavailable"]);
  });
});

describe("UpdateContactTargetQueue and TransferContactToQueue", () => {
  it("connects the contact to the agent the Lambda named, who becomes busy for the call", async () => {
    // Prepare
    const { run, floor } = harness(agentFlow, { lambdas: { route: offer("suzuki") } });

    // Act
    const [result] = await run({ contactId: "c-1", talkTimeMs: 120_000 });

    // Assess
    expect(result?.outcome).toMatchObject({
      kind: "agent",
      agent: { username: "suzuki" },
      queue: { kind: "agent" },
    });
    expect(floor.assignments).toEqual([{ agentId: "id-suzuki", contactId: "c-1" }]);
    expect(floor.isAvailable("id-suzuki", "VOICE")).toBe(false);
  });

  it("sends the contact to the fallback queue when the named agent is busy, where another agent answers", async () => {
    // Prepare
    const { run, floor } = harness(agentFlow, { lambdas: { route: offer("sato") } });
    floor.busy.add("id-sato");

    // Act
    const [result] = await run();

    // Assess
    expect(result?.outcome).toMatchObject({
      kind: "agent",
      agent: { username: "suzuki" },
      queue: { kind: "queue", queue: { role: "fallback" } },
    });
  });

  it("takes the error branch for an agent the instance does not have", async () => {
    // Prepare
    const { run } = harness(agentFlow, { lambdas: { route: offer("nobody") } });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.outcome.kind).toBe("disconnected");
    expect(result?.execution.trace).toContainEqual(
      expect.objectContaining({ kind: "error", reason: "unknown-agent" }),
    );
  });

  it("takes QueueAtCapacity when the agent's queue already holds a waiting contact", async () => {
    // Prepare: sato is busy for 30 s; the first caller waits for sato, the second finds the queue full.
    const flow = flowOf("set-agent-queue", [
      setQueue("set-agent-queue", { AgentId: "id-sato" }, "to-agent", "sorry"),
      transfer("to-agent", "full", "sorry"),
      say("full", "queue full", "bye"),
      say("sorry", "sorry", "bye"),
      hangUp("bye"),
    ]);
    const { run, floor } = harness(flow, { limits: { agentQueueCapacity: 1 } });
    floor.assign("id-sato", { contactId: "earlier", durationMs: 30_000 });

    // Act
    const [first, second] = await run({ contactId: "first" }, { contactId: "second", atMs: 1000 });

    // Assess
    expect(first?.outcome).toMatchObject({ kind: "agent", agent: { username: "sato" } });
    expect(
      first?.outcome.kind === "agent" && first.outcome.connectedAt - first.execution.arrivedAt,
    ).toBe(30_000);
    expect(second?.execution.transcript).toEqual(["queue full"]);
  });

  it("lets a caller who waits too long for a busy agent hang up", async () => {
    // Prepare
    const flow = flowOf("set-agent-queue", [
      setQueue("set-agent-queue", { AgentId: "id-sato" }, "to-agent", "bye"),
      transfer("to-agent", "bye", "bye"),
      hangUp("bye"),
    ]);
    const { run, floor } = harness(flow, { limits: { agentQueueMaxWaitMs: 10_000 } });
    floor.busy.add("id-sato");

    // Act
    const [result] = await run();

    // Assess
    expect(result?.outcome).toMatchObject({ kind: "abandoned", queue: { kind: "agent" } });
  });

  it("takes the error branch when no working queue was set", async () => {
    // Prepare
    const flow = flowOf("to-queue", [
      transfer("to-queue", "sorry", "sorry"),
      say("sorry", "sorry", "bye"),
      hangUp("bye"),
    ]);
    const { run } = harness(flow);

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["sorry"]);
    expect(result?.outcome.kind).toBe("disconnected");
  });
});

describe("UpdateContactRoutingCriteria", () => {
  const criteriaFlow = flowOf("invoke", [
    invoke("invoke", "criteria", "set-criteria", "set-queue", { responseType: "JSON" }),
    routingCriteria("set-criteria", "$.External.routingCriteria", "set-queue"),
    setQueue("set-queue", { QueueId: standardQueue.id }, "to-queue", "bye"),
    transfer("to-queue", "bye", "bye"),
    hangUp("bye"),
  ]);
  const preferring = (agent: string, expirySeconds: number) => async () => ({
    status: "preferred",
    routingCriteria: {
      Steps: [
        {
          Expression: {
            AttributeCondition: {
              ComparisonOperator: "Match",
              MatchCriteria: { AgentsCriteria: { AgentIds: [`id-${agent}`] } },
            },
          },
          Expiry: { DurationInSeconds: expirySeconds },
        },
      ],
    },
  });

  it("offers the contact to the preferred agent first", async () => {
    // Prepare: without criteria the longest-idle agent (sato, first) would answer.
    const { run } = harness(criteriaFlow, { lambdas: { criteria: preferring("suzuki", 30) } });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.outcome).toMatchObject({ kind: "agent", agent: { username: "suzuki" } });
  });

  it("offers the contact to any agent of the queue once the preferred agent's step expires", async () => {
    // Prepare
    const { run, floor } = harness(criteriaFlow, {
      lambdas: { criteria: preferring("suzuki", 30) },
    });
    floor.busy.add("id-suzuki");

    // Act
    const [result] = await run();

    // Assess
    expect(result?.outcome).toMatchObject({ kind: "agent", agent: { username: "sato" } });
    expect(
      result?.outcome.kind === "agent" && result.outcome.connectedAt - result.execution.arrivedAt,
    ).toBeGreaterThanOrEqual(30_000);
  });

  it("takes the error branch for criteria that are not routing steps", async () => {
    // Prepare
    const { run } = harness(criteriaFlow, {
      lambdas: { criteria: async () => ({ routingCriteria: { Steps: "none" } }) },
    });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.trace).toContainEqual(
      expect.objectContaining({ kind: "error", reason: "invalid-routing-criteria" }),
    );
    expect(result?.outcome).toMatchObject({ kind: "agent", agent: { username: "sato" } });
  });
});

describe("flow validation and bounds", () => {
  it("refuses a flow Connect would reject, listing every problem", () => {
    // Prepare
    const broken = flowOf("invoke", [
      {
        ...invoke("invoke", "fn", "nowhere", "bye"),
        Transitions: { NextAction: "nowhere" },
      } as FlowAction,
      say("empty", "", "bye"),
      hangUp("bye"),
    ]);

    // Act
    const act = () => harness(broken);

    // Assess
    expect(act).toThrow(FlowRefusedError);
    try {
      act();
    } catch (error) {
      const rules = (error as FlowRefusedError).problems.map((problem) => problem.rule);
      expect(rules).toEqual(["unknown-transition-target", "empty-string"]);
      expect((error as Error).message).toContain("nowhere");
    }
  });

  it("runs a flow Connect accepts although the strict profile would not (no Lambda error branch)", async () => {
    // Prepare
    const flow = flowOf("invoke", [
      { ...invoke("invoke", "fn", "bye", "bye"), Transitions: { NextAction: "bye" } } as FlowAction,
      hangUp("bye"),
    ]);
    const { run } = harness(flow, { lambdas: { fn: async () => ({ status: "none" }) } });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.outcome.kind).toBe("disconnected");
  });

  it("stops a contact that exceeds the step bound and reports it as a dead end", async () => {
    // Prepare
    const flow = flowOf("count", [
      loop("count", 100, "again", "done"),
      say("again", "again", "count"),
      say("done", "done", "bye"),
      hangUp("bye"),
    ]);
    const { run } = harness(flow, { timing: { maxSteps: 20 } });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.outcome).toMatchObject({ kind: "dead-end", reason: "step-bound" });
    expect(result?.execution.steps).toBe(20);
  });

  it("plays messages in order and ends at Disconnect", async () => {
    // Prepare
    const flow = flowOf("one", [say("one", "one", "two"), say("two", "two", "bye"), hangUp("bye")]);
    const { run } = harness(flow, { timing: { messageMs: 1500 } });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["one", "two"]);
    expect(
      result?.outcome.kind === "disconnected" && result.outcome.at - result.execution.arrivedAt,
    ).toBe(3000);
  });
});
