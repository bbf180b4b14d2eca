import {
  affinityScopes,
  channels,
  defaultLanguage,
  identitySources,
  languages,
  logLevels,
  newCallerStrategies,
  presenceSources,
  transferCredits,
} from "@connect-affinity/core/contract";
import { type FunctionId, functionIds, routerFunctionIds } from "./deployed-functions.js";
import type { VariableType } from "./variable-types.js";

/** One environment variable: what it holds, who reads it, and what applies when it is unset. */
export interface VariableDeclaration {
  /** The key of the variable's value in a settings object (see `FunctionSettings`). */
  readonly setting: string;
  readonly type: VariableType;
  /** The functions that read it; the writer gives it to these only. */
  readonly readBy: readonly FunctionId[];
  /** The functions that cannot start without it (a subset of {@link readBy}). */
  readonly requiredBy?: readonly FunctionId[];
  /** The value that applies when it is unset, spelled as the variable would be. */
  readonly default?: string;
  /** Who applies {@link default} when it is not the handlers themselves. */
  readonly defaultBy?: "core" | "Powertools";
  /** What being unset means when no single value applies. */
  readonly whenUnset?: string;
  /** What it does, for the README's table. */
  readonly description: string;
}

// Who reads what. Each group is what the functions do, read from the handlers and core's router.
const routers = routerFunctionIds;
/** They ask who is available now (route, next-agent, routing-criteria). */
const presenceReaders = ["route", "nextAgent", "routingCriteria"] as const;
/** They walk the candidates and reserve the agent they offer. */
const walkers = ["route", "nextAgent"] as const;
/** They compute the caller's key from the number. */
const callerKeyers = ["route", "record", "routingCriteria", "contactEvent"] as const;
/** They read callers' records (and so, during a rotation, under the previous key too). */
const recordReaders = ["route", "routingCriteria"] as const;
/** They sign (route) or check (next-agent) the routing cursor. */
const cursorSigners = ["route", "nextAgent"] as const;
/** They need the caller-key secret: to key callers, or to derive the cursor's signing key. */
const secretReaders = [...callerKeyers, "nextAgent"] as const;
/** They need the previous secret during a rotation: to read records, or to check cursors. */
const previousSecretReaders = [...recordReaders, "nextAgent"] as const;
/** They write affinity records. */
const recorders = ["record", "contactEvent"] as const;
/** They remember a routed contact's caller in the contact index. */
const contactIndexWriters = ["route", "routingCriteria"] as const;
/** They decide who is an agent: the routers (their own directory), the consumer, the refresher. */
const directoryReaders = [...routerFunctionIds, "agentEvents", "rosterRefresh"] as const;
/** They write the presence table's index of agents who can take a contact. */
const indexWriters = ["agentEvents"] as const;
/** They decide whether an agent gains affinity (the flow's record, the contact events). */
const creditors = ["record", "contactEvent"] as const;

/**
 * Every environment variable a deployed function reads, in documentation order: its setting
 * key, type and allowed values, the functions that read it (and need it), its default and what
 * it does. The handlers' configuration loader validates with these declarations, the writer
 * (`functionEnvironment`) writes with them, and the README's table is generated from them.
 *
 * @example
 * ```ts
 * import { environmentVariables } from "@connect-affinity/handlers/manifest";
 * environmentVariables.MAX_ATTEMPTS.type; // { kind: "whole-number", min: 1, max: 100 }
 * ```
 */
