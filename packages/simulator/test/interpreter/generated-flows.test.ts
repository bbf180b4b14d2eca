import {
  type RoutingCriteriaResponse,
  routingCriteriaSlots,
} from "@connect-affinity/core/contract";
import { generateFlow, placeholderCustomerQueueFlowArn } from "@connect-affinity/flow-builder";
import { describe, expect, it } from "vitest";
import { instanceArn } from "../helpers/fake-floor.js";
import { fallbackQueue, harness, lambdaArn, standardQueue } from "../helpers/flows.js";

const agentArn = (name: string) => `${instanceArn}/agent/id-${name}`;

const offer = (agent: string) => ({
  status: "agent",
  agentId: `id-${agent}`,
  agentArn: agentArn(agent),
  reason: "new-caller",
  cursor: `after-${agent}`,
  presence: "verified",
});

const nobody = {
  status: "none",
  agentId: "none",
  agentArn: "none",
  reason: "candidates-exhausted",
  cursor: "none",
  presence: "verified",
};

const lambdaArns = {
  route: lambdaArn("route"),
  nextAgent: lambdaArn("next-agent"),
  record: lambdaArn("record"),
  routingCriteria: lambdaArn("routing-criteria"),
};

describe("the generated agent-queue flow", () => {
  const agentQueue = (withFallback: boolean) =>
    generateFlow("agent-queue", {
      lambdaArns,
      maxAttempts: 3,
      language: "en-US",
      // The wait off; the guard's customer queue flow is not deployed here (set, never run).
      preferredWaitSeconds: 0,
      customerQueueFlowArn: placeholderCustomerQueueFlowArn,
      ...(withFallback ? { fallbackQueueArn: fallbackQueue.arn } : {}),
    });

  it("asks next-agent with the stored cursor when the offered agent is busy, then connects the next one", async () => {
    // Prepare
    const cursors: unknown[] = [];
    const { run, floor } = harness(agentQueue(true), {
      agents: ["sato", "suzuki", "takahashi"],
      lambdas: {
        route: async () => offer("sato"),
        "next-agent": async (event) => {
          cursors.push(
            (event as { Details: { Parameters: { cursor: string } } }).Details.Parameters.cursor,
          );
          return offer("suzuki");
        },
        record: async () => ({
          status: "recorded",
          reason: "none",
          message: "Connecting you to your agent.",
        }),
      },
    });
    floor.busy.add("id-sato");

    // Act
    const [result] = await run();

    // Assess
    expect(cursors).toEqual(["after-sato"]);
    expect(result?.outcome).toMatchObject({
      kind: "agent",
      agent: { username: "suzuki" },
      queue: { kind: "agent" },
    });
    expect(result?.execution.transcript).toEqual(["Connecting you to your agent."]);
    expect(result?.execution.attributes).toMatchObject({ affinityAgentId: "id-suzuki" });
  });

  it("stops after maxAttempts agents and sends the caller to the fallback queue", async () => {
    // Prepare
    let nextAgentCalls = 0;
    const { run, floor } = harness(agentQueue(true), {
      agents: ["sato", "suzuki", "takahashi", "kato"],
      lambdas: {
        route: async () => offer("sato"),
        "next-agent": async () => {
          nextAgentCalls += 1;
          return offer(nextAgentCalls === 1 ? "suzuki" : "takahashi");
        },
        record: async () => ({ status: "recorded", reason: "none", message: "ok" }),
      },
    });
    for (const busy of ["id-sato", "id-suzuki", "id-takahashi"]) floor.busy.add(busy);

    // Act
    const [result] = await run();

    // Assess
    expect(nextAgentCalls).toBe(2);
    expect(result?.outcome).toMatchObject({
      kind: "agent",
      agent: { username: "kato" },
      queue: { kind: "queue", queue: { role: "fallback" } },
    });
  });

  it("apologises and disconnects when nobody can take the call and there is no fallback queue", async () => {
    // Prepare
    const { run } = harness(agentQueue(false), { lambdas: { route: async () => nobody } });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.outcome.kind).toBe("disconnected");
    expect(result?.execution.transcript).toHaveLength(1);
    expect(result?.execution.transcript[0]).toMatch(/sorry/i);
  });

  it("still connects the caller when record fails", async () => {
    // Prepare
    const { run } = harness(agentQueue(true), {
      lambdas: {
        route: async () => offer("sato"),
        record: () => Promise.reject(new Error("DynamoDB unreachable")),
      },
    });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.outcome).toMatchObject({ kind: "agent", agent: { username: "sato" } });
    expect(result?.execution.transcript).toEqual(["Connecting you to an agent. Please hold."]);
  });
});

describe("the generated routing-criteria flow", () => {
  it("offers the contact to the preferred agent of the Lambda's criteria in the standard queue", async () => {
    // Prepare
    const flow = generateFlow("routing-criteria", {
      lambdaArns,
      standardQueueArn: standardQueue.arn,
      fallbackQueueArn: fallbackQueue.arn,
      language: "en-US",
      // The flow's first step expires after the preferred wait (its own bound, not the Lambda's).
      preferredWaitSeconds: 30,
    });
    const { run } = harness(flow, {
      agents: ["sato", "suzuki"],
      lambdas: {
        "routing-criteria": async () => {
          const response: RoutingCriteriaResponse = {
            status: "preferred",
            agentId: "id-suzuki",
            reason: "returning-caller",
            routingCriteria: {
              Steps: [
                {
                  Expression: {
                    AttributeCondition: {
                      ComparisonOperator: "Match",
                      MatchCriteria: { AgentsCriteria: { AgentIds: ["id-suzuki"] } },
                    },
                  },
                  Expiry: { DurationInSeconds: 30 },
                },
              ],
            },
          };
          return { ...response, ...routingCriteriaSlots(response) };
        },
      },
    });

    // Act
    const [result] = await run();

    // Assess
    expect(result?.outcome).toMatchObject({
      kind: "agent",
      agent: { username: "suzuki" },
      queue: { kind: "queue", queue: { role: "standard" } },
    });
    expect(result?.execution.routingCriteria?.steps).toEqual([
      { agentIds: ["id-suzuki"], expirySeconds: 30 },
    ]);
  });
});
