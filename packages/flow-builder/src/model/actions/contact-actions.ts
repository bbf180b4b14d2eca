/**
 * Contact actions: attempted only when the flow runs for a contact; they change the contact's
 * data, queue or routing. Each type's page is
 * `https://docs.aws.amazon.com/connect/latest/APIReference/<page>.html`; the page names are in
 * `actionCatalog`.
 *
 * @packageDocumentation
 */
import type {
  ActionShape,
  BareActionShape,
  NoTransitions,
  OpenTransitions,
  StringMap,
  Transitions,
} from "../action-shape.js";

/** Exactly one of a queue or an agent (whose personal queue is meant). */
export type QueueOrAgent =
  | { readonly QueueId: string; readonly AgentId?: never }
  | { readonly AgentId: string; readonly QueueId?: never };

/** At most one of a queue or an agent; neither means the contact's working queue. */
export type OptionalQueueOrAgent =
  | QueueOrAgent
  | { readonly QueueId?: never; readonly AgentId?: never };

/** Dials the outbound destination of an outbound contact ("Call phone number"). */
export type CompleteOutboundCallAction = ActionShape<
  "CompleteOutboundCall",
  { readonly CallerId?: { readonly Number?: string } },
  Transitions
>;

/** Creates a case from a case template ("Cases" block). */
export type CreateCaseAction = ActionShape<
  "CreateCase",
  {
    /** `"true"` or `"false"`: link the contact to the new case. */
    readonly LinkContactToCase: string;
    readonly CaseTemplateId: string;
    readonly CaseRequestFields?: StringMap;
  },
  Transitions<"ContactNotLinked" | "NoMatchingError">
>;

/** Creates a task that runs a flow ("Create task" block). */
export type CreateTaskAction = ActionShape<
  "CreateTask",
  {
    /** A flow ID or ARN: static or one JSONPath. */
    readonly ContactFlowId: string;
    readonly Name: string;
    readonly Description?: string;
    readonly Attributes?: StringMap;
    readonly References?: { readonly [name: string]: unknown };
    /** 1 to 518,400 seconds; not with `ScheduledTime`. */
    readonly DelaySeconds?: string;
    readonly ScheduledTime?: string;
    /** Static. */
    readonly TaskTemplateId?: string;
  },
  Transitions<"NoMatchingError">
>;

/** Associates an Amazon Q in Connect (Wisdom) assistant with the contact. */
export type CreateWisdomSessionAction = ActionShape<
  "CreateWisdomSession",
  { readonly WisdomAssistantArn: string },
  Transitions<"NoMatchingError">
>;

/** Takes a queued contact out of its queue and into another (customer queue flows only). */
export type DequeueContactAndTransferToQueueAction = ActionShape<
  "DequeueContactAndTransferToQueue",
  OptionalQueueOrAgent,
  Transitions<"QueueAtCapacity" | "NoMatchingError">
>;

/** Returns from a flow module to the flow that invoked it (modules only). */
export type EndFlowModuleExecutionAction = BareActionShape<"EndFlowModuleExecution", NoTransitions>;

/** Looks up a case ("Cases" block). */
export type GetCaseAction = ActionShape<
  "GetCase",
  {
    readonly LinkContactToCase?: string;
    readonly CustomerId?: string;
    readonly CaseRequestFields?: StringMap;
    readonly CaseResponseFields?: readonly string[];
    readonly GetLastUpdatedCase?: string;
  },
  Transitions<"MultipleFound" | "NoneFound" | "ContactNotLinked" | "NoMatchingError">
>;

/** Runs a flow module and continues when it returns ("Invoke module"; inbound flows only). */
export type InvokeFlowModuleAction = ActionShape<
  "InvokeFlowModule",
  { readonly FlowModuleId: string },
  Transitions<"NoMatchingError">
>;

