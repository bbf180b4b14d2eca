// Declared beside the strategies' behaviour in the domain, published here with the other
// deployment vocabularies so the handlers, infra and the simulator import them from one entry.

export { type AffinityScopeName, affinityScopes } from "../domain/affinity-scope.js";
export { type Channel, channels } from "../domain/agent.js";
// Declared with the agent ARN reader in the domain; the limits are part of the contract.
export { identifierLimits } from "../domain/connect-identifiers.js";
export { type TransferCredit, transferCredits } from "../domain/credit-rules.js";
export { clockSkewAllowanceMs } from "../domain/event-time.js";
export { type IdentitySource, identitySources } from "../domain/identity-sources.js";
export {
  type NewCallerStrategyName,
  newCallerStrategies,
} from "../domain/new-caller-strategy.js";
export {
  type AgentReason,
  agentReasons,
  type CandidateResponse,
  type CandidateResponseKey,
  type CandidateStatus,
  type ContactAttributeName,
  candidateResponseKeys,
  candidateStatuses,
  contactAttributes,
  type LambdaParameter,
  lambdaParameters,
  NONE,
  type None,
  type NoneReason,
  noneReasons,
  type OptionalLambdaParameter,
  optionalLambdaParameters,
  type PresenceState,
  presenceStates,
  type RecordResponse,
  type RecordResponseKey,
  type RecordStatus,
  type RoutingCriteria,
  type RoutingCriteriaAnswer,
  type RoutingCriteriaNoneReason,
  type RoutingCriteriaResponse,
  type RoutingCriteriaResponseKey,
  type RoutingCriteriaSlotKey,
  type RoutingCriteriaSlots,
  type RoutingCriteriaStatus,
  type RoutingCriteriaStep,
  recordResponseKeys,
  recordStatuses,
  routingCriteriaAgentSlots,
  routingCriteriaNoneReasons,
  routingCriteriaResponseKeys,
  routingCriteriaRingSlots,
  routingCriteriaSlotKeys,
  routingCriteriaSlots,
  routingCriteriaStatuses,
  type SkipReason,
  skipReasons,
} from "./attribute-contract.js";
export { defaultLanguage, type Language, languages } from "./languages.js";
export { type LogLevel, logLevels } from "./log-levels.js";
export { type PresenceSource, presenceSources } from "./presence-sources.js";