export const environmentVariables = {
  AFFINITY_TABLE_NAME: {
    setting: "affinityTableName",
    type: { kind: "table-name" },
    readBy: routers,
    requiredBy: routers,
    description:
      "The affinity table (created from core's `createAffinityTableInput`); it also holds the contact index.",
  },
  CONNECT_INSTANCE_ID: {
    setting: "connectInstance",
    type: { kind: "connect-instance" },
    readBy: [...routers, "rosterRefresh"],
    requiredBy: [...routers, "rosterRefresh"],
    description:
      "The Connect instance: its ID, or its ARN (then the Connect client uses the ARN's Region).",
  },
  AFFINITY_LIFETIME_DAYS: {
    setting: "affinityLifetimeDays",
    type: { kind: "whole-number", min: 1, max: 3650, unit: "days" },
    readBy: recorders,
    default: "90",
    defaultBy: "core",
    description: "How long a caller keeps their agent after their last contact.",
  },
  CALLER_KEY_SECRET: {
    setting: "callerKeySecret",
    type: { kind: "secret", minLength: 16 },
    readBy: secretReaders,
    whenUnset: "`CALLER_KEY_SECRET_REF`'s secret, else numbers stored as they are",
    description:
      "For local runs and tests only: the caller-key secret itself. Deployed stacks use `CALLER_KEY_SECRET_REF` (infra never writes this variable); the two are exclusive.",
  },
  CALLER_KEY_SECRET_REF: {
    setting: "callerKeySecretRef",
    type: { kind: "secret-reference" },
    readBy: secretReaders,
    whenUnset: "numbers stored as they are",
    description:
      "Where the caller-key secret lives: an SSM SecureString parameter or a Secrets Manager secret, read once per container (a plaintext `String` parameter or fewer than 32 bytes is refused). Callers are then stored under an HMAC of their number, never the number, and the routing cursor's signing key is derived from it (`next-agent` reads it for that alone).",
  },
  CALLER_KEY_PREVIOUS_SECRET_REF: {
    setting: "callerKeyPreviousSecretRef",
    type: { kind: "secret-reference", rawNumber: true },
    readBy: previousSecretReaders,
    whenUnset: "only the current key is read",
    description:
      "During a rotation: the previous secret (same forms), or `raw-number` for a table that held plain numbers. A caller not found under the current key is looked up under this one; writes use the current key. `next-agent` still accepts a cursor signed with the key derived from it (a contact routed just before the switch). Remove it once `connect-affinity rekey` has run or the records have expired.",
  },
  CURSOR_SIGNING_KEY: {
    setting: "cursorSigningKey",
    type: { kind: "secret", minLength: 32 },
    readBy: cursorSigners,
    whenUnset: "derived from the caller-key secret",
    description:
      "The key the routing cursor is signed with (HMAC-SHA-256, truncated tag) when no caller-key secret is set, so a cursor cannot be forged, changed or used for another contact (`INVALID_CURSOR`). `route` and `next-agent` need a caller-key secret or this, the same in both; infra generates one for a stack without a caller-key secret. With a secret and `CALLER_KEY_PREVIOUS_SECRET_REF=raw-number` (the move to a first secret), `next-agent` still accepts cursors signed with it. A secret: never in the repository.",
  },
  NEW_CALLER_STRATEGY: {
    setting: "newCallerStrategy",
    type: { kind: "one-of", values: newCallerStrategies },
    readBy: presenceReaders,
    default: "longest-idle",
    defaultBy: "core",
    description: "How new callers (and the agents after a preferred one) are spread.",
  },
  MAX_ATTEMPTS: {
    setting: "maxAttempts",
    type: { kind: "whole-number", min: 1, max: 100 },
    readBy: ["nextAgent"],
    default: "5",
    defaultBy: "core",
    description:
      "Agents offered per contact at most, `route`'s included (`next-agent` answers `attempts-exhausted` after that). Keep it at or below the flow's loop count.",
  },
  ROUTING_PROFILE_IDS: {
    setting: "routingProfileIds",
    type: { kind: "id-list", of: "routing profile" },
    readBy: directoryReaders,
    whenUnset: "every user of the instance",
    description:
      "Only these routing profiles' users are agents (read with `SearchUsers`; `agent-events` reads each event's routing profile). There is no queue filter: list the routing profiles that serve the queue.",
  },
  HIERARCHY_GROUP_IDS: {
    setting: "hierarchyGroupIds",
    type: { kind: "id-list", of: "agent hierarchy group" },
    readBy: directoryReaders,
    whenUnset: "every user of the instance",
    description:
      "Only these hierarchy groups' members are agents; combined with `ROUTING_PROFILE_IDS` by AND.",
  },
  HIERARCHY_INCLUDE_CHILD_GROUPS: {
    setting: "hierarchyIncludeChildGroups",
    type: { kind: "flag" },
    readBy: directoryReaders,
    default: "false",
    defaultBy: "core",
    description: "`true`: members of the groups' descendants count too.",
  },
  IDENTITY_SOURCES: {
    setting: "identitySources",
    type: { kind: "one-of-list", values: identitySources },
    readBy: callerKeyers,
    default: identitySources.join(","),
    defaultBy: "core",
    description:
      "Where a customer's identity comes from, in order: `customer-key` (the `customerKey` parameter the flow passes: a CRM ID, an account number, the Customer Profiles profile ID), `phone` (the caller's number), `email` (an email contact's address). A contact is filed under every key its sources yield, each under the same keyed hash (`CALLER_KEY_SECRET`); one that yields none is anonymous.",
  },
  AFFINITY_SCOPE: {
    setting: "affinityScope",
    type: { kind: "one-of", values: affinityScopes },
    readBy: callerKeyers,
    default: "global",
    defaultBy: "core",
    description:
      "How far affinity reaches: `global` (one agent history per customer, across channels and queues), `queue` (per the working queue the contact has when the flow invokes `route`) or `channel`. Pins and exclusions are per customer in every scope.",
  },
  AFFINITY_SCOPE_LIFETIMES: {
    setting: "affinityScopeLifetimes",
    type: { kind: "lifetime-map", min: 1, max: 3650 },
    readBy: creditors,
    whenUnset: "`AFFINITY_LIFETIME_DAYS` for every value",
    description:
      "With the `queue` or `channel` scope: each scope value's own lifetime in days, e.g. `CHAT=1,VOICE=30` or `<queue ID>=7`. Values not listed keep `AFFINITY_LIFETIME_DAYS`.",
  },
  MINIMUM_TALK_SECONDS: {
    setting: "minimumTalkSeconds",
    type: { kind: "whole-number", min: 0, max: 86_400, unit: "seconds" },
    readBy: creditors,
    default: "0",
    defaultBy: "core",
    description:
      "An agent gains affinity only after handling the contact this long (from the `DISCONNECTED` contact event's agent connect and disconnect times). Above 0, `record` stores nothing and `contact-event` acts on `DISCONNECTED` instead of `CONNECTED_TO_AGENT` (infra subscribes accordingly).",
  },
  TRANSFER_CREDIT: {
    setting: "transferCredit",
    type: { kind: "one-of", values: transferCredits },
    readBy: ["contactEvent"],
    default: "finishing",
    defaultBy: "core",
    description:
      "Who gains affinity from a transferred contact: `finishing` (the last agent who handled it long enough) or `first` (the agent of the customer's initial contact only).",
  },
  CREDIT_OUTBOUND: {
    setting: "creditOutbound",
    type: { kind: "flag" },
    readBy: ["contactEvent"],
    default: "false",
    defaultBy: "core",
    description:
      "`true`: an outbound contact an agent makes creates affinity with the customer called (`contact-event` asks `DescribeContact` who that is: one Connect call per outbound contact).",
  },
  OPT_OUT_ROUTING_PROFILE_IDS: {
    setting: "optOutRoutingProfileIds",
    type: { kind: "id-list", of: "routing profile" },
    readBy: routers,
    whenUnset: "nobody opts out by routing profile",
    description:
      "Agents of these routing profiles opt out of sticky routing: no customer is sent to them as their agent, and serving gives them no affinity (they still take new callers). Read with `SearchUsers`. Not with `PRESENCE_SOURCE=event-stream` (the shared roster does not carry opt-outs; the routers refuse the pair).",
  },
  OPT_OUT_HIERARCHY_GROUP_IDS: {
    setting: "optOutHierarchyGroupIds",
    type: { kind: "id-list", of: "agent hierarchy group" },
    readBy: routers,
    whenUnset: "nobody opts out by hierarchy group",
    description:
      "Agents assigned to these hierarchy groups (exactly these, not their descendants) opt out of sticky routing.",
  },
  OPT_OUT_TAGS: {
    setting: "optOutTags",
    type: { kind: "tag-list" },
    readBy: routers,
    whenUnset: "nobody opts out by tag",
    description:
      "Agents whose user carries one of these tags opt out of sticky routing, e.g. `sticky-routing=off` (`KEY=*`: any value).",
  },
  DEFAULT_CALLING_CODE: {
    setting: "defaultCallingCode",
    type: { kind: "calling-code" },
    readBy: callerKeyers,
    whenUnset: "national numbers count as anonymous",
    description: "Country calling code for numbers that arrive in national format.",
  },
  RECORD_MESSAGE_LANGUAGE: {
    setting: "recordMessageLanguage",
    type: { kind: "one-of", values: languages },
    readBy: ["record"],
    default: defaultLanguage,
    description: "Language of `record`'s built-in messages.",
  },
  RECORD_MESSAGE_RECORDED: {
    setting: "recordMessageRecorded",
    type: { kind: "text", maxLength: 1024 },
    readBy: ["record"],
    whenUnset: "the language's text",
    description: "Replaces the message `record` answers when it stored the affinity.",
  },
  RECORD_MESSAGE_SKIPPED: {
    setting: "recordMessageSkipped",
    type: { kind: "text", maxLength: 1024 },
    readBy: ["record"],
    whenUnset: "the language's text",
    description: "Replaces the message `record` answers when it stored nothing.",
  },
  PREFERRED_AGENT_EXPIRY_SECONDS: {
    setting: "preferredAgentExpirySeconds",
    type: { kind: "whole-number", min: 1, max: 86_400, unit: "seconds" },
    readBy: ["routingCriteria"],
    default: "30",
    defaultBy: "core",
    description:
      "How long each step of the `routingCriteria` object in `routing-criteria`'s answer waits for its agents. Connect reads a step's expiry only statically, so the generated flow's steps take theirs from the flow's `preferredAgentExpirySeconds`, which infra sets from the same stack setting.",
  },
  PREFERRED_WAIT_SECONDS: {
    setting: "preferredWaitSeconds",
    type: { kind: "whole-number", min: 0, max: 600, unit: "seconds" },
    readBy: ["route", "routingCriteria"],
    default: "10",
    description:
      "The bounded wait for a returning caller's busy agent (0: off). With a wait, `route` answers a preferred agent who is on shift but busy, or held by another contact, with presence `busy` so the flow lets the caller wait for them (its customer queue flow bounds the wait), and the first step of `routing-criteria`'s `routingCriteria` lasts this long. The default is the generated flow's (flow-builder's `defaultPreferredWaitSeconds`; core's own default is 0, for flows that do not handle `busy`). The flow's own `preferredWaitSeconds` must match; infra sets both from one stack setting.",
  },
  DIRECTORY_CACHE_TTL_SECONDS: {
    setting: "directoryCacheTtlSeconds",
    type: { kind: "whole-number", min: 0, max: 86_400, unit: "seconds" },
    readBy: routers,
    default: "60",
    defaultBy: "core",
    description:
      "With `connect-api` or `none` presence: how long a container reuses the agent roster it lists itself (`ListUsers`/`SearchUsers`, every page). With `event-stream` the routers read the shared roster instead and never list the directory.",
  },
  PRESENCE_SOURCE: {
    setting: "presenceSource",
    type: { kind: "one-of", values: presenceSources },
    readBy: routers,
    default: "connect-api",
    description:
      "`connect-api`: availability from `GetCurrentUserData` (one call per contact) and a roster each container lists itself: small centers (up to about 1,000 agents, one `ListUsers` page); `event-stream`: the shared roster and the index of agents who can take a contact on the presence table that `agent-events` and `roster-refresh` keep (no Connect call per contact; any size); `none`: no presence, every offer is `unverified` and the flow's staffing check decides.",
  },
  PRESENCE_TABLE_NAME: {
    setting: "presenceTableName",
    type: { kind: "table-name" },
    readBy: [...routers, "agentEvents", "rosterRefresh"],
    requiredBy: ["agentEvents", "rosterRefresh"],
    description:
      "The presence table (created from core's `createPresenceTableInput`): the shared roster, presence and the index of agents who can take a contact. `agent-events` and `roster-refresh` write it; the routers read it with `PRESENCE_SOURCE=event-stream`, which needs it.",
  },
  PRESENCE_MAX_AGE_SECONDS: {
    setting: "presenceMaxAgeSeconds",
    type: { kind: "whole-number", min: 1, max: 3600, unit: "seconds" },
    readBy: presenceReaders,
    default: "180",
    defaultBy: "core",
    description:
      "With `event-stream`: how old the stream watermark may be before presence counts as not current (offers are then `unverified`).",
  },
  PRESENCE_INDEX_SHARDS: {
    setting: "presenceIndexShards",
    type: { kind: "whole-number", min: 1, max: 16 },
    readBy: indexWriters,
    default: "4",
    defaultBy: "core",
    description:
      "Shards of each channel's index of agents who can take a contact: the index's writes spread over this many partition keys. The routers learn it from the table. 1 suits centers of a few hundred agents.",
  },
  PRESENCE_INDEX_CHANNELS: {
    setting: "presenceIndexChannels",
    type: { kind: "one-of-list", values: channels },
    readBy: indexWriters,
    default: "VOICE",
    description:
      "The channels whose index `agent-events` keeps: those your flows route with this stack. Each extra channel costs an index write per change of an agent who takes it.",
  },
  PRESENCE_REFRESH_SECONDS: {
    setting: "presenceRefreshSeconds",
    type: { kind: "whole-number", min: 60, max: 86_400, unit: "seconds" },
    readBy: indexWriters,
    default: "1800",
    defaultBy: "core",
    description:
      "How often `agent-events` rewrites an agent whose events change nothing routing reads (heartbeats, after-contact work): only their times, never the index. Below the presence TTL.",
  },
  PRESENCE_WINDOW: {
    setting: "presenceWindow",
    type: { kind: "whole-number", min: 1, max: 100 },
    readBy: presenceReaders,
    default: "100",
    defaultBy: "core",
    description: "Candidates per presence lookup (one `GetCurrentUserData` call).",
  },
  IDLE_POOL_SIZE: {
    setting: "idlePoolSize",
    type: { kind: "whole-number", min: 1, max: 100 },
    readBy: walkers,
    default: "5",
    defaultBy: "core",
    description:
      "`longest-idle` strategy: a new caller goes to one of this many longest-idle available agents, chosen from the contact's seed, so concurrent callers seeing the same presence do not all pick the same agent; 1 = strictly the longest idle.",
  },
  RESERVATION_SECONDS: {
    setting: "reservationSeconds",
    type: { kind: "whole-number", min: 0, max: 300, unit: "seconds" },
    readBy: walkers,
    default: "5",
    defaultBy: "core",
    description:
      "With `event-stream`: how long `route`/`next-agent` reserve the agent they offer on the presence table (one conditional `UpdateItem`), so concurrent contacts are not offered the same idle agent; 0 = no reservations.",
  },
  CONTACT_INDEX_TTL_SECONDS: {
    setting: "contactIndexTtlSeconds",
    type: { kind: "whole-number", min: 60, max: 691_200, unit: "seconds" },
    readBy: contactIndexWriters,
    default: "86400",
    defaultBy: "core",
    description:
      "How long the contact index remembers a known caller's contact for `contact-event` (DynamoDB TTL; up to 8 days). It must outlast the wait from routing to answer.",
  },
  PRESENCE_CACHE_TTL_MS: {
    setting: "presenceCacheTtlMs",
    type: { kind: "whole-number", min: 0, max: 60_000, unit: "ms" },
    readBy: presenceReaders,
    default: "0",
    defaultBy: "core",
    description: "With `connect-api`: how long one agent's presence is reused.",
  },
  PRESENCE_TTL_SECONDS: {
    setting: "presenceTtlSeconds",
    type: { kind: "whole-number", min: 600, max: 31_536_000, unit: "seconds" },
    readBy: ["agentEvents"],
    default: "86400",
    defaultBy: "core",
    description:
      "How long an agent's presence item outlives their last event (DynamoDB TTL). Heartbeats refresh a logged-in agent's item every 120 s.",
  },
  ROSTER_REFRESH_MINUTES: {
    setting: "rosterRefreshMinutes",
    type: { kind: "whole-number", min: 1, max: 1_440, unit: "minutes" },
    readBy: ["rosterRefresh"],
    default: "15",
    defaultBy: "core",
    description:
      "How long after a complete reconciliation of the shared roster with the directory the next one starts (`roster-refresh` runs every minute and reads nothing until then).",
  },
  ROSTER_REFRESH_PAGES_PER_RUN: {
    setting: "rosterRefreshPagesPerRun",
    type: { kind: "whole-number", min: 1, max: 100 },
    readBy: ["rosterRefresh"],
    default: "20",
    defaultBy: "core",
    description:
      "`ListUsers`/`SearchUsers` requests one run of `roster-refresh` makes at most; a larger directory is listed over several runs.",
  },
  ROSTER_REFRESH_REQUEST_SPACING_MS: {
    setting: "rosterRefreshRequestSpacingMs",
    type: { kind: "whole-number", min: 0, max: 60_000, unit: "ms" },
    readBy: ["rosterRefresh"],
    default: "1000",
    defaultBy: "core",
    description:
      "The least time between two directory requests of `roster-refresh`: its share of Connect's quota (1,000 = at most 1 request a second, half the default `ListUsers` rate).",
  },
  ROUTABLE_STATUS_NAMES: {
    setting: "routableStatusNames",
    type: { kind: "name-list" },
    readBy: [...presenceReaders, "agentEvents"],
    default: "Available",
    defaultBy: "core",
    description:
      "Agent status names that take contacts. For `agent-events`, they decide only for events whose `AgentStatus` carries no `Type` (otherwise `ROUTABLE` decides).",
  },
  LOG_LEVEL: {
    setting: "logLevel",
    type: { kind: "one-of", values: logLevels },
    readBy: functionIds,
    default: "INFO",
    defaultBy: "Powertools",
    description: "The functions' log level.",
  },
  POWERTOOLS_METRICS_NAMESPACE: {
    setting: "metricsNamespace",
    type: { kind: "text", maxLength: 255 },
    readBy: functionIds,
    default: "ConnectAffinity",
    description:
      "The CloudWatch namespace of the functions' embedded-metric lines (infra sets `ConnectAffinity/<stack>`, so stacks never mix).",
  },
  POWERTOOLS_SERVICE_NAME: {
    setting: "serviceName",
    type: { kind: "text", maxLength: 256 },
    readBy: functionIds,
    default: "connect-affinity",
    description: "The `service` every log line carries.",
  },
} as const satisfies { readonly [name: string]: VariableDeclaration };