/** Starts an outbound SMS chat contact. */
export type StartOutboundChatContactAction = ActionShape<
  "StartOutboundChatContact",
  {
    readonly SourceEndpoint: { readonly Address: string; readonly Type: string };
    readonly DestinationEndpoint: { readonly Address: string; readonly Type: string };
    readonly ContactFlowArn: string;
    readonly ContactSubtype: string;
    readonly InitialSystemMessage?: { readonly Content: string };
    readonly RelatedContact?: string;
  },
  Transitions<"NoMatchingError">
>;

/** Sets user-defined tags on the contact ("Contact tags"). */
export type TagContactAction = ActionShape<
  "TagContact",
  { readonly Tags: StringMap },
  Transitions<"NoMatchingError">
>;

/**
 * Ends the flow and transfers a voice contact to an agent (transfer flows only); a busy
 * agent's caller is disconnected, so connect-affinity never uses it.
 */
export type TransferContactToAgentAction = BareActionShape<
  "TransferContactToAgent",
  OpenTransitions<"NoMatchingError">
>;

/**
 * Places the contact in its working queue ("Transfer to queue"), which ends the flow. The
 * service expects a `NextAction` although success never follows it (console exports carry one).
 */
export type TransferContactToQueueAction = BareActionShape<
  "TransferContactToQueue",
  Transitions<"QueueAtCapacity" | "NoMatchingError">
>;

/**
 * Removes user-defined tags from the contact. The service accepts `UntagContact`; the
 * documentation page is titled `UnTagContact`, which is reported to be rejected.
 */
export type UntagContactAction = ActionShape<
  "UntagContact",
  { readonly TagKeys: readonly string[] },
  Transitions<"NoMatchingError">
>;

/** Updates a case ("Cases" block). */
export type UpdateCaseAction = ActionShape<
  "UpdateCase",
  {
    readonly LinkContactToCase?: string;
    readonly CaseId: string;
    readonly CaseRequestFields?: StringMap;
  },
  Transitions<"ContactNotLinked" | "NoMatchingError">
>;

/** `UpdateContactAttributes` parameters: all attributes are set, or none. */
export interface UpdateContactAttributesParameters {
  readonly Attributes: StringMap;
  readonly TargetContact?: "Current" | "Related";
}

/** Sets contact attributes ("Set contact attributes"). */
export type UpdateContactAttributesAction = ActionShape<
  "UpdateContactAttributes",
  UpdateContactAttributesParameters,
  Transitions<"NoMatchingError">
>;

/** Sets the number `CreateCallbackContact` calls back ("Set callback number"). */
export type UpdateContactCallbackNumberAction = ActionShape<
  "UpdateContactCallbackNumber",
  {
    /** One JSONPath; never static. */
    readonly CallbackNumber: string;
  },
  Transitions<"InvalidCallbackNumber" | "CallbackNumberNotDialable">
>;

/** Sets properties of the contact: language, Voice ID settings, customer ID, name… */
export type UpdateContactDataAction = ActionShape<
  "UpdateContactData",
  {
    readonly LanguageCode?: string;
    readonly CustomerId?: string;
    readonly Name?: string;
    readonly Description?: string;
    readonly References?: { readonly [name: string]: unknown };
    readonly IsVoiceIdStreamingEnabled?: string;
    readonly IsVoiceAuthenticationEnabled?: string;
    readonly IsFraudDetectionEnabled?: string;
    readonly VoiceAuthenticationThreshold?: string;
    readonly VoiceAuthenticationResponseTime?: string;
    readonly FraudDetectionThreshold?: string;
    readonly WisdomSessionArn?: string;
    readonly [parameter: string]: unknown;
  },
  Transitions<"NoMatchingError">
>;

/**
 * Sets the flow to run on a contact event: customer queue, hold and whisper flows, the
 * disconnect flow ("Set customer queue flow", "Set hold flow", "Set whisper flow"…). One entry.
 */
