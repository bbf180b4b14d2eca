export { defaultRecordMessages, type RecordMessages } from "./application/record-messages.js";
export type {
  DegradationEvent,
  RoutingObserver,
} from "./application/routing-observer.js";
export { StickyRouter, type StickyRouterDeps } from "./application/sticky-router.js";
export {
  type ResolvedStickyRouterOptions,
  resolveStickyRouterOptions,
  type StickyRouterOptions,
  stickyRouterDefaults,
} from "./application/sticky-router-options.js";
export type {
  AnsweredContact,
  AnsweredContactOutcome,
  AnsweredContactSkipReason,
  RoutingContact,
  StickyRouting,
} from "./application/sticky-routing.js";
export * from "./contract/index.js";
export { type AffinityJudgement, judgeAffinity } from "./domain/affinity-judgement.js";
export {
  type AffinityAssignment,
  type AffinityRecord,
  type AssignmentInput,
  assignmentFor,
} from "./domain/affinity-record.js";
export { type Agent, type Channel, channels } from "./domain/agent.js";
export { createAgentRoster } from "./domain/agent-roster.js";
export {
  assertCallerKey,
  type CallerIdentity,
  callerKey,
  contactKeyPrefix,
  isCallingCode,
  maskPhoneNumber,
  type ParseCallerOptions,
  parseCaller,
} from "./domain/caller-identity.js";
export {
  type CandidateOrderInput,
  candidateOrder,
  type RankedCandidates,
  type RankedCandidatesQuery,
  rankedCandidates,
} from "./domain/candidate-order.js";
export {
  ConnectAffinityError,
  DirectoryUnavailableError,
  InvalidCallerKeyError,
  InvalidCursorError,
  InvalidOptionError,
} from "./domain/errors.js";
export {
  defaultIdlePoolSize,
  isNewCallerStrategy,
  type NewCallerStrategyName,
  newCallerStrategies,
  strategySeed,
} from "./domain/new-caller-strategy.js";
export {
  type AvailableChoiceRule,
  canTakeContact,
  chooseAvailable,
  type ReservationClaim,
  reservedByAnother,
  type WindowChoice,
} from "./domain/presence-choice.js";
export {
  agentKey,
  agentKeys,
  agentRank,
  compareRanked,
  type PreparedSeed,
  prepareSeed,
  rankOf,
  rankSpace,
  seedFromRandom,
  seedFromText,
} from "./domain/rendezvous-rank.js";
export { maxFurtherAgentsPerStep, preferredAgentCriteria } from "./domain/routing-criteria.js";
export {
  cursorVersion,
  decodeCursor,
  encodeCursor,
  maxCursorAgentIdLength,
  maxCursorAttempts,
  maxExcluded,
  type RoutingCursor,
} from "./domain/routing-cursor.js";
export type { AffinityStore, SaveOutcome } from "./ports/affinity-store.js";
export type { AgentDirectory, AgentRoster } from "./ports/agent-directory.js";
export type {
  AgentAvailability,
  AgentPresence,
  PresenceLookup,
  PresenceUnknownReason,
  ReservationOutcome,
} from "./ports/agent-presence.js";
export { type Clock, systemClock } from "./ports/clock.js";
export type { ContactIndex } from "./ports/contact-index.js";
export {
  type ContactIndexEntry,
  InMemoryAffinityStore,
} from "./ports/in-memory-affinity-store.js";
export { InMemoryAgentDirectory } from "./ports/in-memory-agent-directory.js";
export { InMemoryAgentPresence } from "./ports/in-memory-agent-presence.js";
export { ManualClock } from "./ports/manual-clock.js";
export { cryptoRandom, type RandomSource } from "./ports/random-source.js";
export { SeededRandom } from "./ports/seeded-random.js";
