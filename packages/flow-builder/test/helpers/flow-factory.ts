import type { FlowDocument } from "../../src/index.js";

/** An action loose enough for a test to break any way it likes. */
export interface LooseAction {
  Identifier: unknown;
  Type: unknown;
  Parameters: Record<string, unknown>;
  Transitions: {
    NextAction?: unknown;
    Errors?: { NextAction: unknown; ErrorType: unknown }[];
    Conditions?: { NextAction: unknown; Condition: { Operator: unknown; Operands: unknown[] } }[];
  };
}

/** A JSON-shaped flow that a test may break any way it likes. */
export interface MutableFlow {
  Version: unknown;
  StartAction: unknown;
  Metadata: Record<string, unknown>;
  Actions: LooseAction[];
}

/**
 * A small valid inbound flow written by hand (not by the builder): invoke a Lambda, compare its
 * status, set an agent's queue, check staffing, retry through a bounded Loop, transfer, or
 * apologise and disconnect.
 */
export function validFlow(): MutableFlow {
  return {
    Version: "2019-10-30",
    StartAction: "invoke",
    Metadata: { entryPointPosition: { x: 40, y: 40 }, ActionMetadata: {} },
    Actions: [
      {
        Identifier: "invoke",
        Type: "InvokeLambdaFunction",
        Parameters: {
          LambdaFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:route",
          InvocationTimeLimitSeconds: "3",
          InvocationType: "SYNCHRONOUS",
          ResponseValidation: { ResponseType: "STRING_MAP" },
        },
        Transitions: {
          NextAction: "check",
          Errors: [{ NextAction: "sorry", ErrorType: "NoMatchingError" }],
        },
      },
      {
        Identifier: "check",
        Type: "Compare",
        Parameters: { ComparisonValue: "$.External.status" },
        Transitions: {
          NextAction: "sorry",
          Conditions: [
            { NextAction: "queue", Condition: { Operator: "Equals", Operands: ["agent"] } },
          ],
          Errors: [{ NextAction: "sorry", ErrorType: "NoMatchingCondition" }],
        },
      },
      {
        Identifier: "queue",
        Type: "UpdateContactTargetQueue",
        Parameters: { AgentId: "$.External.agentArn" },
        Transitions: {
          NextAction: "staffing",
          Errors: [{ NextAction: "sorry", ErrorType: "NoMatchingError" }],
        },
      },
      {
        Identifier: "staffing",
        Type: "CheckMetricData",
        Parameters: { MetricType: "NumberOfAgentsAvailable", AgentId: "$.External.agentArn" },
        Transitions: {
          NextAction: "retry",
          Conditions: [
            {
              NextAction: "transfer",
              Condition: { Operator: "NumberGreaterThan", Operands: ["0"] },
            },
          ],
          Errors: [
            { NextAction: "retry", ErrorType: "NoMatchingCondition" },
            { NextAction: "sorry", ErrorType: "NoMatchingError" },
          ],
        },
      },
      {
        Identifier: "retry",
        Type: "Loop",
        Parameters: { LoopCount: "2" },
        Transitions: {
          NextAction: "sorry",
          Conditions: [
            {
              NextAction: "invoke",
              Condition: { Operator: "Equals", Operands: ["ContinueLooping"] },
            },
            { NextAction: "sorry", Condition: { Operator: "Equals", Operands: ["DoneLooping"] } },
          ],
        },
      },
      {
        Identifier: "transfer",
        Type: "TransferContactToQueue",
        Parameters: {},
        Transitions: {
          NextAction: "sorry",
          Errors: [
            { NextAction: "sorry", ErrorType: "QueueAtCapacity" },
            { NextAction: "sorry", ErrorType: "NoMatchingError" },
          ],
        },
      },
      {
        Identifier: "sorry",
        Type: "MessageParticipant",
        Parameters: { Text: "Sorry, please call again later." },
        Transitions: {
          NextAction: "bye",
          Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }],
        },
      },
      { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
    ],
  };
}

/** The action `id` of `flow`, to break in place. */
export function actionOf(flow: MutableFlow, id: string): LooseAction {
  const found = flow.Actions.find((action) => action.Identifier === id);
  if (found === undefined) throw new Error(`no action ${id}`);
  return found;
}

/** `flow` as the validator's input type: the point of these tests is that it is not valid. */
export function asDocument(flow: MutableFlow): FlowDocument {
  return flow as unknown as FlowDocument;
}
