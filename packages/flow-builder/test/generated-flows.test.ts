import {
  contactAttributes,
  lambdaParameters,
  routingCriteriaAgentSlots,
  routingCriteriaRingSlots,
} from "@connect-affinity/core/contract";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  agentQueueFlow,
  assertValidFlow,
  type FlowAction,
  type FlowDocument,
  type FlowOptions,
  FlowOptionsError,
  flowToJson,
  flowVariants,
  generateFlow,
  placeholderCustomerQueueFlowArn,
  placeholderLambdaArns,
  placeholderQueueArns,
  routingCriteriaFlow,
  validateFlow,
} from "../src/index.js";
import { anyFlowOptions, flowOptions } from "./helpers/flow-options-factory.js";
import { flowPaths } from "./helpers/flow-paths.js";

function action(flow: FlowDocument, id: string): FlowAction {
  const found = flow.Actions.find((candidate) => candidate.Identifier === id);
  if (found === undefined) throw new Error(`no action ${id}`);
  return found;
}

function errorTargets(flow: FlowDocument, id: string): readonly string[] {
  const transitions = action(flow, id).Transitions;
  return "Errors" in transitions && transitions.Errors !== undefined
    ? transitions.Errors.map((entry) => entry.NextAction)
    : [];
}

describe("generated flows", { timeout: 60_000 }, () => {
  it("pass the validator for any valid option combination", () => {
    fc.assert(
      fc.property(anyFlowOptions, fc.constantFrom(...flowVariants), (options, variant) => {
        // Act
        const problems = validateFlow(generateFlow(variant, options), { profile: "strict" });

        // Assess
        expect(problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("end every path at a transfer or a disconnect, whatever the options", () => {
    fc.assert(
      fc.property(anyFlowOptions, fc.constantFrom(...flowVariants), (options, variant) => {
        // Act
        const paths = flowPaths(generateFlow(variant, options));

        // Assess
        const defects = paths.filter(
          (path) => path.end !== "transfer" && path.end !== "disconnect",
        );
        expect(defects).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it("are identical for identical options", () => {
    for (const variant of flowVariants) {
      expect(flowToJson(generateFlow(variant, flowOptions()))).toBe(
        flowToJson(generateFlow(variant, flowOptions())),
      );
    }
  });

  it("keep identifiers readable and within the flow language's rules", () => {
    for (const variant of flowVariants) {
      for (const { Identifier } of generateFlow(variant, flowOptions()).Actions) {
        expect(Identifier).toMatch(/^[a-z][a-z-]{2,49}$/);
      }
    }
  });

  it("place every action on the console canvas in columns and rows", () => {
    for (const variant of flowVariants) {
      // Act
      const flow = generateFlow(variant, flowOptions());

      // Assess
      const positions = flow.Actions.map(
        ({ Identifier }) => flow.Metadata?.ActionMetadata?.[Identifier]?.position,
      );
      expect(positions.every((position) => position !== undefined)).toBe(true);
      const keys = positions.map((position) => `${position?.x},${position?.y}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(flow.Metadata?.entryPointPosition?.x).toBeLessThan(
        Math.min(...positions.map((position) => position?.x ?? 0)),
      );
    }
  });
});

describe("the agent-queue flow", () => {
  it("matches the reviewed JSON without a fallback queue", async () => {
    await expect(`${flowToJson(agentQueueFlow(flowOptions()))}\n`).toMatchFileSnapshot(
      "./__snapshots__/agent-queue.json",
    );
  });

  it("matches the reviewed JSON with a fallback queue, three attempts, in English", async () => {
    const flow = agentQueueFlow(
      flowOptions({
        fallbackQueueArn: placeholderQueueArns.fallback,
        maxAttempts: 3,
        language: "en-US",
      }),
    );
    await expect(`${flowToJson(flow)}\n`).toMatchFileSnapshot(
      "./__snapshots__/agent-queue-with-fallback.json",
    );
  });

  it("sets the working queue to the agent the route Lambda offers, by the contract's attributes", () => {
    // Act
    const flow = agentQueueFlow(flowOptions());

    // Assess
    expect(action(flow, "save-agent").Parameters).toEqual({
      Attributes: {
        [contactAttributes.agentId]: "$.External.agentId",
        [contactAttributes.agentArn]: "$.External.agentArn",
        [contactAttributes.cursor]: "$.External.cursor",
        [contactAttributes.reason]: "$.External.reason",
      },
      TargetContact: "Current",
    });
    expect(action(flow, "set-agent-queue").Parameters).toEqual({
      AgentId: "$.Attributes.affinityAgentArn",
    });
    expect(action(flow, "check-agent-available").Parameters).toEqual({
      MetricType: "NumberOfAgentsAvailable",
      AgentId: "$.Attributes.affinityAgentArn",
    });
  });

  it("passes each Lambda exactly the parameters the contract declares", () => {
    // Act
    const flow = agentQueueFlow(flowOptions());

    // Assess
    const sent = (id: string): unknown =>
      (action(flow, id).Parameters as { LambdaInvocationAttributes?: unknown })
        .LambdaInvocationAttributes;
    expect(sent("invoke-route")).toBeUndefined();
    expect(lambdaParameters.route).toEqual([]);
    expect(sent("invoke-next-agent")).toEqual({ cursor: "$.Attributes.affinityCursor" });
    expect(Object.keys(sent("invoke-next-agent") as object)).toEqual([
      ...lambdaParameters.nextAgent,
    ]);
    expect(sent("invoke-record")).toEqual({ agentId: "$.Attributes.affinityAgentId" });
    expect(Object.keys(sent("invoke-record") as object)).toEqual([...lambdaParameters.record]);
  });

  it("bounds the retries with a Loop of maxAttempts - 1 next-agent calls", () => {
    for (const maxAttempts of [1, 5, 100]) {
      const loop = action(agentQueueFlow(flowOptions({ maxAttempts })), "count-attempts");
      expect(loop.Parameters).toEqual({ LoopCount: String(maxAttempts - 1) });
    }
  });

  it("invokes every Lambda synchronously with the configured time limit", () => {
    const flow = agentQueueFlow(flowOptions({ lambdaTimeLimitSeconds: 8 }));
    for (const id of ["invoke-route", "invoke-next-agent", "invoke-record"]) {
      expect(action(flow, id).Parameters).toMatchObject({
        InvocationType: "SYNCHRONOUS",
        InvocationTimeLimitSeconds: "8",
        ResponseValidation: { ResponseType: "STRING_MAP" },
      });
    }
    expect(action(flow, "invoke-route").Parameters).toMatchObject({
      LambdaFunctionARN: placeholderLambdaArns.route,
    });
  });

  it("reaches the agent through next-agent when the first agent is busy", () => {
    const transfers = flowPaths(agentQueueFlow(flowOptions()))
      .filter((path) => path.end === "transfer")
      .map((path) => path.actions);
    expect(transfers).toContainEqual([
      "set-voice",
      "invoke-route",
      "check-route-status",
      "save-agent",
      "set-agent-queue",
      "check-offer-presence",
      "check-agent-available",
      "check-offer-reason",
      "count-attempts",
      "invoke-next-agent",
      "check-next-agent-status",
      "save-agent",
      "set-agent-queue",
      "check-offer-presence",
      "check-agent-available",
      "invoke-record",
      "play-agent-message",
      "start-queue-wait",
      "set-customer-queue-flow",
      "transfer-to-agent",
    ]);
  });

  it("still transfers the caller when the record Lambda fails", () => {
    const flow = agentQueueFlow(flowOptions());
    expect(errorTargets(flow, "invoke-record")).toEqual(["play-connecting"]);
    expect(action(flow, "play-connecting").Transitions).toMatchObject({
      NextAction: "start-queue-wait",
    });
  });

  it("sends every failure to the fallback queue when one is configured", () => {
    // Act
    const flow = agentQueueFlow(flowOptions({ fallbackQueueArn: placeholderQueueArns.fallback }));

    // Assess
    for (const id of [
      "invoke-route",
      "save-agent",
      "set-agent-queue",
      "check-agent-available",
      "invoke-next-agent",
    ]) {
      expect(errorTargets(flow, id).at(-1)).toBe("set-fallback-queue");
    }
    // A failed transfer to the agent's queue first ends the bounded stay there.
    expect(errorTargets(flow, "transfer-to-agent")).toEqual(["stop-queue-wait", "stop-queue-wait"]);
    expect(action(flow, "stop-queue-wait").Transitions).toMatchObject({
      NextAction: "set-fallback-queue",
    });
    expect(action(flow, "set-fallback-queue").Parameters).toEqual({
      QueueId: placeholderQueueArns.fallback,
    });
    expect(errorTargets(flow, "transfer-to-fallback")).toEqual(["play-sorry", "play-sorry"]);
  });

  it("apologises and hangs up when nobody can take the call and no fallback queue exists", () => {
    // Act
    const flow = agentQueueFlow(flowOptions({ language: "en-US" }));

    // Assess
    expect(flow.Actions.map((entry) => entry.Identifier)).not.toContain("set-fallback-queue");
    expect(errorTargets(flow, "invoke-route")).toEqual(["play-sorry"]);
    expect(action(flow, "play-sorry").Parameters).toEqual({
      Text: expect.stringContaining("call again later"),
    });
    expect(action(flow, "play-sorry").Transitions).toEqual({
      NextAction: "disconnect",
      Errors: [{ NextAction: "disconnect", ErrorType: "NoMatchingError" }],
    });
  });

  it("speaks English with a neural voice by default, Japanese when asked, SSML when given", () => {
    const english = agentQueueFlow(flowOptions());
    expect(action(english, "set-voice").Parameters).toEqual({
      TextToSpeechVoice: "Joanna",
      TextToSpeechEngine: "Neural",
    });
    expect(action(english, "play-sorry").Parameters).toEqual({
      Text: expect.stringContaining("call again later"),
    });
    const japanese = agentQueueFlow(flowOptions({ language: "ja-JP" }));
    expect(action(japanese, "set-voice").Parameters).toEqual({
      TextToSpeechVoice: "Kazuha",
      TextToSpeechEngine: "Neural",
    });
    expect(action(japanese, "play-sorry").Parameters).toEqual({
      Text: expect.stringContaining("申し訳ございません"),
    });
    const ssml = agentQueueFlow(
      flowOptions({ messages: { sorry: { ssml: "<speak>Sorry.</speak>" } } }),
    );
    expect(action(ssml, "play-sorry").Parameters).toEqual({ SSML: "<speak>Sorry.</speak>" });
  });

  it("uses the standard engine for a chosen voice without a neural version when told", () => {
    const flow = agentQueueFlow(
      flowOptions({ language: "ja-JP", voice: "Mizuki", voiceEngine: "standard" }),
    );
    expect(action(flow, "set-voice").Parameters).toEqual({ TextToSpeechVoice: "Mizuki" });
  });
});

describe("the routing-criteria flow", () => {
  it("matches the reviewed JSON", async () => {
    await expect(
      `${flowToJson(
        routingCriteriaFlow({
          lambdaArns: { routingCriteria: placeholderLambdaArns.routingCriteria },
          standardQueueArn: placeholderQueueArns.standard,
        }),
      )}\n`,
    ).toMatchFileSnapshot("./__snapshots__/routing-criteria.json");
  });

  it("sets static routing steps whose agents are JSONPaths into the Lambda's agent slots", () => {
    // Act
    const flow = generateFlow("routing-criteria", flowOptions());

    // Assess
    expect(action(flow, "invoke-routing-criteria").Parameters).toMatchObject({
      LambdaFunctionARN: placeholderLambdaArns.routingCriteria,
      ResponseValidation: { ResponseType: "JSON" },
    });
    expect(action(flow, "check-criteria-status")).toMatchObject({
      Parameters: { ComparisonValue: "$.External.status" },
      Transitions: {
        Conditions: [
          {
            NextAction: "save-preferred-agent",
            Condition: { Operator: "Equals", Operands: ["preferred"] },
          },
        ],
      },
    });
    expect(action(flow, "save-preferred-agent").Parameters).toEqual({
      Attributes: { affinityAgentId: "$.External.agentId", affinityReason: "$.External.reason" },
      TargetContact: "Current",
    });
    expect(action(flow, "save-preferred-agent").Transitions).toMatchObject({
      NextAction: "count-criteria-agents",
    });
    expect(action(flow, "set-criteria-one-agent-one-ring").Parameters).toEqual({
      RoutingCriteria: {
        Steps: [
          {
            Expression: {
              AttributeCondition: {
                ComparisonOperator: "Match",
                MatchCriteria: { AgentsCriteria: { AgentIds: ["$.External.agent1"] } },
              },
            },
            // The first ring lasts the wait for the preferred agent (10 s by default).
            Expiry: { DurationInSeconds: "10" },
          },
        ],
      },
    });
    expect(action(flow, "set-standard-queue").Parameters).toEqual({
      QueueId: placeholderQueueArns.standard,
    });
    expect(flow.Actions.some((entry) => entry.Type === "Loop")).toBe(false);
  });

  it("never writes the whole criteria as one JSONPath string", () => {
    const flow = generateFlow("routing-criteria", flowOptions());
    const criteria = flow.Actions.filter((entry) => entry.Type === "UpdateContactRoutingCriteria");
    // One block per shape: 1 agent in 1 ring, n agents in 2…min(6, n) rings.
    const shapes = Array.from(
      { length: routingCriteriaAgentSlots },
      (_, index) => index + 1,
    ).reduce(
      (sum, agents) => sum + (agents === 1 ? 1 : Math.min(routingCriteriaRingSlots, agents) - 1),
      0,
    );
    expect(criteria).toHaveLength(shapes);
    for (const entry of criteria) expect(typeof entry.Parameters.RoutingCriteria).toBe("object");
  });

  it("branches on how many agents and rings the answer names, so no step reads an unused slot", () => {
    // Act
    const flow = generateFlow("routing-criteria", flowOptions());

    // Assess
    const count = action(flow, "count-criteria-agents");
    expect(count.Parameters).toEqual({ ComparisonValue: "$.External.agentCount" });
    const conditions = count.Transitions.Conditions ?? [];
    expect(conditions).toHaveLength(routingCriteriaAgentSlots);
    expect(count.Transitions.NextAction).toBe("set-standard-queue");
    const slot = (index: number): string => `$.External.agent${index + 1}`;
    for (const [index, condition] of conditions.entries()) {
      const agents = index + 1;
      expect(condition.Condition).toEqual({ Operator: "Equals", Operands: [String(agents)] });
      const next = action(flow, condition.NextAction);
      const blocks =
        next.Type === "Compare"
          ? (next.Transitions.Conditions ?? []).map((ring) => ({
              rings: Number(ring.Condition.Operands[0]),
              block: action(flow, ring.NextAction),
            }))
          : [{ rings: 1, block: next }];
      if (next.Type === "Compare") {
        expect(next.Parameters).toEqual({ ComparisonValue: "$.External.ringCount" });
      }
      for (const { rings, block } of blocks) {
        if (block.Type !== "UpdateContactRoutingCriteria") throw new Error(block.Type);
        const { RoutingCriteria } = block.Parameters;
        if (typeof RoutingCriteria === "string") throw new Error("a whole-document path");
        const named = RoutingCriteria.Steps.map(
          (step) =>
            (
              step.Expression as {
                AttributeCondition: { MatchCriteria: { AgentsCriteria: { AgentIds: string[] } } };
              }
            ).AttributeCondition.MatchCriteria.AgentsCriteria.AgentIds,
        );
        // Widening rings: one more slot a ring, the last ring every slot up to the count.
        expect(named).toEqual(
          Array.from({ length: rings }, (_, ring) =>
            Array.from({ length: ring === rings - 1 ? agents : ring + 1 }, (_, at) => slot(at)),
          ),
        );
      }
    }
  });

  it("gives the preferred agent's step the wait, the others the step expiry", () => {
    const flow = generateFlow(
      "routing-criteria",
      flowOptions({ preferredWaitSeconds: 10, preferredAgentExpirySeconds: 45 }),
    );
    const criteria = action(flow, "set-criteria-four-agents-three-rings");
    if (criteria.Type !== "UpdateContactRoutingCriteria") throw new Error(criteria.Type);
    const { RoutingCriteria } = criteria.Parameters;
    if (typeof RoutingCriteria === "string") throw new Error("a whole-document path");
    expect(RoutingCriteria.Steps.map((step) => step.Expiry?.DurationInSeconds)).toEqual([
      "10",
      "45",
      "45",
    ]);
  });

  it("still queues the caller on the standard queue when the Lambda or the criteria fail", () => {
    const flow = generateFlow("routing-criteria", flowOptions());
    expect(errorTargets(flow, "invoke-routing-criteria")).toEqual(["set-standard-queue"]);
    expect(errorTargets(flow, "save-preferred-agent")).toEqual(["count-criteria-agents"]);
    expect(errorTargets(flow, "set-criteria-one-agent-one-ring")).toEqual(["set-standard-queue"]);
    expect(errorTargets(flow, "set-criteria-ten-agents-six-rings")).toEqual(["set-standard-queue"]);
    expect(action(flow, "check-criteria-status").Transitions).toMatchObject({
      NextAction: "set-standard-queue",
    });
  });

  it("falls back when the standard queue cannot take the call", () => {
    const withFallback = generateFlow(
      "routing-criteria",
      flowOptions({ fallbackQueueArn: placeholderQueueArns.fallback }),
    );
    expect(errorTargets(withFallback, "transfer-to-queue")).toEqual([
      "set-fallback-queue",
      "set-fallback-queue",
    ]);
    const without = generateFlow("routing-criteria", flowOptions());
    expect(errorTargets(without, "transfer-to-queue")).toEqual(["play-sorry", "play-sorry"]);
  });
});

describe("waiting for a busy preferred agent", () => {
  const withWait = (overrides: Partial<FlowOptions> = {}): FlowOptions =>
    flowOptions({
      preferredWaitSeconds: 30,
      customerQueueFlowArn: placeholderCustomerQueueFlowArn,
      fallbackQueueArn: placeholderQueueArns.fallback,
      ...overrides,
    });

  it("sends an offer whose presence is busy straight to the bounded wait, past the staffing check", () => {
    // Act
    const flow = generateFlow("agent-queue", withWait());

    // Assess
    expect(action(flow, "set-agent-queue").Transitions.NextAction).toBe("check-offer-presence");
    const check = action(flow, "check-offer-presence");
    expect(check.Parameters).toEqual({ ComparisonValue: "$.External.presence" });
    expect(check.Transitions).toMatchObject({
      NextAction: "check-agent-available",
      Conditions: [
        { NextAction: "invoke-record", Condition: { Operator: "Equals", Operands: ["busy"] } },
      ],
    });
    expect(action(flow, "play-agent-message").Transitions.NextAction).toBe("start-queue-wait");
  });

  it("waits for the caller's own agent whom the staffing check finds taken while staffed", () => {
    // Act
    const flow = generateFlow("agent-queue", withWait());

    // Assess: unavailable → which offer was it? → still staffed? → the bounded wait.
    expect(action(flow, "check-agent-available").Transitions.NextAction).toBe("check-offer-reason");
    const reason = action(flow, "check-offer-reason");
    expect(reason.Parameters).toEqual({ ComparisonValue: "$.Attributes.affinityReason" });
    expect(reason.Transitions).toMatchObject({
      NextAction: "count-attempts",
      Conditions: [
        {
          NextAction: "check-agent-staffed",
          Condition: { Operator: "Equals", Operands: ["returning-caller"] },
        },
        {
          NextAction: "check-agent-staffed",
          Condition: { Operator: "Equals", Operands: ["ranked-agent"] },
        },
      ],
    });
    const staffed = action(flow, "check-agent-staffed");
    expect(staffed.Parameters).toEqual({
      MetricType: "NumberOfAgentsStaffed",
      AgentId: "$.Attributes.affinityAgentArn",
    });
    expect(staffed.Transitions).toMatchObject({
      NextAction: "count-attempts",
      Conditions: [{ NextAction: "invoke-record" }],
    });
    expect(errorTargets(flow, "check-agent-staffed")).toEqual(["count-attempts", "count-attempts"]);
    // Another agent's offer (a next candidate, a new caller's) that turns out taken moves on.
    const paths = flowPaths(flow).map((path) => path.actions.join(" "));
    expect(paths.some((path) => path.includes("check-offer-reason count-attempts"))).toBe(true);
    expect(() => assertValidFlow(flow)).not.toThrow();
  });

  it("checks staffing as before when the wait is off", () => {
    const flow = generateFlow("agent-queue", flowOptions({ preferredWaitSeconds: 0 }));
    expect(action(flow, "set-agent-queue").Transitions.NextAction).toBe("check-agent-available");
    expect(flow.Actions.some((entry) => entry.Identifier === "check-offer-presence")).toBe(false);
    expect(action(flow, "check-agent-available").Transitions.NextAction).toBe("count-attempts");
    expect(flow.Actions.some((entry) => entry.Identifier === "check-offer-reason")).toBe(false);
  });

  it("raises the priority of a caller about to wait, before they are queued", () => {
    // Act
    const flow = generateFlow("agent-queue", withWait({ waitPriority: 1 }));

    // Assess
    expect(action(flow, "check-offer-presence").Transitions.Conditions?.[0]?.NextAction).toBe(
      "set-wait-priority",
    );
    expect(action(flow, "set-wait-priority")).toMatchObject({
      Type: "UpdateContactRoutingBehavior",
      Parameters: { QueuePriority: "1" },
      Transitions: { NextAction: "invoke-record" },
    });
    expect(() => assertValidFlow(flow)).not.toThrow();
  });

  it("raises the priority of a routing-criteria caller whose criteria name their agents", () => {
    // Act
    const flow = generateFlow("routing-criteria", withWait({ waitPriority: 2 }));

    // Assess
    expect(errorTargets(flow, "set-criteria-one-agent-one-ring")).toEqual(["set-wait-priority"]);
    expect(action(flow, "set-wait-priority")).toMatchObject({
      Parameters: { QueuePriority: "2" },
      Transitions: { NextAction: "set-standard-queue" },
    });
    expect(action(flow, "check-criteria-status").Transitions.NextAction).toBe("set-standard-queue");
  });

  it("ignores the priority without a wait, and refuses one that would not raise anyone", () => {
    const flow = generateFlow(
      "agent-queue",
      flowOptions({ preferredWaitSeconds: 0, waitPriority: 1 }),
    );
    expect(flow.Actions.some((entry) => entry.Type === "UpdateContactRoutingBehavior")).toBe(false);
    expect(() => generateFlow("agent-queue", withWait({ waitPriority: 5 }))).toThrow(
      FlowOptionsError,
    );
  });
});
