export { consoleMetadata } from "./builder/console-metadata.js";
export { FlowBuildError } from "./builder/flow-build-error.js";
export {
  type Branches,
  type CompareCase,
  FlowBuilder,
  type FlowBuilderOptions,
  type InvokeLambdaOptions,
  type Message,
  type QueueTarget,
} from "./builder/flow-builder.js";
export { layoutFlow, layoutGrid } from "./builder/layout.js";
export { agentQueueFlow } from "./generators/agent-queue-flow.js";
export {
  customerQueueFlow,
  offerInputSeconds,
  queueWaitStates,
} from "./generators/customer-queue-flow.js";
export { defaultMessages, defaultVoices } from "./generators/default-messages.js";
export {
  type AgentQueueFlowOptions,
  type Binding,
  bindings,
  type CommonFlowOptions,
  type CustomerProfileLookup,
  type CustomerQueueFlowOptions,
  customerProfileIdPath,
  defaultPreferredWaitSeconds,
  defaultRequiredWaitSeconds,
  type FlowLanguage,
  type FlowMessages,
  type FlowOptions,
  flowLanguages,
  type LambdaArns,
  maxWaitPriority,
  maxWaitSeconds,
  queueGuardSeconds,
  type RoutingCriteriaFlowOptions,
  requiredOfferIntervalSeconds,
  type VoiceEngine,
  voiceEngines,
} from "./generators/flow-options.js";
export { FlowOptionsError } from "./generators/flow-options-error.js";
export { type FlowVariant, flowVariants, generateFlow } from "./generators/generate-flow.js";
export {
  placeholderCustomerQueueFlowArn,
  placeholderLambdaArns,
  placeholderQueueArns,
  placeholderStickyFlowArn,
} from "./generators/placeholder-arns.js";
export { routingCriteriaFlow } from "./generators/routing-criteria-flow.js";
export {
  actionCatalog,
  actionTypeSpec,
  actionTypes,
  type ErrorExpectations,
  errorExpectations,
  isActionType,
  isAllowedIn,
  misspeltActionTypes,
} from "./model/action-catalog.js";
export {
  type ActionShape,
  type AgentMetricCondition,
  type BareActionShape,
  type ComparisonOperator,
  type Condition,
  type ConditionTransition,
  comparisonOperators,
  type EqualsCondition,
  type ErrorTransition,
  type ErrorType,
  type LoopCondition,
  type LoopOutcome,
  type MediaSource,
  type NoParameters,
  type NoTransitions,
  type OpenTransitions,
  type PromptContent,
  type StringMap,
  type Transitions,
} from "./model/action-shape.js";
export type {
  CompleteOutboundCallAction,
  CreateCaseAction,
  CreateTaskAction,
  CreateWisdomSessionAction,
  DequeueContactAndTransferToQueueAction,
  EndFlowModuleExecutionAction,
  GetCaseAction,
  InvokeFlowModuleAction,
  OptionalQueueOrAgent,
  QueueOrAgent,
  ResumeContactAction,
  StartOutboundChatContactAction,
  TagContactAction,
  TransferContactToAgentAction,
  TransferContactToQueueAction,
  UntagContactAction,
  UpdateCaseAction,
  UpdateContactAttributesAction,
  UpdateContactAttributesParameters,
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
} from "./model/actions/contact-actions.js";
export {
  type CheckHoursOfOperationAction,
  type CheckMetricDataAction,
  type CheckMetricDataParameters,
  type CheckOutboundCallStatusAction,
  type CheckVoiceIdAction,
  type CompareAction,
  type DistributeByPercentageAction,
  type EndFlowExecutionAction,
  type GetMetricDataAction,
  type LoopAction,
  type MetricType,
  metricTypes,
  type RoutingCriteria,
  type StartVoiceIdStreamAction,
  type StaticRoutingStep,
  type TransferToFlowAction,
  type UpdateContactRoutingCriteriaAction,
  type UpdateFlowAttributesAction,
  type UpdateFlowLoggingBehaviorAction,
  type WaitAction,
} from "./model/actions/flow-control-actions.js";
export type {
  AssociateContactToCustomerProfileAction,
  CreateCallbackContactAction,
  CreateCustomerProfileAction,
  GetCalculatedAttributesForCustomerProfileAction,
  GetCustomerProfileAction,
  GetCustomerProfileObjectAction,
  InvokeLambdaFunctionAction,
  InvokeLambdaFunctionParameters,
  ProfileParameters,
  UpdateCustomerProfileAction,
} from "./model/actions/interactions.js";
export type {
  ConnectParticipantWithLexBotAction,
  DisconnectParticipantAction,
  GetParticipantInputAction,
  GetParticipantInputParameters,
  MessageContent,
  MessageParticipantAction,
  MessageParticipantIterativelyAction,
  ShowViewAction,
  TransferParticipantToThirdPartyAction,
} from "./model/actions/participant-actions.js";
export {
  type ActionCategory,
  type ActionTypeSpec,
  type ConditionSpec,
  type FlowTypeSpec,
  listedFlowTypes,
  type ParameterSpec,
  type ParameterValue,
  referenceUrl,
} from "./model/catalog/action-type-spec.js";
export type {
  ActionOfType,
  ContactAction,
  FlowAction,
  FlowActionType,
  FlowControlAction,
  InteractionAction,
  ParticipantAction,
} from "./model/flow-action.js";
export {
  type ActionMetadataEntry,
  type ConditionMetadata,
  type FlowDocument,
  type FlowMetadata,
  type FlowSettings,
  flowLanguageVersion,
  type Position,
} from "./model/flow-document.js";
export { type FlowEdge, flowEdges } from "./model/flow-edges.js";
export {
  type FlowType,
  type FlowTypeGroup,
  flowTypeGroups,
  flowTypeLike,
  flowTypeOfConsoleName,
  flowTypes,
  isFlowType,
} from "./model/flow-type.js";
export { identifierProblem, maxIdentifierLength, reservedIdentifiers } from "./model/identifier.js";
export {
  type AttributePath,
  attribute,
  type ContactAttributeKey,
  containsJsonPath,
  type ExternalPath,
  external,
  hasTemplateToken,
  isJsonPathWithLeaf,
  isSingleJsonPath,
  type LambdaName,
  type LambdaResponseKeys,
} from "./model/json-path.js";
export { FlowParseError } from "./parse/flow-parse-error.js";
export {
  type FlowSource,
  type ParsedFlow,
  parseFlow,
  readFlow,
  readFlowSource,
} from "./parse/parse-flow.js";
export { flowToDot } from "./render/flow-to-dot.js";
export { type FlowJsonOptions, flowToJson } from "./render/flow-to-json.js";
export { flowToMermaid } from "./render/flow-to-mermaid.js";
export { flowToSvg } from "./render/flow-to-svg.js";
export { SpliceError } from "./splice/splice-error.js";
export {
  type SpliceFlowOptions,
  type SpliceOptions,
  type SpliceResult,
  spliceStickyRouting,
} from "./splice/splice-sticky-routing.js";
export { hostQueueFlowAttribute } from "./splice/sticky-sections.js";
export { maxActions, maxContentLength } from "./validation/document-rules.js";
export {
  type FlowProblem,
  type FlowRule,
  type FlowRuleSpec,
  flowRuleCatalog,
  flowRules,
} from "./validation/flow-problem.js";
export { FlowValidationError } from "./validation/flow-validation-error.js";
export { assertValidFlow, validateFlow } from "./validation/validate-flow.js";
export {
  type ValidationOptions,
  type ValidationProfile,
  validationProfiles,
} from "./validation/validation-options.js";
