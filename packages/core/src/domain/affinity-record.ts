import type { Agent } from "./agent.js";
import { identifierLimits, isAgentId } from "./connect-identifiers.js";

/** The most agents a record remembers per customer (and scope): the most recently served. */
export const maxServedAgents = 5;

/** The most agents one customer may exclude; a routing cursor carries them all. */
export const maxExcludedAgents = 20;

/**
 * One agent who served the customer, as the record remembers them.
 *
 * Times are epoch milliseconds, except `expiresAt`, epoch seconds like DynamoDB's TTL.
 */
export interface ServedAgent {
  /** Connect user ID. */
  readonly agentId: string;
  /** Agent ARN. */
  readonly agentArn: string;
  /** When this agent last served the customer (epoch ms). */
  readonly lastServedAt: number;
  /** How many of the customer's recorded contacts this agent served. */
  readonly count: number;
  /** When this agent stops counting for the customer (epoch seconds): served + lifetime. */
  readonly expiresAt: number;
  /**
   * `true` when the agent could not be checked against the directory when the record was
   * written (the directory was down, so the agent ARN was derived from the instance's). Such an
   * agent is offered to the returning caller only once the directory confirms them; absent
   * (never `false`) for a verified agent, so records of earlier releases read as verified.
   */
  readonly agentUnverified?: true;
}

/**
 * A dedicated agent set by an administrator: it outranks the agents who served the customer,
 * until `until` (epoch ms) when given.
 */
export interface AgentPin {
  readonly agentId: string;
  readonly agentArn: string;
  /** When the pin was set (epoch ms). */
  readonly pinnedAt: number;
  /** When the pin stops counting (epoch ms); a pin without it lasts until it is removed. */
  readonly until?: number;
}

/** The latest contact recorded for the customer: orders and deduplicates assignments. */
export interface RecordedContact {
  readonly contactId: string;
  /** When it was assigned (epoch ms). */
  readonly at: number;
}

/**
 * What the store keeps under one key: the agents who served the customer (most recent first),
 * and what an administrator set for them (a pin, excluded agents).
 *
 * Pins and exclusions are stored under the customer's identity key; in a `queue` or `channel`
 * scope the agent history lives under the scoped key and the identity key's record holds only
 * the preferences.
 */
export interface AffinityRecord {
  /** The store key: an identity key (see `identityKey`), possibly scoped. */
  readonly callerKey: string;
  /**
   * The item format the record was read from: `1` (one agent, before histories, pins and
   * exclusions existed) or `2`. A version-1 record reads as a history of one agent.
   */
  readonly version: 1 | 2;
  /** Agents who served the customer, most recent first, at most {@link maxServedAgents}. */
  readonly agents: readonly ServedAgent[];
  /** How many distinct contacts have been recorded for the customer, all agents together. */
  readonly contactCount: number;
  /** The latest recorded contact; absent while only preferences are stored. */
  readonly lastContact?: RecordedContact;
  /** The dedicated agent, when an administrator pinned one. */
  readonly pin?: AgentPin;
  /** Agents this customer must never be offered, sorted (at most {@link maxExcludedAgents}). */
  readonly excludedAgentIds: readonly string[];
}

/**
 * One observation "this contact of this caller went to this agent", which the store merges
 * into the caller's record.
 */
export interface AffinityAssignment {
  readonly callerKey: string;
  readonly agentId: string;
  readonly agentArn: string;
  /** Connect contact ID. Recording the same contact twice counts it once. */
  readonly contactId: string;
  /** When the contact was assigned (epoch ms). An older assignment never overwrites a newer one. */
  readonly at: number;
  /** Epoch seconds after which the agent no longer counts for the caller. */
  readonly expiresAt: number;
  /** `true` when the agent could not be checked against the directory (see `AffinityRecord`). */
  readonly agentUnverified?: true;
}

