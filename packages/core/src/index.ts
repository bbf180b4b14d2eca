/**
 * Sticky-agent routing for Amazon Connect: the router and what it needs.
 *
 * The root entry is the use case: `StickyRouter`, its options and answers, the errors, and the
 * ports it works through (with the production clock and randomness). In-memory fakes live in
 * `@connect-affinity/core/testing`, the agent event stream's reducer in
 * `@connect-affinity/core/agent-events`, the AWS adapters in `@connect-affinity/core/dynamodb`
 * and `@connect-affinity/core/connect`, and the attribute contract's names in
 * `@connect-affinity/core/contract`. Importing this entry pulls in no AWS SDK.
 *
 * @packageDocumentation
 */

// The use case: the router, its dependencies, options and answers.
export { type RecordMessages, recordMessages } from "./application/record-messages.js";
export {
  RosterRefresher,
  type RosterRefresherDeps,
  type RosterRefresherOptions,
  type RosterRunSummary,
  rosterRefresherDefaults,
} from "./application/roster-refresher.js";
export type { DegradationEvent, RoutingObserver } from "./application/routing-observer.js";
export {
  type IndexSources,
  type RosterSources,
  StickyRouter,
  type StickyRouterCommonDeps,
  type StickyRouterDeps,
} from "./application/sticky-router.js";
export {
  type PreviousCallerKey,
  type ResolvedStickyRouterOptions,
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
// The answers' shapes; their key and value lists are in `@connect-affinity/core/contract`.
export type {
  AgentReason,
  CandidateResponse,
  CandidateStatus,
  None,
  NoneReason,
  PresenceState,
  RecordResponse,
  RecordStatus,
  RoutingCriteria,
  RoutingCriteriaNoneReason,
  RoutingCriteriaResponse,
  RoutingCriteriaStatus,
  RoutingCriteriaStep,
  SkipReason,
} from "./contract/index.js";

// The domain's data, and the few functions a caller needs around the router.
export type {
  AffinityAssignment,
  AffinityRecord,
  AgentPin,
  AssignmentInput,
  RecordedContact,
  ServedAgent,
} from "./domain/affinity-record.js";
export { assignmentFor, maxExcludedAgents } from "./domain/affinity-record.js";
export type { AffinityScopeName } from "./domain/affinity-scope.js";
export { type Agent, type Channel, channels } from "./domain/agent.js";
export type { AgentAvailability } from "./domain/agent-availability.js";
export { type AgentRoster, createAgentRoster } from "./domain/agent-roster.js";
export {
  type CallerIdentity,
  callerKey,
  maskPhoneNumber,
  type ParseCallerOptions,
  parseCaller,
} from "./domain/caller-identity.js";
export {
  type ContactOffer,
  type PreferredAgentDecision,
  preferredAgentDecisions,
} from "./domain/contact-offer.js";
export type { TransferCredit } from "./domain/credit-rules.js";
export {
  type CustomerIdentity,
  customerIdentities,
  type IdentityInput,
  identityKey,
  parseEmailAddress,
} from "./domain/customer-identity.js";
export {
  ConnectAffinityError,
  DirectoryUnavailableError,
  InvalidCallerKeyError,
  InvalidCursorError,
  InvalidOptionError,
} from "./domain/errors.js";
export type { IdentitySource } from "./domain/identity-sources.js";
export {
  logExcerpt,
  maskEmailAddressesIn,
  maskPhoneNumbersIn,
  truncateForLog,
} from "./domain/log-masking.js";
export type { NewCallerStrategyName } from "./domain/new-caller-strategy.js";
export type { RandomSource } from "./domain/random-source.js";
export type {
  IndexLayout,
  RosterChange,
  RosterEntry,
} from "./domain/roster-reconciliation.js";

// The ports, with the production clock and randomness.
export type { AffinityStore, SaveOutcome } from "./ports/affinity-store.js";
export type { AgentDirectory } from "./ports/agent-directory.js";
export type {
  AgentIndex,
  AgentIndexStatus,
  AvailableAgent,
  AvailableAgents,
  IndexedAgent,
} from "./ports/agent-index.js";
export type {
  AgentPresence,
  PresenceLookup,
  PresenceUnknownReason,
  ReservationOutcome,
  ReserveOptions,
} from "./ports/agent-presence.js";
export type { CallOptions } from "./ports/call-options.js";
export { type Clock, systemClock } from "./ports/clock.js";
export type { ContactIndex, RememberedContact } from "./ports/contact-index.js";
export type { CustomerPreferences, PinRequest } from "./ports/customer-preferences.js";
export { cryptoRandom } from "./ports/random-source.js";
export type {
  DirectoryPage,
  DirectoryPages,
  RosterApplySummary,
  RosterRefreshInProgress,
  RosterRefreshProgress,
  SharedRoster,
} from "./ports/shared-roster.js";
