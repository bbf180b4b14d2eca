/**
 * Every action type of the Amazon Connect flow language, as a union discriminated on `Type`.
 * Parameter values are strings (numbers as `"8"`), because the service rejects or misreads
 * JSON numbers; a few free-form objects (a view's `ViewData`) are the exception.
 *
 * Source: the flow language's action reference, one page per type,
 * https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html, checked
 * against 80 flows Connect accepted; where they disagree the flows win and the type's doc
 * comment says so.
 *
 * @packageDocumentation
 */
import type {
  CompleteOutboundCallAction,
  CreateCaseAction,
  CreateTaskAction,
  CreateWisdomSessionAction,
  DequeueContactAndTransferToQueueAction,
  EndFlowModuleExecutionAction,
  GetCaseAction,
  InvokeFlowModuleAction,
  ResumeContactAction,
  StartOutboundChatContactAction,
  TagContactAction,
  TransferContactToAgentAction,
  TransferContactToQueueAction,
  UntagContactAction,
  UpdateCaseAction,
  UpdateContactAttributesAction,
  UpdateContactCallbackNumberAction,
  UpdateContactDataAction,
  UpdateContactEventHooksAction,
  UpdateContactMediaProcessingAction,
  UpdateContactMediaStreamingBehaviorAction,
  UpdateContactRecordingAndAnalyticsBehaviorAction,
  UpdateContactRecordingBehaviorAction,
  UpdateContactRoutingBehaviorAction,
  UpdateContactTargetQueueAction,
  UpdateContactTextToSpeechVoiceAction,
  UpdatePreviousContactParticipantStateAction,
} from "./actions/contact-actions.js";
import type {
  CheckHoursOfOperationAction,
  CheckMetricDataAction,
  CheckOutboundCallStatusAction,
  CheckVoiceIdAction,
  CompareAction,
  DistributeByPercentageAction,
  EndFlowExecutionAction,
  GetMetricDataAction,
  LoopAction,
  StartVoiceIdStreamAction,
  TransferToFlowAction,
  UpdateContactRoutingCriteriaAction,
  UpdateFlowAttributesAction,
  UpdateFlowLoggingBehaviorAction,
  WaitAction,
} from "./actions/flow-control-actions.js";
import type {
  AssociateContactToCustomerProfileAction,
  CreateCallbackContactAction,
  CreateCustomerProfileAction,
  GetCalculatedAttributesForCustomerProfileAction,
  GetCustomerProfileAction,
  GetCustomerProfileObjectAction,
  InvokeLambdaFunctionAction,
  UpdateCustomerProfileAction,
} from "./actions/interactions.js";
import type {
  ConnectParticipantWithLexBotAction,
  DisconnectParticipantAction,
  GetParticipantInputAction,
  MessageParticipantAction,
  MessageParticipantIterativelyAction,
  ShowViewAction,
  TransferParticipantToThirdPartyAction,
} from "./actions/participant-actions.js";

/** A contact action (changes the contact's data, queue or routing). */
export type ContactAction =
  | CompleteOutboundCallAction
  | CreateCaseAction
  | CreateTaskAction
  | CreateWisdomSessionAction
  | DequeueContactAndTransferToQueueAction
  | EndFlowModuleExecutionAction
  | GetCaseAction
  | InvokeFlowModuleAction
  | ResumeContactAction
  | StartOutboundChatContactAction
  | TagContactAction
  | TransferContactToAgentAction
  | TransferContactToQueueAction
  | UntagContactAction
  | UpdateCaseAction
  | UpdateContactAttributesAction
  | UpdateContactCallbackNumberAction
  | UpdateContactDataAction
  | UpdateContactEventHooksAction
  | UpdateContactMediaProcessingAction
  | UpdateContactMediaStreamingBehaviorAction
  | UpdateContactRecordingAndAnalyticsBehaviorAction
  | UpdateContactRecordingBehaviorAction
  | UpdateContactRoutingBehaviorAction
  | UpdateContactTargetQueueAction
  | UpdateContactTextToSpeechVoiceAction
  | UpdatePreviousContactParticipantStateAction;

/** A flow control action (chooses a branch or changes how the flow runs). */
export type FlowControlAction =
  | CheckHoursOfOperationAction
  | CheckMetricDataAction
  | CheckOutboundCallStatusAction
  | CheckVoiceIdAction
  | CompareAction
  | DistributeByPercentageAction
  | EndFlowExecutionAction
  | GetMetricDataAction
  | LoopAction
  | StartVoiceIdStreamAction
  | TransferToFlowAction
  | UpdateContactRoutingCriteriaAction
  | UpdateFlowAttributesAction
  | UpdateFlowLoggingBehaviorAction
  | WaitAction;

/** An interaction (a Lambda, Customer Profiles, a callback). */
export type InteractionAction =
  | AssociateContactToCustomerProfileAction
  | CreateCallbackContactAction
  | CreateCustomerProfileAction
  | GetCalculatedAttributesForCustomerProfileAction
  | GetCustomerProfileAction
  | GetCustomerProfileObjectAction
  | InvokeLambdaFunctionAction
  | UpdateCustomerProfileAction;

/** A participant action (the caller hears, answers or leaves). */
export type ParticipantAction =
  | ConnectParticipantWithLexBotAction
  | DisconnectParticipantAction
  | GetParticipantInputAction
  | MessageParticipantAction
  | MessageParticipantIterativelyAction
  | ShowViewAction
  | TransferParticipantToThirdPartyAction;

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
export type FlowAction = ContactAction | FlowControlAction | InteractionAction | ParticipantAction;

/** The `Type` of a modelled action. */
export type FlowActionType = FlowAction["Type"];

/** The action of type `T`. */
export type ActionOfType<T extends FlowActionType> = Extract<FlowAction, { readonly Type: T }>;
