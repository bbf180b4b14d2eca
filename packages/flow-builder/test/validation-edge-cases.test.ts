import { describe, expect, it } from "vitest";
import {
  type FlowRule,
  type FlowType,
  type ValidationProfile,
  validateFlow,
} from "../src/index.js";
import type { LooseAction } from "./helpers/flow-factory.js";

/** A one-action flow (plus a disconnect) around `action`, which continues to "bye". */
function around(action: Partial<LooseAction> & { Type: string }): unknown {
  return {
    Version: "2019-10-30",
    StartAction: "it",
    Metadata: {},
    Actions: [
      {
        Identifier: "it",
        Parameters: {},
        Transitions: {
          NextAction: "bye",
          Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }],
        },
        ...action,
      },
      { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
    ],
  };
}

const to = (operand: string, operator = "Equals") => ({
  NextAction: "bye",
  Condition: { Operator: operator, Operands: [operand] },
});

interface EdgeCase {
  readonly breaks: string;
  readonly flow: unknown;
  readonly rules: readonly FlowRule[];
  readonly profile?: ValidationProfile;
  readonly flowType?: FlowType;
}

const cases: readonly EdgeCase[] = [
  {
    breaks: "Parameters that are not an object",
    flow: around({ Type: "MessageParticipant", Parameters: "Hello" as never }),
    rules: ["missing-parameter"],
  },
  {
    breaks: "no Parameters on a type that needs them",
    flow: around({ Type: "UpdateContactTargetQueue", Parameters: undefined as never }),
    rules: ["missing-parameter"],
  },
  {
    breaks: "both a queue and an agent to check",
    flow: around({
      Type: "CheckMetricData",
      Parameters: { MetricType: "NumberOfContactsInQueue", QueueId: "q", AgentId: "a" },
      Transitions: {
        NextAction: "bye",
        Conditions: [to("5", "NumberGreaterThan")],
        Errors: [
          { NextAction: "bye", ErrorType: "NoMatchingCondition" },
          { NextAction: "bye", ErrorType: "NoMatchingError" },
        ],
      },
    }),
    rules: ["conflicting-parameters"],
  },
  {
    breaks: "neither a queue nor an agent for the working queue",
    flow: around({ Type: "UpdateContactTargetQueue", Parameters: {} }),
    rules: ["missing-parameter"],
  },
  {
    breaks: "routing criteria that are a number",
    flow: around({ Type: "UpdateContactRoutingCriteria", Parameters: { RoutingCriteria: 5 } }),
    rules: ["invalid-parameter"],
  },
  {
    breaks: "attributes given as text",
    flow: around({ Type: "UpdateContactAttributes", Parameters: { Attributes: "a=b" } }),
    rules: ["invalid-parameter"],
  },
  {
    breaks: "tag keys that are not a list",
    flow: around({ Type: "UntagContact", Parameters: { TagKeys: "campaign" } }),
    rules: ["invalid-parameter"],
  },
  {
    breaks: "a message text that is an object",
    flow: around({ Type: "MessageParticipant", Parameters: { Text: { en: "Hello" } } }),
    rules: ["invalid-parameter"],
  },
  {
    breaks: "a queue written as text around a path",
    flow: around({
      Type: "UpdateContactTargetQueue",
      Parameters: { QueueId: "queue/$.Attributes.q" },
    }),
    rules: ["invalid-parameter"],
  },
  {
    breaks: "a logging switch read from an attribute, where only static values are allowed",
    flow: around({
      Type: "UpdateFlowLoggingBehavior",
      Parameters: { FlowLoggingBehavior: "$.Attributes.logging" },
      Transitions: { NextAction: "bye" },
    }),
    rules: ["invalid-parameter"],
  },
  {
    breaks: "a value outside its list",
    flow: around({
      Type: "UpdateFlowLoggingBehavior",
      Parameters: { FlowLoggingBehavior: "On" },
      Transitions: { NextAction: "bye" },
    }),
    rules: ["invalid-parameter"],
  },
  {
    breaks: "a callback delay of zero seconds",
    flow: around({
      Type: "CreateCallbackContact",
      Parameters: {
        InitialCallDelaySeconds: "0",
        MaximumConnectionAttempts: "2",
        RetryDelaySeconds: "60",
      },
    }),
    rules: ["invalid-parameter"],
  },
  {
    breaks: "a Lambda response type the service does not have",
    flow: around({
      Type: "InvokeLambdaFunction",
      Parameters: {
        LambdaFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:f",
        InvocationTimeLimitSeconds: "3",
        ResponseValidation: { ResponseType: "XML" },
      },
    }),
    rules: ["invalid-parameter"],
  },
  {
    breaks: "a Lambda ARN written as text around a path (strict)",
    flow: around({
      Type: "InvokeLambdaFunction",
      Parameters: {
        LambdaFunctionARN: "arn:aws:lambda:$.Attributes.region:123456789012:function:f",
        InvocationTimeLimitSeconds: "3",
        InvocationType: "SYNCHRONOUS",
      },
    }),
    rules: ["invalid-parameter"],
    profile: "strict",
  },
  {
    breaks: "attributes that set nothing (strict)",
    flow: around({ Type: "UpdateContactAttributes", Parameters: { Attributes: {} } }),
    rules: ["missing-parameter"],
    profile: "strict",
  },
  {
    breaks: "Transitions that are not an object",
    flow: around({
      Type: "MessageParticipant",
      Parameters: { Text: "Hi" },
      Transitions: [] as never,
    }),
    rules: ["invalid-document"],
  },
  {
    breaks: "Errors that are not a list, and an error entry without a target",
    flow: around({
      Type: "MessageParticipant",
      Parameters: { Text: "Hi" },
      Transitions: { NextAction: "bye", Errors: { NoMatchingError: "bye" } as never },
    }),
    rules: ["invalid-document"],
  },
  {
    breaks: "a condition entry without a Condition",
    flow: around({
      Type: "Compare",
      Parameters: { ComparisonValue: "$.Channel" },
      Transitions: {
        NextAction: "bye",
        Conditions: [{ NextAction: "bye" } as never],
        Errors: [{ NextAction: "bye", ErrorType: "NoMatchingCondition" }],
      },
    }),
    rules: ["invalid-document"],
  },
  {
    breaks: "a condition without an operand list",
    flow: around({
      Type: "Compare",
      Parameters: { ComparisonValue: "$.Channel" },
      Transitions: {
        NextAction: "bye",
        Conditions: [
          { NextAction: "bye", Condition: { Operator: "Equals", Operands: "VOICE" } as never },
        ],
        Errors: [{ NextAction: "bye", ErrorType: "NoMatchingCondition" }],
      },
    }),
    rules: ["invalid-document"],
  },
  {
    breaks: "an operator the language does not have, and one with two operands",
    flow: around({
      Type: "Compare",
      Parameters: { ComparisonValue: "$.Channel" },
      Transitions: {
        NextAction: "bye",
        Conditions: [
          to("VOICE", "Is"),
          { NextAction: "bye", Condition: { Operator: "Equals", Operands: ["VOICE", "CHAT"] } },
        ],
        Errors: [{ NextAction: "bye", ErrorType: "NoMatchingCondition" }],
      },
    }),
    rules: ["unsupported-condition", "unsupported-condition"],
  },
  {
    breaks: "a Lex intent compared other than for equality",
    flow: around({
      Type: "ConnectParticipantWithLexBot",
      Parameters: { Text: "Hi", LexV2Bot: { AliasArn: "arn:aws:lex:x" } },
      Transitions: {
        NextAction: "bye",
        Conditions: [to("Bill", "TextStartsWith")],
        Errors: [
          { NextAction: "bye", ErrorType: "NoMatchingCondition" },
          { NextAction: "bye", ErrorType: "NoMatchingError" },
        ],
      },
    }),
    rules: ["unsupported-condition"],
  },
  {
    breaks: "prompts in a queue compared with a result they do not have",
    flow: {
      Version: "2019-10-30",
      StartAction: "music",
      Actions: [
        {
          Identifier: "music",
          Type: "MessageParticipantIteratively",
          Parameters: { Messages: [{ Text: "Hold on." }], InterruptFrequencySeconds: "30" },
          Transitions: {
            NextAction: "end",
            Conditions: [
              { NextAction: "end", Condition: { Operator: "Equals", Operands: ["Done"] } },
            ],
          },
        },
        { Identifier: "end", Type: "EndFlowExecution", Parameters: {}, Transitions: {} },
      ],
    },
    rules: ["unsupported-condition"],
    flowType: "CUSTOMER_QUEUE",
  },
  {
    breaks: "a percentage split that is not a chain of NumberLessThan",
    flow: around({
      Type: "DistributeByPercentage",
      Parameters: {},
      Transitions: {
        NextAction: "bye",
        Conditions: [to("150", "NumberLessThan")],
        Errors: [{ NextAction: "bye", ErrorType: "NoMatchingCondition" }],
      },
    }),
    rules: ["unsupported-condition"],
  },
  {
    breaks: "stored input with conditions",
    flow: around({
      Type: "GetParticipantInput",
      Parameters: { Text: "Your number?", StoreInput: "True", InputTimeLimitSeconds: "5" },
      Transitions: {
        NextAction: "bye",
        Conditions: [to("1")],
        Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }],
      },
    }),
    rules: ["unsupported-condition"],
  },
  {
    breaks: "a DTMF menu with a text condition",
    flow: around({
      Type: "GetParticipantInput",
      Parameters: { Text: "Press 1.", StoreInput: "False", InputTimeLimitSeconds: "5" },
      Transitions: {
        NextAction: "bye",
        Conditions: [to("1", "TextContains")],
        Errors: [
          { NextAction: "bye", ErrorType: "NoMatchingCondition" },
          { NextAction: "bye", ErrorType: "NoMatchingError" },
        ],
      },
    }),
    rules: ["unsupported-condition"],
  },
  {
    breaks: "a wait with a numeric condition",
    flow: around({
      Type: "Wait",
      Parameters: { TimeLimitSeconds: "60" },
      Transitions: {
        NextAction: "bye",
        Conditions: [to("60", "NumberLessThan")],
        Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }],
      },
    }),
    rules: ["unsupported-condition"],
  },
  {
    breaks: "a disconnect listing an error branch",
    flow: {
      Version: "2019-10-30",
      StartAction: "bye",
      Actions: [
        {
          Identifier: "bye",
          Type: "DisconnectParticipant",
          Parameters: {},
          Transitions: { Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }] },
        },
      ],
    },
    rules: ["terminal-with-transitions"],
  },
  {
    breaks: "routing criteria without steps",
    flow: around({
      Type: "UpdateContactRoutingCriteria",
      Parameters: { RoutingCriteria: { Steps: [] } },
    }),
    rules: ["invalid-parameter"],
  },
  {
    breaks: "Metadata that is not an object",
    flow: {
      ...(around({ Type: "MessageParticipant", Parameters: { Text: "Hi" } }) as object),
      Metadata: "x",
    },
    rules: ["invalid-document"],
  },
  {
    breaks: "a capitalised entry point key (strict)",
    flow: {
      ...(around({ Type: "MessageParticipant", Parameters: { Text: "Hi" } }) as object),
      Metadata: { EntryPointPosition: { x: 0, y: 0 } },
    },
    rules: ["metadata-key-case"],
    profile: "strict",
  },
  {
    breaks: "an identifier that is not a string",
    flow: {
      Version: "2019-10-30",
      StartAction: "bye",
      Actions: [{ Identifier: 7, Type: "DisconnectParticipant", Parameters: {}, Transitions: {} }],
    },
    rules: ["unknown-start-action", "invalid-identifier"],
  },
];

describe("validateFlow on malformed or unusual actions", () => {
  it.each(cases)("reports $rules for $breaks", ({ flow, rules, profile, flowType }) => {
    const problems = validateFlow(flow, {
      ...(profile === undefined ? {} : { profile }),
      ...(flowType === undefined ? {} : { flowType }),
    });
    const reported = problems.map((problem) => problem.rule);
    expect(reported, JSON.stringify(problems, null, 2)).toEqual(
      profile === "strict" ? expect.arrayContaining([...rules]) : rules,
    );
  });
});