export type UpdateContactEventHooksAction = ActionShape<
  "UpdateContactEventHooks",
  {
    /** Event type (static) → flow ID or ARN. */
    readonly EventHooks: StringMap;
    readonly EventHooksConfiguration?: {
      readonly [eventType: string]: { readonly DisableExecution?: string };
    };
  },
  Transitions<"NoMatchingError">
>;

/** Enables or disables message processing of a chat. */
export type UpdateContactMediaProcessingAction = ActionShape<
  "UpdateContactMediaProcessing",
  { readonly [parameter: string]: unknown },
  Transitions<"NoMatchingError">
>;

/** Starts or stops streaming the customer's audio ("Start/Stop media streaming"). */
export type UpdateContactMediaStreamingBehaviorAction = ActionShape<
  "UpdateContactMediaStreamingBehavior",
  {
    readonly MediaStreamingState: "Enabled" | "Disabled";
    readonly Participants?: readonly {
      readonly ParticipantType: string;
      readonly MediaDirections: readonly string[];
    }[];
    readonly MediaStreamType?: string;
  },
  Transitions<"NoMatchingError">
>;

/** Sets recording and Contact Lens analytics (the newer "Set recording and analytics behavior"). */
export type UpdateContactRecordingAndAnalyticsBehaviorAction = ActionShape<
  "UpdateContactRecordingAndAnalyticsBehavior",
  { readonly [parameter: string]: unknown },
  Transitions<"NoMatchingError">
>;

/** Sets who is recorded and the analytics behaviour ("Set recording and analytics behavior"). */
export type UpdateContactRecordingBehaviorAction = ActionShape<
  "UpdateContactRecordingBehavior",
  {
    readonly RecordingBehavior: {
      /** `Agent`, `Customer`; an empty list disables recording. */
      readonly RecordedParticipants: readonly string[];
      readonly ScreenRecordedParticipants?: readonly string[];
      readonly IVRRecordingBehavior?: string;
    };
    readonly AnalyticsBehavior?: { readonly [setting: string]: unknown };
  },
  Transitions
>;

/** Resumes a paused contact. */
export type ResumeContactAction = BareActionShape<"ResumeContact", Transitions<"NoMatchingError">>;

/** Changes the contact's queue priority or age ("Change routing priority / age"). */
export type UpdateContactRoutingBehaviorAction = ActionShape<
  "UpdateContactRoutingBehavior",
  {
    /** A whole number above zero (lower is routed first); not with `QueueTimeAdjustmentSeconds`. */
    readonly QueuePriority?: string;
    /** Whole seconds added to the contact's age in queue; not with `QueuePriority`. */
    readonly QueueTimeAdjustmentSeconds?: string;
    readonly RoutingProficiencies?: unknown;
  },
  Transitions
>;

/** Sets the working queue ("Set working queue") that a transfer and queue checks use. */
export type UpdateContactTargetQueueAction = ActionShape<
  "UpdateContactTargetQueue",
  QueueOrAgent,
  Transitions<"NoMatchingError">
>;

/** Sets the Amazon Polly voice ("Set voice"); the default is Joanna. */
export type UpdateContactTextToSpeechVoiceAction = ActionShape<
  "UpdateContactTextToSpeechVoice",
  {
    /** Static. */
    readonly TextToSpeechVoice: string;
    /** Static; exports write `Neural`, `neural`, `standard`, `generative`… */
    readonly TextToSpeechEngine?: string;
    readonly TextToSpeechStyle?: string;
  },
  Transitions<"NoMatchingError">
>;

/** Puts the previous participant on hold or takes it off ("Hold customer or agent"). */
export type UpdatePreviousContactParticipantStateAction = ActionShape<
  "UpdatePreviousContactParticipantState",
  { readonly PreviousContactParticipantState: "AgentOnHold" | "CustomerOnHold" | "OffHold" },
  Transitions<"NoMatchingError">
>;
