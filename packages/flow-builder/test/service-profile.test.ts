import { describe, expect, it } from "vitest";
import { type FlowProblem, type FlowType, validateFlow } from "../src/index.js";
import {
  actionOf,
  asDocument,
  type LooseAction,
  type MutableFlow,
  validFlow,
} from "./helpers/flow-factory.js";

function rulesOf(problems: readonly FlowProblem[]): readonly string[] {
  return problems.map((problem) => problem.rule);
}

/** A minimal flow of `actions`, starting with the first, ending at their own ends. */
function flowOf(actions: LooseAction[]): MutableFlow {
  return {
    Version: "2019-10-30",
    StartAction: actions[0]?.Identifier,
    Metadata: {},
    Actions: actions,
  };
}

const bye: LooseAction = {
  Identifier: "bye",
  Type: "DisconnectParticipant",
  Parameters: {},
  Transitions: {},
};

const end: LooseAction = {
  Identifier: "end",
  Type: "EndFlowExecution",
  Parameters: {},
  Transitions: {},
};

function validate(flow: MutableFlow, flowType: FlowType = "CONTACT_FLOW") {
  return {
    service: rulesOf(validateFlow(asDocument(flow), { flowType })),
    strict: rulesOf(validateFlow(asDocument(flow), { flowType, profile: "strict" })),
  };
}

describe("the service profile accepts what Connect accepted", () => {
  it('a Play prompt with "Errors": [], which only the strict profile wires', () => {
    const flow = validFlow();
    actionOf(flow, "sorry").Transitions.Errors = [];
    expect(validate(flow)).toEqual({ service: [], strict: ["missing-error-transition"] });
  });

  it("a Lambda block without InvocationType, as CloudFormation deploys it", () => {
    const flow = validFlow();
    delete actionOf(flow, "invoke").Parameters["InvocationType"];
    expect(validate(flow)).toEqual({ service: [], strict: ["invocation-type"] });
  });

  it("an input-retry cycle without a Loop", () => {
    const flow = validFlow();
    const staffing = actionOf(flow, "staffing");
    staffing.Transitions.NextAction = "invoke";
    const noMatch = staffing.Transitions.Errors?.[0];
    if (noMatch) noMatch.NextAction = "invoke";
    expect(validate(flow).service).toEqual([]);
    expect(validate(flow).strict).toContain("unbounded-loop");
  });

  it("booleans and empty strings inside a view's free-form ViewData", () => {
    const flow = flowOf([
      {
        Identifier: "guide",
        Type: "ShowView",
        Parameters: {
          ViewResource: { Id: "arn:aws:connect:us-east-1:123456789012:instance/i/view/v" },
          InvocationTimeLimitSeconds: "300",
          ViewData: { Sections: [{ IsEditable: true, Heading: "" }] },
        },
        Transitions: {
          NextAction: "bye",
          Conditions: [
            { NextAction: "bye", Condition: { Operator: "Equals", Operands: ["Next"] } },
          ],
          Errors: [
            { NextAction: "bye", ErrorType: "NoMatchingCondition" },
            { NextAction: "bye", ErrorType: "NoMatchingError" },
            { NextAction: "bye", ErrorType: "TimeLimitExceeded" },
          ],
        },
      },
      bye,
    ]);
    expect(validate(flow).service).toEqual([]);
    expect(validate(flow).strict).toEqual(["non-string-scalar", "empty-string"]);
  });

  it("a transfer without Parameters, as DescribeContactFlow returns it", () => {
    const flow = validFlow();
    delete (actionOf(flow, "transfer") as Partial<LooseAction>).Parameters;
    expect(validate(flow)).toEqual({ service: [], strict: [] });
  });

  it("any single JSONPath as the comparison value, $.Channel included", () => {
    const flow = validFlow();
    actionOf(flow, "check").Parameters["ComparisonValue"] = "$.Channel";
    expect(validate(flow)).toEqual({ service: [], strict: [] });
  });

  it("values holding deployment template tokens, checked once they are filled in", () => {
    const flow = validFlow();
    actionOf(flow, "invoke").Parameters["InvocationTimeLimitSeconds"] = "%LambdaTimeout%";
    // A CloudFormation Fn::Sub token, written as the template holds it.
    actionOf(flow, "retry").Parameters["LoopCount"] = ["$", "{Retries}"].join("");
    expect(validate(flow).service).toEqual([]);
  });

  it("static routing steps whose values are JSONPaths, beside the whole-document JSONPath form", () => {
    const criteria = (RoutingCriteria: unknown): LooseAction => ({
      Identifier: "criteria",
      Type: "UpdateContactRoutingCriteria",
      Parameters: { RoutingCriteria },
      Transitions: {
        NextAction: "bye",
        Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }],
      },
    });
    const steps = {
      Steps: [
        {
          Expression: {
            AttributeCondition: {
              ComparisonOperator: "Match",
              MatchCriteria: { AgentsCriteria: { AgentIds: ["$.External.agentId"] } },
            },
          },
          Expiry: { DurationInSeconds: "$.External.expirySeconds" },
        },
      ],
    };
    expect(validate(flowOf([criteria(steps), bye])).service).toEqual([]);
    expect(validate(flowOf([criteria("$.External.routingCriteria"), bye])).service).toEqual([]);
    expect(validate(flowOf([criteria("Steps $.External.x"), bye])).service).toEqual([
      "invalid-parameter",
    ]);
  });
});