/** What {@link assignmentFor} needs to know. */
export interface AssignmentInput {
  readonly callerKey: string;
  readonly agent: Agent;
  readonly contactId: string;
  /** When the contact was assigned (epoch ms). */
  readonly at: number;
  /** How long the affinity lasts after this contact, in seconds. */
  readonly lifetimeSeconds: number;
  /** `true` when the agent could not be checked against the directory. */
  readonly agentUnverified?: boolean;
}

/**
 * The assignment to save for a contact that went to `agent`. The record expires
 * `lifetimeSeconds` after the contact itself, not after the moment it is written.
 *
 * @example
 * ```ts
 * import { assignmentFor } from "@connect-affinity/core";
 *
 * const assignment = assignmentFor({ callerKey, agent, contactId, at: clock.now(), lifetimeSeconds: 7_776_000 });
 * await store.save(assignment);
 * ```
 */
export function assignmentFor(input: AssignmentInput): AffinityAssignment {
  return {
    callerKey: input.callerKey,
    agentId: input.agent.id,
    agentArn: input.agent.arn,
    contactId: input.contactId,
    at: input.at,
    expiresAt: Math.floor(input.at / 1000) + input.lifetimeSeconds,
    ...(input.agentUnverified === true ? { agentUnverified: true } : {}),
  };
}

/**
 * What merging an assignment into a record came to: the new record, or `superseded` when the
 * record already holds a newer contact (then nothing changes).
 */
export type MergeResult =
  | { readonly kind: "created" | "updated"; readonly record: AffinityRecord }
  | { readonly kind: "superseded" };

/**
 * Merges an assignment into a customer's record, the rules every store follows:
 *
 * - a contact older than the latest recorded one, or as old but different, is `superseded`;
 * - the latest contact recorded again (the flow's `record`, then the contact event) updates
 *   its time without counting it twice; if another agent is named this time (the flow recorded
 *   the agent it offered, another one answered), that agent becomes the latest (counted once if
 *   they had not served the customer before) and the agent recorded first keeps their entry as
 *   it was: one write, no read, at the price of that agent's count including this contact;
 * - a newer contact counts once for the customer and once for its agent, who moves to the front
 *   of the history; a sixth agent pushes out the one who served least recently.
 *
 * `created` means the record held no contact before (it may have held preferences).
 *
 * @example
 * ```ts
 * import { mergeAssignment } from "./affinity-record.js";
 *
 * const merged = mergeAssignment(await store.find(key), assignment);
 * if (merged.kind !== "superseded") write(merged.record);
 * ```
 */
export function mergeAssignment(
  record: AffinityRecord | undefined,
  assignment: AffinityAssignment,
): MergeResult {
  const last = record?.lastContact;
  const sameContact = last?.contactId === assignment.contactId;
  if (
    last !== undefined &&
    (assignment.at < last.at || (assignment.at === last.at && !sameContact))
  ) {
    return { kind: "superseded" };
  }
  const agents = served(
    record?.agents ?? [],
    assignment,
    sameContact ? "at-least-once" : "once-more",
  );
  const merged: AffinityRecord = {
    callerKey: assignment.callerKey,
    version: 2,
    agents: agents.slice(0, maxServedAgents),
    contactCount: (record?.contactCount ?? 0) + (sameContact ? 0 : 1),
    lastContact: { contactId: assignment.contactId, at: assignment.at },
    ...(record?.pin === undefined ? {} : { pin: record.pin }),
    excludedAgentIds: record?.excludedAgentIds ?? [],
  };
  return { kind: last === undefined ? "created" : "updated", record: merged };
}

/**
 * The history with `assignment`'s agent at the front, its time and expiry those of the
 * assignment, its count one more (`once-more`, a new contact) or at least one (`at-least-once`,
 * the latest contact recorded again), most recently served first.
 */
