/**
 * The parts every action of the Amazon Connect flow language shares: identifier, type,
 * parameters and transitions; the error types and condition operators transitions use.
 *
 * Source: "Actions in the Amazon Connect Flow Language",
 * https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html
 *
 * @packageDocumentation
 */

/**
 * An error type an action can raise, named in `Transitions.Errors[].ErrorType`. Each action's
 * page lists its own; `NoMatchingError` (any error no other entry matches) and
 * `NoMatchingCondition` (no condition was true) are common to many.
 */
export type ErrorType =
  | "NoMatchingError"
  | "NoMatchingCondition"
  | "QueueAtCapacity"
  | "InputTimeLimitExceeded"
  | "InvalidPhoneNumber"
  | "TimeLimitExceeded"
  | "CallFailed"
  | "ConnectionTimeLimitExceeded"
  | "InvalidCallbackNumber"
  | "CallbackNumberNotDialable"
  | "MultipleFoundError"
  | "NoneFoundError"
  | "MultipleFound"
  | "NoneFound"
  | "ContactNotLinked";

/**
 * A condition operator. The reference lists the eight comparisons; `KeyExists` is reported
 * accepted by the service (a third-party library that checks its output against
 * `CreateContactFlow`).
 */
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

/** The operators of {@link ComparisonOperator}, for checking parsed flows. */
export const comparisonOperators: readonly ComparisonOperator[] = [
  "Equals",
  "TextStartsWith",
  "TextEndsWith",
  "TextContains",
  "NumberGreaterThan",
  "NumberGreaterOrEqualTo",
  "NumberLessThan",
  "NumberLessOrEqualTo",
  "KeyExists",
];

/** One condition: the first true condition of an action wins. Operands are strings. */
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

/** A condition that only compares for equality (Lex intents, DTMF digits, view actions…). */
export interface EqualsCondition extends Condition {
  readonly Operator: "Equals";
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
 * The transitions of a non-terminal action. `NextAction` is required: the service rejects a
 * `Loop` or `Compare` without it, whatever the documentation says (reported by a library that
 * checks against `CreateContactFlow`; every non-terminal action of the 80 real flows has one
 * except `MessageParticipantIteratively`, see {@link OpenTransitions}).
 */
export interface Transitions<E extends ErrorType = never, C extends Condition = never> {
  readonly NextAction: string;
  readonly Errors?: readonly ErrorTransition<E>[];
  readonly Conditions?: readonly ConditionTransition<C>[];
}

/**
 * Transitions whose `NextAction` may be absent: an action that may never complete (a prompt
 * loop without an interrupt frequency keeps playing until an agent answers).
 */
export interface OpenTransitions<E extends ErrorType = never, C extends Condition = never> {
  readonly NextAction?: string;
  readonly Errors?: readonly ErrorTransition<E>[];
  readonly Conditions?: readonly ConditionTransition<C>[];
}

/**
 * The transitions of a terminal action: "Transitions must be defined as an empty object".
 * Exports often write the empty lists (`"Errors": []`), which mean the same.
 */
export interface NoTransitions {
  readonly NextAction?: never;
  readonly Errors?: readonly never[];
  readonly Conditions?: readonly never[];
}

/** The parameters of an action that takes none. */
export type NoParameters = { readonly [key: string]: never };

/**
 * A map the flow fills in: keys and values are strings, each static or dynamic (a JSONPath,
 * or text with embedded paths) as the parameter allows.
 */
export type StringMap = { readonly [key: string]: string };

/** Prompt content a participant action plays or sends: at most one of these. */
export interface PromptContent {
  /** A prompt ID or ARN; static or one JSONPath. Voice only. */
  readonly PromptId?: string;
  /** Text, which may embed JSONPaths. */
  readonly Text?: string;
  /** SSML, which may embed JSONPaths. Voice only. */
  readonly SSML?: string;
  /** An external media source (an audio file in Amazon S3). */
  readonly Media?: MediaSource;
}

/** An external media source of a prompt. */
export interface MediaSource {
  readonly Uri: string;
  /** The only supported source type is `S3`. */
  readonly SourceType: string;
  /** The only supported media type is `Audio`. */
  readonly MediaType: string;
}

/**
 * One action: its identifier, type, parameters and transitions.
 *
 * `Identifier`: unique in the flow, at most 50 characters, none of `% : ( \ / ) = $ , ; [ ] { }`.
 */
export interface ActionShape<T extends string, P, R> {
  readonly Identifier: string;
  readonly Type: T;
  readonly Parameters: P;
  readonly Transitions: R;
}

/**
 * An action that takes no parameters. `DescribeContactFlow` returns some such actions without
 * a `Parameters` member at all (a `TransferContactToQueue` in the wider corpus), so it is
 * optional here.
 */
export interface BareActionShape<T extends string, R> {
  readonly Identifier: string;
  readonly Type: T;
  readonly Parameters?: NoParameters;
  readonly Transitions: R;
}
