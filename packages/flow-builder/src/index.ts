export { FlowBuildError } from "./builder/flow-build-error.js";
export {
  type Branches,
  type CompareCase,
  FlowBuilder,
  type InvokeLambdaOptions,
  type Message,
  type QueueTarget,
} from "./builder/flow-builder.js";
export { layoutFlow, layoutGrid } from "./builder/layout.js";
export { agentQueueFlow } from "./generators/agent-queue-flow.js";
export { defaultMessages, defaultVoices } from "./generators/default-messages.js";
export {
  type AgentQueueFlowOptions,
  type CommonFlowOptions,
  type FlowLanguage,
  type FlowMessages,
  type FlowOptions,
  flowLanguages,
  type LambdaArns,
  type RoutingCriteriaFlowOptions,
  type VoiceEngine,
  voiceEngines,
} from "./generators/flow-options.js";
export { FlowOptionsError } from "./generators/flow-options-error.js";
export { type FlowVariant, flowVariants, generateFlow } from "./generators/generate-flow.js";
export { placeholderLambdaArns, placeholderQueueArns } from "./generators/placeholder-arns.js";
export { routingCriteriaFlow } from "./generators/routing-criteria-flow.js";
export { type ActionTypeSpec, actionCatalog, misspeltActionTypes } from "./model/action-catalog.js";
export type {
  AgentMetricCondition,
  CheckMetricDataAction,
  CheckMetricDataParameters,
  CompareAction,
  ComparisonOperator,
  Condition,
  ConditionTransition,
  DisconnectParticipantAction,
  EndFlowExecutionAction,
  ErrorTransition,
  ErrorType,
  FlowAction,
  FlowActionType,
  InvokeLambdaFunctionAction,
  InvokeLambdaFunctionParameters,
  LoopAction,
  LoopCondition,
  LoopOutcome,
  MessageContent,
  MessageParticipantAction,
  MetricType,
  NoParameters,
  NoTransitions,
  QueueOrAgent,
  StaticRoutingStep,
  TransferContactToAgentAction,
  TransferContactToQueueAction,
  Transitions,
  UpdateContactAttributesAction,
  UpdateContactAttributesParameters,
  UpdateContactRoutingCriteriaAction,
  UpdateContactTargetQueueAction,
  UpdateContactTextToSpeechVoiceAction,
} from "./model/flow-action.js";
export {
  type FlowDocument,
  type FlowMetadata,
  flowLanguageVersion,
  type Position,
} from "./model/flow-document.js";
export { type FlowEdge, flowEdges } from "./model/flow-edges.js";
export { identifierProblem, maxIdentifierLength } from "./model/identifier.js";
export {
  type AttributePath,
  attribute,
  type ContactAttributeKey,
  type ExternalPath,
  external,
  isJsonPathWithLeaf,
  type LambdaName,
  type LambdaResponseKeys,
} from "./model/json-path.js";
export { flowToDot } from "./render/flow-to-dot.js";
export { flowToJson } from "./render/flow-to-json.js";
export { flowToMermaid } from "./render/flow-to-mermaid.js";
export { flowToSvg } from "./render/flow-to-svg.js";
export { maxActions, maxContentLength } from "./validation/document-rules.js";
export { type FlowProblem, type FlowRule, flowRules } from "./validation/flow-problem.js";
export { FlowValidationError } from "./validation/flow-validation-error.js";
export { assertValidFlow, validateFlow } from "./validation/validate-flow.js";
