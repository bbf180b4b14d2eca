import type { FlowAction, FlowDocument } from "@connect-affinity/flow-builder";
import { type ContactResult, simulate } from "../../src/instance/simulation.js";
import type { ContactInput, QueueDefinition } from "../../src/interpreter/contact.js";
import { ContactQueues, type QueueLimits } from "../../src/interpreter/contact-queues.js";
import {
  FlowInterpreter,
  type FlowInterpreterDeps,
  type InterpreterTiming,
} from "../../src/interpreter/flow-interpreter.js";
import type { LambdaFunctions } from "../../src/interpreter/lambda-function.js";
import { FakeFloor, instanceArn } from "./fake-floor.js";

/** A hand-written flow document. */
export function flowOf(startAction: string, actions: readonly FlowAction[]): FlowDocument {
  return {
    Version: "2019-10-30",
    StartAction: startAction,
    Metadata: { entryPointPosition: { x: 0, y: 0 }, ActionMetadata: {} },
    Actions: actions,
  };
}

export const lambdaArn = (name: string): string =>
  `arn:aws:lambda:ap-northeast-1:123456789012:function:${name}`;

export const standardQueue: QueueDefinition = {
  id: "q-standard",
  arn: `${instanceArn}/queue/q-standard`,
  name: "Standard",
  role: "standard",
};

export const fallbackQueue: QueueDefinition = {
  id: "q-fallback",
  arn: `${instanceArn}/queue/q-fallback`,
  name: "Fallback",
  role: "fallback",
};

export const invoke = (
  id: string,
  name: string,
  next: string,
  onError: string,
  extra: {
    readonly parameters?: Readonly<Record<string, string>>;
    readonly timeLimitSeconds?: number;
    readonly responseType?: "STRING_MAP" | "JSON";
  } = {},
): FlowAction => ({
  Identifier: id,
  Type: "InvokeLambdaFunction",
  Parameters: {
    LambdaFunctionARN: lambdaArn(name),
    InvocationTimeLimitSeconds: String(extra.timeLimitSeconds ?? 3),
    InvocationType: "SYNCHRONOUS",
    ...(extra.parameters === undefined ? {} : { LambdaInvocationAttributes: extra.parameters }),
    ResponseValidation: { ResponseType: extra.responseType ?? "STRING_MAP" },
  },
  Transitions: {
    NextAction: next,
    Errors: [{ NextAction: onError, ErrorType: "NoMatchingError" }],
  },
});

export const compare = (
  id: string,
  value: string,
  cases: readonly (readonly [operator: string, operand: string, next: string])[],
  otherwise: string,
): FlowAction =>
  ({
    Identifier: id,
    Type: "Compare",
    Parameters: { ComparisonValue: value },
    Transitions: {
      NextAction: otherwise,
      Conditions: cases.map(([Operator, operand, NextAction]) => ({
        NextAction,
        Condition: { Operator, Operands: [operand] },
      })),
      Errors: [{ NextAction: otherwise, ErrorType: "NoMatchingCondition" }],
    },
  }) as FlowAction;

export const say = (id: string, text: string, next: string): FlowAction => ({
  Identifier: id,
  Type: "MessageParticipant",
  Parameters: { Text: text },
  Transitions: { NextAction: next, Errors: [{ NextAction: next, ErrorType: "NoMatchingError" }] },
});

export const setAttributes = (
  id: string,
  attributes: Readonly<Record<string, string>>,
  next: string,
  onError: string,
): FlowAction => ({
  Identifier: id,
  Type: "UpdateContactAttributes",
  Parameters: { Attributes: attributes, TargetContact: "Current" },
  Transitions: {
    NextAction: next,
    Errors: [{ NextAction: onError, ErrorType: "NoMatchingError" }],
  },
});

export const setQueue = (
  id: string,
  target: { readonly AgentId: string } | { readonly QueueId: string },
  next: string,
  onError: string,
): FlowAction =>
  ({
    Identifier: id,
    Type: "UpdateContactTargetQueue",
    Parameters: target,
    Transitions: {
      NextAction: next,
      Errors: [{ NextAction: onError, ErrorType: "NoMatchingError" }],
    },
  }) as FlowAction;

export const checkAvailable = (
  id: string,
  agentId: string | undefined,
  available: string,
  otherwise: string,
): FlowAction =>
  ({
    Identifier: id,
    Type: "CheckMetricData",
    Parameters: {
      MetricType: "NumberOfAgentsAvailable",
      ...(agentId === undefined ? {} : { AgentId: agentId }),
    },
    Transitions: {
      NextAction: otherwise,
      Conditions: [
        { NextAction: available, Condition: { Operator: "NumberGreaterThan", Operands: ["0"] } },
      ],
      Errors: [
        { NextAction: otherwise, ErrorType: "NoMatchingCondition" },
        { NextAction: otherwise, ErrorType: "NoMatchingError" },
      ],
    },
  }) as FlowAction;

