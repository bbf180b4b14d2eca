/**
 * Flow control actions: they choose a branch or change how the flow runs (logging, flow
 * attributes, routing criteria) without a participant. Each type's page is
 * `https://docs.aws.amazon.com/connect/latest/APIReference/<page>.html`; the page names are in
 * `actionCatalog`.
 *
 * @packageDocumentation
 */
import type {
  ActionShape,
  AgentMetricCondition,
  BareActionShape,
  Condition,
  EqualsCondition,
  LoopCondition,
  NoTransitions,
  Transitions,
} from "../action-shape.js";
import type { OptionalQueueOrAgent } from "./contact-actions.js";

/** Checks hours of operation ("Check hours of operation"): conditions `True` and `False`. */
export type CheckHoursOfOperationAction = ActionShape<
  "CheckHoursOfOperation",
  {
    /** An hours-of-operation ID or ARN; without it, the working queue's hours. */
    readonly HoursOfOperationId?: string;
  },
  Transitions<"NoMatchingError", EqualsCondition>
>;

/** The metrics `CheckMetricData` loads. */
export type MetricType =
  | "NumberOfAgentsAvailable"
  | "NumberOfAgentsStaffed"
  | "NumberOfAgentsOnline"
  | "OldestContactInQueueAgeSeconds"
  | "NumberOfContactsInQueue";

/** The metrics of {@link MetricType}. */
export const metricTypes: readonly MetricType[] = [
  "NumberOfAgentsAvailable",
  "NumberOfAgentsStaffed",
  "NumberOfAgentsOnline",
  "OldestContactInQueueAgeSeconds",
  "NumberOfContactsInQueue",
];

/** `CheckMetricData` parameters: without a queue or an agent, the working queue is checked. */
export type CheckMetricDataParameters = { readonly MetricType: MetricType } & OptionalQueueOrAgent;

/** Loads one metric and compares it ("Check staffing" / "Check queue status"). */
export type CheckMetricDataAction = ActionShape<
  "CheckMetricData",
  CheckMetricDataParameters,
  Transitions<"NoMatchingCondition" | "NoMatchingError", Condition | AgentMetricCondition>
>;

/** Branches on an outbound call's answering-machine detection ("Check call progress"). */
export type CheckOutboundCallStatusAction = BareActionShape<
  "CheckOutboundCallStatus",
  Transitions<"NoMatchingError", EqualsCondition>
>;

/** Branches on Voice ID's enrollment, authentication or fraud result ("Check Voice ID"). */
export type CheckVoiceIdAction = ActionShape<
  "CheckVoiceId",
  { readonly CheckVoiceIdOption: "enrollmentStatus" | "voiceAuthentication" | "fraudDetection" },
  Transitions<"NoMatchingError", EqualsCondition>
>;

/** Compares a value with conditions ("Check contact attributes"). */
export type CompareAction = ActionShape<
  "Compare",
  {
    /** One JSONPath valid for the flow's data, such as `$.External.status` or `$.Channel`. */
    readonly ComparisonValue: string;
  },
  Transitions<"NoMatchingCondition", Condition>
>;

/** Draws a number from 1 to 100 and branches on `NumberLessThan` chains ("Distribute by percentage"). */
export type DistributeByPercentageAction = BareActionShape<
  "DistributeByPercentage",
  Transitions<"NoMatchingCondition", Condition>
>;

/** Ends a whisper or customer queue flow without disconnecting ("End flow / Resume"). */
export type EndFlowExecutionAction = BareActionShape<"EndFlowExecution", NoTransitions>;

/** Loads real-time queue metrics into `$.Metrics` ("Get queue metrics"). */
export type GetMetricDataAction = ActionShape<
  "GetMetricData",
  OptionalQueueOrAgent & { readonly QueueChannel?: string },
  Transitions<"NoMatchingError">
>;

/** Counts passes through this action ("Loop"); `LoopCount` is `"0"` to `"100"`. */
export type LoopAction = ActionShape<
  "Loop",
  { readonly LoopCount: string },
  Transitions<never, LoopCondition>
>;

/** Starts streaming audio to Voice ID ("Set Voice ID"). */
export type StartVoiceIdStreamAction = BareActionShape<
  "StartVoiceIdStream",
  Transitions<"NoMatchingError">
>;

/** Continues in another flow ("Transfer to flow"). */
export type TransferToFlowAction = ActionShape<
  "TransferToFlow",
  {
    /** A flow ID or ARN: static or one JSONPath. */
    readonly ContactFlowId: string;
  },
  Transitions<"NoMatchingError">
>;

/** Sets attributes that live only while this flow runs (`$.FlowAttributes`). */
export type UpdateFlowAttributesAction = ActionShape<
  "UpdateFlowAttributes",
  { readonly FlowAttributes: { readonly [name: string]: { readonly Value: string } } },
  Transitions<"NoMatchingError">
>;

/** Turns flow logs on or off ("Set logging behavior"). */
export type UpdateFlowLoggingBehaviorAction = ActionShape<
  "UpdateFlowLoggingBehavior",
  { readonly FlowLoggingBehavior: "Enabled" | "Disabled" },
  Transitions
>;

/**
 * A routing step written into the flow statically. Its values may be JSONPaths, so a step can
 * name the agents a Lambda returned (`"AgentIds": ["$.External.agentId"]`) while the step
 * structure stays in the flow.
 */
export interface StaticRoutingStep {
  readonly Expression: { readonly [key: string]: unknown };
  readonly Expiry?: { readonly DurationInSeconds: string };
}

/**
 * Routing criteria: static `Steps` (whose values may be JSONPaths), or the whole criteria as
 * one JSONPath to a Lambda's JSON response (`"$.External.routingCriteria"`).
 */
export type RoutingCriteria = string | { readonly Steps: readonly StaticRoutingStep[] };

/**
 * Sets the contact's routing criteria ("Set routing criteria"). The service accepts the type
 * `UpdateContactRoutingCriteria`; the documentation page is titled `UpdateRoutingCriteria`,
 * which is reported to be rejected as an unknown type.
 */
export type UpdateContactRoutingCriteriaAction = ActionShape<
  "UpdateContactRoutingCriteria",
  { readonly RoutingCriteria: RoutingCriteria },
  Transitions<"NoMatchingError">
>;

/** Pauses a chat for a time or until the customer returns ("Wait"). */
export type WaitAction = ActionShape<
  "Wait",
  {
    /** Seconds (static up to 604,800, or one JSONPath); the real flows write this key. */
    readonly TimeLimitSeconds?: string;
    /** The documentation's name for the same limit. */
    readonly TimeoutSeconds?: string;
    /** The events that interrupt the wait; only `CustomerReturned`. */
    readonly Events?: readonly string[];
  },
  Transitions<"NoMatchingError", EqualsCondition>
>;
