import { describe, expect, it } from "vitest";
import {
  attribute,
  external,
  FlowBuildError,
  FlowBuilder,
  identifierProblem,
  layoutGrid,
  validateFlow,
} from "../src/index.js";

const lambdaArn = "arn:aws:lambda:us-east-1:123456789012:function:route";

describe("FlowBuilder", () => {
  it("builds a flow that reads like its calls and passes the validator", () => {
    // Act
    const flow = new FlowBuilder("invoke-route")
      .invokeLambda("invoke-route", {
        lambda: "route",
        functionArn: lambdaArn,
        timeLimitSeconds: 3,
        responseType: "STRING_MAP",
        parameters: {},
        next: "check-status",
        onError: "bye",
      })
      .compare("check-status", {
        value: external<"route">("status"),
        cases: [{ operand: "agent", next: "set-queue" }],
        otherwise: "bye",
      })
      .setWorkingQueue("set-queue", {
        agent: external<"route">("agentArn"),
        next: "transfer",
        onError: "bye",
      })
      .transferToQueue("transfer", { onAtCapacity: "bye", onError: "bye" })
      .disconnect("bye")
      .build();

    // Assess
    expect(validateFlow(flow, { profile: "strict" })).toEqual([]);
    expect(flow.StartAction).toBe("invoke-route");
    expect(flow.Actions.map((action) => action.Identifier)).toEqual([
      "invoke-route",
      "check-status",
      "set-queue",
      "transfer",
      "bye",
    ]);
    expect(flow.Actions[1]).toEqual({
      Identifier: "check-status",
      Type: "Compare",
      Parameters: { ComparisonValue: "$.External.status" },
      Transitions: {
        NextAction: "bye",
        Conditions: [
          { NextAction: "set-queue", Condition: { Operator: "Equals", Operands: ["agent"] } },
        ],
        Errors: [{ NextAction: "bye", ErrorType: "NoMatchingCondition" }],
      },
    });
  });

  it("lays the main path out left to right and branches below it", () => {
    // Act
    const flow = new FlowBuilder("first")
      .playMessage("first", { message: "Hello", next: "second", onError: "bye" })
      .playMessage("second", { message: "Again", next: "bye", onError: "bye" })
      .disconnect("bye")
      .build();

    // Assess
    const at = (id: string): unknown => flow.Metadata?.ActionMetadata?.[id]?.position;
    const { originX, originY, columnWidth, rowHeight } = layoutGrid;
    expect(flow.Metadata?.entryPointPosition).toEqual({ x: originX, y: originY });
    expect(at("first")).toEqual({ x: originX + columnWidth, y: originY });
    expect(at("second")).toEqual({ x: originX + 2 * columnWidth, y: originY });
    expect(at("bye")).toEqual({ x: originX + 2 * columnWidth, y: originY + rowHeight });
  });

  it("types each Lambda's parameters by the contract", () => {
    const builder = new FlowBuilder("next").disconnect("bye");
    builder.invokeLambda("next", {
      lambda: "nextAgent",
      functionArn: lambdaArn,
      timeLimitSeconds: 3,
      responseType: "STRING_MAP",
      // @ts-expect-error next-agent takes a "cursor", not a "token".
      parameters: { token: attribute("cursor") },
      next: "bye",
      onError: "bye",
    });
    expect(builder.build().Actions[1]?.Parameters).toMatchObject({
      LambdaInvocationAttributes: { token: "$.Attributes.affinityCursor" },
    });
  });

  it("refuses duplicate and invalid identifiers and transitions to missing actions, naming each", () => {
    // Prepare
    const builder = new FlowBuilder("start-here")
      .playMessage("say(hello)", { message: "Hello", next: "nowhere", onError: "bye" })
      .disconnect("bye")
      .disconnect("bye");

    // Act
    const thrown = (() => {
      try {
        builder.build();
        return undefined;
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(thrown).toBeInstanceOf(FlowBuildError);
    const error = thrown as FlowBuildError;
    expect(error.code).toBe("FLOW_BUILD_FAILED");
    expect(error.problems).toEqual([
      'identifier "say(hello)" contains "("',
      'identifier "bye" is used twice',
      'the start action "start-here" was not added',
      '"say(hello)" leads to "nowhere", which was not added',
    ]);
  });
});

describe("identifierProblem", () => {
  it("accepts readable identifiers and UUIDs", () => {
    expect(identifierProblem("check-agent-available")).toBeUndefined();
    expect(identifierProblem("3f1c2b9e-8a7d-4c6b-9e5f-1a2b3c4d5e6f")).toBeUndefined();
  });

  it.each(["%", ":", "(", "\\", "/", ")", "=", "$", ",", ";", "[", "]", "{", "}"])(
    "rejects an identifier containing %s",
    (character) => {
      expect(identifierProblem(`a${character}b`)).toBe(`contains "${character}"`);
    },
  );

  it("rejects empty and over-long identifiers", () => {
    expect(identifierProblem("")).toBe("is empty");
    expect(identifierProblem("a".repeat(50))).toBeUndefined();
    expect(identifierProblem("a".repeat(51))).toMatch(/51 characters/);
  });
});
