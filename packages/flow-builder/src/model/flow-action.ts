/**
 * The actions of the Amazon Connect flow language that this package models, as a discriminated
 * union on `Type`. Every scalar parameter is a string, because the service rejects or misreads
 * numbers (`"8"`, not `8`).
 *
 * @packageDocumentation
 */

/** An error type an action can raise, named in `Transitions.Errors[].ErrorType`. */
export type ErrorType = "NoMatchingError" | "NoMatchingCondition" | "QueueAtCapacity";

/** A condition operator of the flow language. */
export type ComparisonOperator =
  | "Equals"
  | "TextStartsWith"
  | "TextEndsWith"
  | "TextContains"
  | "NumberGreaterThan"
  | "NumberGreaterOrEqualTo"
  | "NumberLessThan"
  | "NumberLessOrEqualTo"
  | "KeyExists";

/** One condition: the first true condition of an action wins. */
export interface Condition {
  readonly Operator: ComparisonOperator;
  readonly Operands: readonly string[];
}

/** A `Loop` action's outcome: keep looping, or the count is spent. */
export type LoopOutcome = "ContinueLooping" | "DoneLooping";

/** The only conditions a `Loop` accepts. */
export interface LoopCondition extends Condition {
  readonly Operator: "Equals";
  readonly Operands: readonly [LoopOutcome];
}

/** The only condition `CheckMetricData` accepts for agent metrics: more than zero. */
export interface AgentMetricCondition extends Condition {
  readonly Operator: "NumberGreaterThan";
  readonly Operands: readonly ["0"];
}

/** A branch taken when `Condition` is true. */
export interface ConditionTransition<C extends Condition = Condition> {
  readonly NextAction: string;
  readonly Condition: C;
}

/** A branch taken when the action raises `ErrorType`. */
export interface ErrorTransition<E extends ErrorType = ErrorType> {
  readonly NextAction: string;
  readonly ErrorType: E;
}

/**
 * The transitions of a non-terminal action. `NextAction` is required on every one of them
 * (the service rejects a `Loop` or `Compare` without it, whatever the documentation says).
 */
export interface Transitions<E extends ErrorType = never, C extends Condition = never> {
  readonly NextAction: string;
  readonly Errors?: readonly ErrorTransition<E>[];
  readonly Conditions?: readonly ConditionTransition<C>[];
}

/** The transitions of a terminal action: none. */
export type NoTransitions = { readonly [key: string]: never };

/** The parameters of an action that takes none. */
export type NoParameters = { readonly [key: string]: never };

interface ActionShape<T extends string, P, R> {
  /** Unique in the flow; ≤ 50 characters, none of `% : ( \ / ) = $ , ; [ ] { }`. */
  readonly Identifier: string;
  readonly Type: T;
  readonly Parameters: P;
  readonly Transitions: R;
}

/** `InvokeLambdaFunction` parameters; the response lands in `$.External`. */
export interface InvokeLambdaFunctionParameters {
  readonly LambdaFunctionARN: string;
  /** Whole seconds, `"1"` to `"8"`, static. */
  readonly InvocationTimeLimitSeconds: string;
  /** The flows here read the response, so they always invoke synchronously. */
  readonly InvocationType: "SYNCHRONOUS" | "ASYNCHRONOUS";
  /** Sent as `Details.Parameters`; values may be JSONPath references. */
  readonly LambdaInvocationAttributes?: { readonly [name: string]: string };
  readonly ResponseValidation?: { readonly ResponseType: "STRING_MAP" | "JSON" };
}

/** Invoke a Lambda function ("AWS Lambda function" block). */
export type InvokeLambdaFunctionAction = ActionShape<
  "InvokeLambdaFunction",
  InvokeLambdaFunctionParameters,
  Transitions<"NoMatchingError">
>;

/** Exactly one of a queue or an agent (whose personal queue is meant). */
export type QueueOrAgent =
  | { readonly QueueId: string; readonly AgentId?: never }
  | { readonly AgentId: string; readonly QueueId?: never };

/** Set the working queue ("Set working queue" block) that a transfer uses. */
export type UpdateContactTargetQueueAction = ActionShape<
  "UpdateContactTargetQueue",
  QueueOrAgent,
  Transitions<"NoMatchingError">
>;

/** The metrics `CheckMetricData` loads. */
export type MetricType =
  | "NumberOfAgentsAvailable"
  | "NumberOfAgentsStaffed"
  | "NumberOfAgentsOnline"
  | "OldestContactInQueueAgeSeconds"
  | "NumberOfContactsInQueue";

/** `CheckMetricData` parameters: without a queue or an agent, the working queue is checked. */
export type CheckMetricDataParameters = { readonly MetricType: MetricType } & (
  | QueueOrAgent
  | { readonly QueueId?: never; readonly AgentId?: never }
);