export const loop = (id: string, count: number, again: string, done: string): FlowAction => ({
  Identifier: id,
  Type: "Loop",
  Parameters: { LoopCount: String(count) },
  Transitions: {
    NextAction: done,
    Conditions: [
      { NextAction: again, Condition: { Operator: "Equals", Operands: ["ContinueLooping"] } },
      { NextAction: done, Condition: { Operator: "Equals", Operands: ["DoneLooping"] } },
    ],
  },
});

export const transfer = (id: string, atCapacity: string, onError: string): FlowAction => ({
  Identifier: id,
  Type: "TransferContactToQueue",
  Parameters: {},
  Transitions: {
    NextAction: onError,
    Errors: [
      { NextAction: atCapacity, ErrorType: "QueueAtCapacity" },
      { NextAction: onError, ErrorType: "NoMatchingError" },
    ],
  },
});

export const routingCriteria = (id: string, criteria: string, next: string): FlowAction => ({
  Identifier: id,
  Type: "UpdateContactRoutingCriteria",
  Parameters: { RoutingCriteria: criteria },
  Transitions: { NextAction: next, Errors: [{ NextAction: next, ErrorType: "NoMatchingError" }] },
});

export const hangUp = (id: string): FlowAction => ({
  Identifier: id,
  Type: "DisconnectParticipant",
  Parameters: {},
  Transitions: {},
});

/** A clock that only moves forward when told. */
export class TestClock {
  #now: number;
  constructor(start = Date.UTC(2026, 0, 5, 0, 0, 0)) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  advanceTo(at: number): void {
    this.#now = Math.max(this.#now, at);
  }
}

/** A call of a test; `customerAddress: undefined` means the contact has none (a chat). */
export type CallOverrides = Partial<Omit<ContactInput, "customerAddress">> & {
  readonly customerAddress?: string | undefined;
  readonly atMs?: number;
};

export interface Harness {
  readonly floor: FakeFloor;
  readonly clock: TestClock;
  readonly queues: ContactQueues;
  readonly interpreter: FlowInterpreter;
  /** Runs calls (one at time 0 by default) to the end. */
  run(...calls: readonly CallOverrides[]): Promise<readonly ContactResult[]>;
}

/** An interpreter over `flow` with a fake floor of `agents` and plain-function Lambdas. */
export function harness(
  flow: FlowDocument,
  options: {
    readonly agents?: readonly string[];
    readonly lambdas?: Readonly<Record<string, LambdaFunctions[string]>>;
    readonly timing?: Partial<InterpreterTiming>;
    readonly limits?: Partial<QueueLimits>;
    /** Linked flows, hours of operation and percentage draws, when a test needs them. */
    readonly deps?: Partial<
      Pick<FlowInterpreterDeps, "linkedFlows" | "hoursOfOperation" | "percentage" | "validate">
    >;
  } = {},
): Harness {
  const clock = new TestClock();
  const floor = new FakeFloor(options.agents ?? ["sato", "suzuki"], clock);
  const queues = new ContactQueues(floor, options.limits);
  const lambdas = Object.fromEntries(
    Object.entries(options.lambdas ?? {}).map(([name, lambda]) => [lambdaArn(name), lambda]),
  );
  const interpreter = new FlowInterpreter({
    flow,
    floor,
    queues,
    lambdas,
    instanceArn,
    queueDefinitions: [standardQueue, fallbackQueue],
    ...(options.timing === undefined ? {} : { timing: options.timing }),
    ...options.deps,
  });
  return {
    floor,
    clock,
    queues,
    interpreter,
    run: (...calls) =>
      simulate(
        (calls.length === 0 ? [{}] : calls).map((call, index) => ({
          at: clock.now() + (call.atMs ?? 0),
          input: {
            contactId: call.contactId ?? `contact-${index + 1}`,
            channel: call.channel ?? "VOICE",
            ...("customerAddress" in call
              ? call.customerAddress === undefined
                ? {}
                : { customerAddress: call.customerAddress }
              : { customerAddress: "+819012345678" }),
            talkTimeMs: call.talkTimeMs ?? 60_000,
            ...(call.attributes === undefined ? {} : { attributes: call.attributes }),
            ...(call.participantInputs === undefined
              ? {}
              : { participantInputs: call.participantInputs }),
          },
        })),
        { interpreter, queues, clock },
      ),
  };
}