describe("the service profile knows the flow type", () => {
  it("ends whisper and queue flows with EndFlowExecution, inbound flows never", () => {
    const whisper = flowOf([
      {
        Identifier: "hello",
        Type: "MessageParticipant",
        Parameters: { Text: "Caller from the web site" },
        Transitions: { NextAction: "end", Errors: [] },
      },
      end,
    ]);
    for (const flowType of [
      "AGENT_WHISPER",
      "CUSTOMER_WHISPER",
      "OUTBOUND_WHISPER",
      "CUSTOMER_QUEUE",
    ] as const) {
      expect(validate(whisper, flowType).service).toEqual([]);
    }
    expect(validate(whisper, "CONTACT_FLOW").service).toEqual(["not-allowed-in-flow-type"]);
    expect(validate(whisper, "CUSTOMER_HOLD").service).toEqual([
      "not-allowed-in-flow-type",
      "not-allowed-in-flow-type",
    ]);
  });

  it("loops prompts in a queue or hold flow without a NextAction", () => {
    const hold = flowOf([
      {
        Identifier: "music",
        Type: "MessageParticipantIteratively",
        Parameters: { Messages: [{ Text: "Please hold." }] },
        Transitions: {},
      },
    ]);
    expect(validate(hold, "CUSTOMER_HOLD").service).toEqual([]);
    expect(validate(hold, "AGENT_HOLD").service).toEqual([]);
    expect(validate(hold, "CONTACT_FLOW").service).toEqual(["not-allowed-in-flow-type"]);
  });

  it("returns from a module with EndFlowModuleExecution, which only modules may", () => {
    const module = flowOf([
      {
        Identifier: "remember",
        Type: "UpdateContactAttributes",
        Parameters: { Attributes: { surveyed: "true" } },
        Transitions: {
          NextAction: "return",
          Errors: [{ NextAction: "return", ErrorType: "NoMatchingError" }],
        },
      },
      { Identifier: "return", Type: "EndFlowModuleExecution", Parameters: {}, Transitions: {} },
    ]);
    expect(validate(module, "MODULE")).toEqual({ service: [], strict: [] });
    expect(validate(module, "CONTACT_FLOW").service).toEqual(["not-allowed-in-flow-type"]);
  });

  it("lets a module do what an inbound flow does, but not invoke another module", () => {
    const flow = validFlow();
    expect(validate(flow, "MODULE").service).toEqual([]);
    actionOf(flow, "sorry").Type = "InvokeFlowModule";
    actionOf(flow, "sorry").Parameters = { FlowModuleId: "11111111-2222-4333-8444-555555555555" };
    expect(validate(flow, "CONTACT_FLOW").service).toEqual([]);
    expect(validate(flow, "MODULE").service).toEqual(["not-allowed-in-flow-type"]);
  });

  it("keeps queue transfers to inbound and transfer flows", () => {
    const flow = validFlow();
    expect(validate(flow, "QUEUE_TRANSFER").service).toEqual([]);
    expect(validate(flow, "AGENT_TRANSFER").service).toEqual([]);
    expect(validate(flow, "AGENT_WHISPER").service).toEqual(
      expect.arrayContaining(["not-allowed-in-flow-type"]),
    );
  });
});

