// Declared beside the strategies' behaviour in the domain, published here with the other
// deployment vocabularies so the handlers, infra and the simulator import them from one entry.
export { type Channel, channels } from "../domain/agent.js";
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
  type PresenceState,
  presenceStates,
  type RecordResponse,
  type RecordResponseKey,
  type RecordStatus,
  type RoutingCriteria,
  type RoutingCriteriaNoneReason,
  type RoutingCriteriaResponse,
  type RoutingCriteriaResponseKey,
  type RoutingCriteriaStatus,
  type RoutingCriteriaStep,
  recordResponseKeys,
  recordStatuses,
  routingCriteriaNoneReasons,
  routingCriteriaResponseKeys,
  routingCriteriaStatuses,
  type SkipReason,
  skipReasons,
} from "./attribute-contract.js";
export { defaultLanguage, type Language, languages } from "./languages.js";
export { type LogLevel, logLevels } from "./log-levels.js";
export { type PresenceSource, presenceSources } from "./presence-sources.js";