function served(
  agents: readonly ServedAgent[],
  assignment: AffinityAssignment,
  counting: "once-more" | "at-least-once",
): ServedAgent[] {
  const existing = agents.find((agent) => agent.agentId === assignment.agentId);
  const entry: ServedAgent = {
    agentId: assignment.agentId,
    agentArn: assignment.agentArn,
    lastServedAt: Math.max(assignment.at, existing?.lastServedAt ?? 0),
    count: counting === "once-more" ? (existing?.count ?? 0) + 1 : (existing?.count ?? 1),
    expiresAt: Math.max(assignment.expiresAt, existing?.expiresAt ?? 0),
    // The latest observation decides, as for a record of one agent: a contact the directory
    // could not confirm keeps the agent off offers until it does.
    ...(assignment.agentUnverified === true ? { agentUnverified: true } : {}),
  };
  return [entry, ...agents.filter((agent) => agent.agentId !== assignment.agentId)];
}

/**
 * The record with the agents sorted most recent first and cut to {@link maxServedAgents}, and
 * the exclusions sorted without duplicates: what every store hands out.
 */
export function normalisedRecord(record: AffinityRecord): AffinityRecord {
  const agents = [...record.agents]
    .sort((a, b) => b.lastServedAt - a.lastServedAt || a.agentId.localeCompare(b.agentId))
    .slice(0, maxServedAgents);
  return {
    ...record,
    agents,
    excludedAgentIds: [...new Set(record.excludedAgentIds)].sort(),
  };
}

/** An empty record under `callerKey`, for a customer whose first write is a preference. */
export function emptyRecord(callerKey: string): AffinityRecord {
  return { callerKey, version: 2, agents: [], contactCount: 0, excludedAgentIds: [] };
}

/**
 * The record with `pin` set (or removed when `undefined`).
 *
 * @throws {RangeError} when the pin's agent ID is not a Connect user ID or its ARN is longer
 *   than `identifierLimits.agentArn`.
 */
export function withPin(record: AffinityRecord, pin: AgentPin | undefined): AffinityRecord {
  if (pin !== undefined) {
    assertAgentIds([pin.agentId]);
    if (pin.agentArn.length > identifierLimits.agentArn) {
      throw new RangeError(
        `a pin's agentArn must be at most ${identifierLimits.agentArn} characters`,
      );
    }
  }
  const { pin: _previous, ...rest } = record;
  return { ...rest, version: 2, ...(pin === undefined ? {} : { pin }) };
}

/**
 * The record with `agentIds` added to (or, with `remove`, taken from) its exclusions.
 *
 * @throws {RangeError} when the customer would exclude more than {@link maxExcludedAgents}, or
 *   an agent ID to add is not a Connect user ID (letters, digits, `-`, `_`; at most
 *   `identifierLimits.agentId` characters).
 */
export function withExclusions(
  record: AffinityRecord,
  agentIds: readonly string[],
  remove = false,
): AffinityRecord {
  if (!remove) assertAgentIds(agentIds);
  const excluded = new Set(record.excludedAgentIds);
  for (const agentId of agentIds) {
    if (remove) excluded.delete(agentId);
    else excluded.add(agentId);
  }
  if (excluded.size > maxExcludedAgents) {
    throw new RangeError(
      `a customer may exclude at most ${maxExcludedAgents} agents; this would make ${excluded.size}`,
    );
  }
  return { ...record, version: 2, excludedAgentIds: [...excluded].sort() };
}

/** Whether a record holds nothing worth keeping: no contact, no pin, no exclusion. */
export function isEmptyRecord(record: AffinityRecord): boolean {
  return (
    record.lastContact === undefined &&
    record.agents.length === 0 &&
    record.pin === undefined &&
    record.excludedAgentIds.length === 0
  );
}

/**
 * Whether a record holds history (an agent who served the customer, or a last contact), as
 * opposed to preferences only (a pin or exclusions set by an administrator).
 */
export function hasHistory(record: AffinityRecord): boolean {
  return record.lastContact !== undefined || record.agents.length > 0;
}