/** The name of an environment variable a deployed function reads. */
export type VariableName = keyof typeof environmentVariables;

/** Every variable's name, in documentation order. */
export const variableNames = Object.freeze(Object.keys(environmentVariables) as VariableName[]);

/**
 * The variables `functions` read (any of them), in documentation order.
 *
 * @example
 * ```ts
 * variablesReadBy("agentEvents"); // ["PRESENCE_TABLE_NAME", "PRESENCE_TTL_SECONDS", …]
 * ```
 */
export function variablesReadBy(functions: FunctionId | readonly FunctionId[]): VariableName[] {
  const wanted: readonly FunctionId[] = typeof functions === "string" ? [functions] : functions;
  return variableNames.filter((name) =>
    declarationOf(name).readBy.some((reader) => wanted.includes(reader)),
  );
}

/** Whether any of `functions` cannot start without `name`. */
export function isRequiredBy(
  name: VariableName,
  functions: FunctionId | readonly FunctionId[],
): boolean {
  const wanted: readonly FunctionId[] = typeof functions === "string" ? [functions] : functions;
  return (declarationOf(name).requiredBy ?? []).some((fn) => wanted.includes(fn));
}

/** A variable's declaration, widened to {@link VariableDeclaration}. */
export function declarationOf(name: VariableName): VariableDeclaration {
  return environmentVariables[name];
}
