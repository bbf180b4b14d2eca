import { describe, expect, it } from "vitest";
import {
  agentQueueFlow,
  type FlowOptions,
  FlowOptionsError,
  generateFlow,
  placeholderLambdaArns,
  routingCriteriaFlow,
} from "../src/index.js";
import { flowOptions } from "./helpers/flow-options-factory.js";

function issuesOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof FlowOptionsError) return error.issues;
    throw error;
  }
  throw new Error("expected a FlowOptionsError");
}

describe("flow options", () => {
  it.each([
    [{ maxAttempts: 0 }, "maxAttempts"],
    [{ maxAttempts: 101 }, "maxAttempts"],
    [{ maxAttempts: 2.5 }, "maxAttempts"],
    [{ lambdaTimeLimitSeconds: 9 }, "lambdaTimeLimitSeconds"],
    [{ fallbackQueueArn: "" }, "fallbackQueueArn"],
    [
      { fallbackQueueArn: "arn:aws:connect:us-east-1:123456789012:instance/i/agent/a" },
      "fallbackQueueArn",
    ],
    [{ messages: { sorry: "  " } }, "messages.sorry"],
    [{ messages: { sorry: { ssml: "Sorry" } } }, "messages.sorry.ssml"],
    [{ voice: "mizuki san" }, "voice"],
  ] as const)("rejects %j naming %s", (overrides, option) => {
    const issues = issuesOf(() => agentQueueFlow(flowOptions(overrides as Partial<FlowOptions>)));
    expect(issues.some((issue) => issue.startsWith(`${option}:`))).toBe(true);
  });

  it("explains a Pulumi output passed before it was resolved", () => {
    const issues = issuesOf(() =>
      agentQueueFlow(
        flowOptions({
          lambdaArns: {
            ...placeholderLambdaArns,
            route: "Calling [toString] on an [Output<T>] is not supported.",
          },
        }),
      ),
    );
    expect(issues).toEqual([
      "lambdaArns.route: must be a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)",
    ]);
  });

  it("rejects unknown options instead of ignoring a typo", () => {
    const issues = issuesOf(() =>
      agentQueueFlow({ ...flowOptions(), fallbackQueue: "q" } as FlowOptions),
    );
    expect(issues.join()).toMatch(/fallbackQueue/);
  });

  it("requires the standard queue and the routing-criteria Lambda for the routing-criteria flow", () => {
    const { standardQueueArn: _unused, ...withoutQueue } = flowOptions();
    const issues = issuesOf(() =>
      generateFlow("routing-criteria", {
        ...withoutQueue,
        lambdaArns: {
          route: placeholderLambdaArns.route,
          nextAgent: placeholderLambdaArns.nextAgent,
          record: placeholderLambdaArns.record,
        },
      }),
    );
    expect(issues).toEqual([
      "lambdaArns.routingCriteria: required by the routing-criteria flow",
      "standardQueueArn: required by the routing-criteria flow",
    ]);
  });

  it("needs only the routing-criteria Lambda's ARN for the routing-criteria flow", () => {
    const flow = routingCriteriaFlow({
      lambdaArns: { routingCriteria: placeholderLambdaArns.routingCriteria },
      standardQueueArn: "00000000-0000-4000-8000-000000000001",
    });
    expect(flow.Actions.length).toBeGreaterThan(0);
  });

  it("names its error and code", () => {
    const error = new FlowOptionsError(["maxAttempts: too big"]);
    expect(error.name).toBe("FlowOptionsError");
    expect(error.code).toBe("FLOW_OPTIONS_INVALID");
    expect(error.message).toBe("Invalid flow options: maxAttempts: too big");
  });
});