/** Agent IDs bound for a table item: Connect user IDs only, each bounded. */
function assertAgentIds(agentIds: readonly string[]): void {
  const bad = agentIds.find((agentId: string): boolean => !isAgentId(agentId));
  if (bad !== undefined) {
    throw new RangeError(
      `not a Connect user ID (letters, digits, "-" and "_", at most ${identifierLimits.agentId} characters): ${JSON.stringify(bad.slice(0, 64))}`,
    );
  }
}

/**
 * Whether a record names `agentId` anywhere: among the agents who served the customer, as the
 * pinned agent, or among the excluded ones.
 */
export function namesAgent(record: AffinityRecord, agentId: string): boolean {
  return (
    record.agents.some((agent) => agent.agentId === agentId) ||
    record.pin?.agentId === agentId ||
    record.excludedAgentIds.includes(agentId)
  );
}

/**
 * The record without `agentId` (an agent who left): their served entry, a pin to them and an
 * exclusion of them are removed. The agents who served the customer before them stay. A record
 * left with no agent forgets its last contact and count too, so with no pin or exclusion
 * either it is empty ({@link isEmptyRecord}) and the store deletes it: the customer is new again.
 */
export function withoutAgent(record: AffinityRecord, agentId: string): AffinityRecord {
  const agents = record.agents.filter((agent) => agent.agentId !== agentId);
  const { pin, lastContact, ...rest } = record;
  const keepsHistory = agents.length > 0;
  return {
    ...rest,
    version: 2,
    agents,
    contactCount: keepsHistory ? record.contactCount : 0,
    ...(keepsHistory && lastContact !== undefined ? { lastContact } : {}),
    ...(pin === undefined || pin.agentId === agentId ? {} : { pin }),
    excludedAgentIds: record.excludedAgentIds.filter((id) => id !== agentId),
  };
}

/**
 * Agents of several records of one customer, each agent once: their later service, their larger
 * count, their later expiry (an agent's services under two keys are one relationship).
 */
export function servedAgentsById(agents: Iterable<ServedAgent>): readonly ServedAgent[] {
  const byAgent = new Map<string, ServedAgent>();
  for (const agent of agents) {
    const known = byAgent.get(agent.agentId);
    if (known === undefined) {
      byAgent.set(agent.agentId, agent);
      continue;
    }
    const later = agent.lastServedAt > known.lastServedAt ? agent : known;
    byAgent.set(agent.agentId, {
      ...later,
      count: Math.max(agent.count, known.count),
      expiresAt: Math.max(agent.expiresAt, known.expiresAt),
    });
  }
  return [...byAgent.values()];
}

/**
 * Two records of one customer as one, under `target`'s key (a key rotation moving `source`
 * onto a key that already holds a record): every agent who served under either (the later
 * service of an agent under both, the larger count), the later last contact, the larger
 * contact count, the pin set last, the union of exclusions (up to {@link maxExcludedAgents},
 * the target's first). Merging the same source again changes nothing, so a move cut short can
 * be run again.
 */
export function mergedRecords(target: AffinityRecord, source: AffinityRecord): AffinityRecord {
  const lastContact = [target.lastContact, source.lastContact]
    .filter((contact) => contact !== undefined)
    .sort((a, b) => b.at - a.at)[0];
  const pin = [target.pin, source.pin]
    .filter((candidate) => candidate !== undefined)
    .sort((a, b) => b.pinnedAt - a.pinnedAt)[0];
  return normalisedRecord({
    callerKey: target.callerKey,
    version: 2,
    agents: servedAgentsById([...target.agents, ...source.agents]),
    contactCount: Math.max(target.contactCount, source.contactCount),
    ...(lastContact === undefined ? {} : { lastContact }),
    ...(pin === undefined ? {} : { pin }),
    excludedAgentIds: [...new Set([...target.excludedAgentIds, ...source.excludedAgentIds])].slice(
      0,
      maxExcludedAgents,
    ),
  });
}