describe("the service profile still rejects what Connect rejects", () => {
  it("a Lex bot with an empty alias", () => {
    const flow = flowOf([
      {
        Identifier: "bot",
        Type: "ConnectParticipantWithLexBot",
        Parameters: { Text: "How can I help?", LexV2Bot: { AliasArn: "" } },
        Transitions: {
          NextAction: "bye",
          Errors: [
            { NextAction: "bye", ErrorType: "NoMatchingCondition" },
            { NextAction: "bye", ErrorType: "NoMatchingError" },
          ],
        },
      },
      bye,
    ]);
    expect(validate(flow).service).toEqual(["empty-string"]);
  });

  it("a transition to an action the flow no longer has", () => {
    const flow = validFlow();
    actionOf(flow, "check").Transitions.NextAction = "7f3a9c2e-1b4d-4e8a-9c6f-2d8e5a1b3c7d";
    expect(validate(flow).service).toEqual(["unknown-transition-target"]);
  });

  it("a number where a string belongs, outside free-form data", () => {
    const flow = validFlow();
    actionOf(flow, "invoke").Parameters["LambdaInvocationAttributes"] = { attempt: 1 };
    expect(validate(flow).service).toEqual(["non-string-scalar"]);
  });

  it("an event hook map with two events", () => {
    const flow = flowOf([
      {
        Identifier: "hooks",
        Type: "UpdateContactEventHooks",
        Parameters: { EventHooks: { CustomerQueue: "q-flow", AgentWhisper: "w-flow" } },
        Transitions: {
          NextAction: "bye",
          Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }],
        },
      },
      bye,
    ]);
    expect(validate(flow).service).toEqual(["invalid-parameter"]);
  });

  it("a Wait without its WaitCompleted branch", () => {
    const flow = flowOf([
      {
        Identifier: "wait",
        Type: "Wait",
        Parameters: { TimeLimitSeconds: "900", Events: ["CustomerReturned"] },
        Transitions: {
          NextAction: "bye",
          Conditions: [
            {
              NextAction: "bye",
              Condition: { Operator: "Equals", Operands: ["CustomerReturned"] },
            },
          ],
          Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }],
        },
      },
      bye,
    ]);
    expect(validate(flow).service).toEqual(["unsupported-condition"]);
  });

  it("hours of operation checked without both of its results", () => {
    const flow = flowOf([
      {
        Identifier: "hours",
        Type: "CheckHoursOfOperation",
        Parameters: {},
        Transitions: {
          NextAction: "bye",
          Conditions: [
            { NextAction: "bye", Condition: { Operator: "Equals", Operands: ["True"] } },
          ],
          Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }],
        },
      },
      bye,
    ]);
    expect(validate(flow).service).toEqual(["unsupported-condition"]);
  });

  it("an identifier the reference reserves", () => {
    const flow = validFlow();
    const text = JSON.stringify(flow).replaceAll('"bye"', '"constructor"');
    expect(validate(JSON.parse(text) as MutableFlow).service).toEqual(["invalid-identifier"]);
  });
});