/** Check staffing or queue metrics ("Check staffing" / "Check queue status" block). */
export type CheckMetricDataAction = ActionShape<
  "CheckMetricData",
  CheckMetricDataParameters,
  Transitions<"NoMatchingCondition" | "NoMatchingError", Condition>
>;

/** Set contact attributes ("Set contact attributes" block). */
export interface UpdateContactAttributesParameters {
  readonly Attributes: { readonly [name: string]: string };
  readonly TargetContact?: "Current" | "Related";
}

/** Store values as contact attributes so they outlive the next Lambda response. */
export type UpdateContactAttributesAction = ActionShape<
  "UpdateContactAttributes",
  UpdateContactAttributesParameters,
  Transitions<"NoMatchingError">
>;

/** Compare a value with conditions ("Check contact attributes" block). */
export type CompareAction = ActionShape<
  "Compare",
  {
    /** One JSONPath with a leaf, such as `$.External.status`. */
    readonly ComparisonValue: string;
  },
  Transitions<"NoMatchingCondition", Condition>
>;

/** Count passes through this action ("Loop" block); `LoopCount` is `"0"` to `"100"`. */
export type LoopAction = ActionShape<
  "Loop",
  { readonly LoopCount: string },
  Transitions<never, LoopCondition>
>;

/** What `MessageParticipant` plays or sends: exactly one of them. */
export type MessageContent =
  | { readonly Text: string; readonly SSML?: never; readonly PromptId?: never }
  | { readonly SSML: string; readonly Text?: never; readonly PromptId?: never }
  | { readonly PromptId: string; readonly Text?: never; readonly SSML?: never };

/** Play a prompt or send a message ("Play prompt" / "Send message" block). */
export type MessageParticipantAction = ActionShape<
  "MessageParticipant",
  MessageContent,
  Transitions<"NoMatchingError">
>;

/** Place the contact in its working queue ("Transfer to queue" block). */
export type TransferContactToQueueAction = ActionShape<
  "TransferContactToQueue",
  NoParameters,
  Transitions<"QueueAtCapacity" | "NoMatchingError">
>;

/** A routing step written into the flow statically (the form is not verified against the service). */
export interface StaticRoutingStep {
  readonly Expression: { readonly [key: string]: unknown };
  readonly Expiry?: { readonly DurationInSeconds: string };
}

/** Set routing criteria: static steps, or one JSONPath to a Lambda's JSON response. */
export type UpdateContactRoutingCriteriaAction = ActionShape<
  "UpdateContactRoutingCriteria",
  { readonly RoutingCriteria: string | { readonly Steps: readonly StaticRoutingStep[] } },
  Transitions<"NoMatchingError">
>;

/** Set the text-to-speech voice ("Set voice" block); the default voice is Joanna (English). */
export type UpdateContactTextToSpeechVoiceAction = ActionShape<
  "UpdateContactTextToSpeechVoice",
  {
    readonly TextToSpeechVoice: string;
    /** As Connect exports it; absent means the standard engine. */
    readonly TextToSpeechEngine?: "Neural" | "Generative";
  },
  Transitions<"NoMatchingError">
>;

/** End the contact ("Disconnect / hang up" block). */
export type DisconnectParticipantAction = ActionShape<
  "DisconnectParticipant",
  NoParameters,
  NoTransitions
>;

/** End a whisper or queue flow; not allowed in an inbound flow (modelled so the validator can say so). */
export type EndFlowExecutionAction = ActionShape<"EndFlowExecution", NoParameters, NoTransitions>;

/** Voice-only transfer to an agent in transfer flows; drops a busy agent's caller, so never used here. */
export type TransferContactToAgentAction = ActionShape<
  "TransferContactToAgent",
  NoParameters,
  Transitions<"NoMatchingError">
>;

/**
 * One action of a flow, discriminated on `Type`.
 *
 * @example
 * ```ts
 * const bye: FlowAction = {
 *   Identifier: "disconnect",
 *   Type: "DisconnectParticipant",
 *   Parameters: {},
 *   Transitions: {},
 * };
 * ```
 */
export type FlowAction =
  | InvokeLambdaFunctionAction
  | UpdateContactTargetQueueAction
  | CheckMetricDataAction
  | UpdateContactAttributesAction
  | CompareAction
  | LoopAction
  | MessageParticipantAction
  | TransferContactToQueueAction
  | UpdateContactRoutingCriteriaAction
  | UpdateContactTextToSpeechVoiceAction
  | DisconnectParticipantAction
  | EndFlowExecutionAction
  | TransferContactToAgentAction;

/** The `Type` of a modelled action. */
export type FlowActionType = FlowAction["Type"];
