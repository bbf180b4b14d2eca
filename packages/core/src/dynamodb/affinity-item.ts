import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import {
  type AffinityRecord,
  type AgentPin,
  maxServedAgents,
  type ServedAgent,
} from "../domain/affinity-record.js";
import { contactKeyPrefix } from "../domain/caller-identity.js";
import { type ContactOffer, preferredAgentDecisions } from "../domain/contact-offer.js";
import type { RememberedContact } from "../ports/contact-index.js";

/** A DynamoDB item as the low-level client returns it. */
export type DynamoDbItem = Readonly<Record<string, AttributeValue>>;

/** The item format this release writes. Items without `v` are version 1. */
export const affinityItemVersion = 2;

/**
 * The TTL of a record that holds a pin or exclusions (epoch seconds, in the year 2286): such a
 * record must outlive its agent history, so DynamoDB's TTL sweep never deletes it. Writers set
 * `expiresAt` to `ttlHold` when the item has one; clearing the last preference gives the item
 * its history's expiry back.
 */
export const heldExpiresAt = 9_999_999_999;

/** The attribute-name prefix of one served agent's entry (`a:<agent ID>`, a map). */
export const servedAgentPrefix = "a:";

/** The attribute-name prefix of one served agent's count (`n:<agent ID>`, a number). */
export const servedCountPrefix = "n:";

/**
 * Reads an affinity item of either format, or `undefined` when there is none or it is
 * malformed.
 *
 * Version 1 (no `v`): `agentId`, `agentArn`, `lastContactAt`, `lastContactId`, `contactCount`,
 * `expiresAt`, every one required. It reads as a history of one agent whose count is 1 (the
 * format counted the customer's contacts, not each agent's) and who stops counting at
 * `expiresAt`.
 *
 * Version 2 (`v` = 2): the latest assignment in the version-1 attributes, `agentUnverified`
 * included (so a release that predates version 2 still reads the record), one `a:<agent ID>`
 * map (`r` ARN, `t` last served, `e` expiry, `u` true for an agent the directory could not
 * confirm) and one `n:<agent ID>` count per agent who served the customer, `pin` (`a`, `r`, `s`
 * pinned at, `u` until), `excludedAgents` (a string set) and `rev` (a write
 * counter the conditional rewrites compare).
 *
 * A malformed item (written by hand, half-restored) must not crash a contact: the caller is
 * treated as new, and the next write replaces it.
 */
export function parseAffinityItem(item: DynamoDbItem | undefined): AffinityRecord | undefined {
  if (item === undefined) return undefined;
  const { v: rawVersion } = item;
  if (rawVersion === undefined) return parseVersion1(item);
  return numberOf(rawVersion) === affinityItemVersion ? parseVersion2(item) : undefined;
}

/** The write counter of an item (0 for a version-1 item, which has none). */
export function revisionOf(item: DynamoDbItem): number {
  const { rev } = item;
  return numberOf(rev) ?? 0;
}

/** How many served-agent entries an item holds (more than {@link maxServedAgents} wants pruning). */
export function servedEntryNames(item: DynamoDbItem): readonly string[] {
  return Object.keys(item).filter((name) => name.startsWith(servedAgentPrefix));
}

/** The item that holds `record` at write counter `revision`. */
export function affinityItem(
  record: AffinityRecord,
  revision: number,
): Record<string, AttributeValue> {
  const [head] = record.agents;
  const held = record.pin !== undefined || record.excludedAgentIds.length > 0;
  const historyExpiry = Math.max(0, ...record.agents.map((agent) => agent.expiresAt));
  const entries = Object.fromEntries(
    record.agents.flatMap((agent) => [
      [`${servedAgentPrefix}${agent.agentId}`, servedEntry(agent)],
      [`${servedCountPrefix}${agent.agentId}`, { N: String(agent.count) }],
    ]),
  ) as Record<string, AttributeValue>;
  return {
    callerKey: { S: record.callerKey },
    v: { N: String(affinityItemVersion) },
    contactCount: { N: String(record.contactCount) },
    rev: { N: String(revision) },
    ...(head === undefined ? {} : { agentId: { S: head.agentId }, agentArn: { S: head.agentArn } }),
    // The previous release reads the flag of the latest agent at the top, as it wrote it.
    ...(head?.agentUnverified === true ? { agentUnverified: { BOOL: true } } : {}),
    ...(record.lastContact === undefined
      ? {}
      : {
          lastContactAt: { N: String(record.lastContact.at) },
          lastContactId: { S: record.lastContact.contactId },
        }),
    ...entries,
    ...(record.pin === undefined ? {} : { pin: pinEntry(record.pin) }),
    ...(record.excludedAgentIds.length === 0
      ? {}
      : { excludedAgents: { SS: [...record.excludedAgentIds] } }),
    ...(held ? { ttlHold: { N: String(heldExpiresAt) } } : {}),
    expiresAt: { N: String(held ? heldExpiresAt : historyExpiry) },
  };
}

/** The `a:<agent ID>` map of one served agent (the count lives beside it in `n:<agent ID>`). */
export function servedEntry(agent: {
  readonly agentArn: string;
  readonly lastServedAt: number;
  readonly expiresAt: number;
  readonly agentUnverified?: true;
}): AttributeValue {
  return {
    M: {
      r: { S: agent.agentArn },
      t: { N: String(agent.lastServedAt) },
      e: { N: String(agent.expiresAt) },
      // Present only for an agent the directory could not confirm (see `ServedAgent`).
      ...(agent.agentUnverified === true ? { u: { BOOL: true } } : {}),
    },
  };
}

function pinEntry(pin: AgentPin): AttributeValue {
  return {
    M: {
      a: { S: pin.agentId },
      r: { S: pin.agentArn },
      s: { N: String(pin.pinnedAt) },
      ...(pin.until === undefined ? {} : { u: { N: String(pin.until) } }),
    },
  };
}

function parseVersion1(item: DynamoDbItem): AffinityRecord | undefined {
  // Destructuring reads the index signature without implying the fields exist.
  const { callerKey: rawCallerKey, agentId: rawAgentId, agentArn: rawAgentArn } = item;
  const { lastContactId: rawContactId, lastContactAt: rawAt } = item;
  const { contactCount: rawCount, expiresAt: rawExpiresAt, agentUnverified } = item;
  const callerKey = stringOf(rawCallerKey);
  const agentId = stringOf(rawAgentId);
  const agentArn = stringOf(rawAgentArn);
  const lastContactId = stringOf(rawContactId);
  const lastContactAt = numberOf(rawAt);
  const contactCount = numberOf(rawCount);
  const expiresAt = numberOf(rawExpiresAt);
  if (
    callerKey === undefined ||
    agentId === undefined ||
    agentArn === undefined ||
    lastContactId === undefined ||
    lastContactAt === undefined ||
    contactCount === undefined ||
    expiresAt === undefined
  ) {
    return undefined;
  }
  return {
    callerKey,
    version: 1,
    agents: [
      {
        agentId,
        agentArn,
        lastServedAt: lastContactAt,
        count: 1,
        expiresAt,
        ...(agentUnverified?.BOOL === true ? { agentUnverified: true } : {}),
      },
    ],
    contactCount,
    lastContact: { contactId: lastContactId, at: lastContactAt },
    excludedAgentIds: [],
  };
}

function parseVersion2(item: DynamoDbItem): AffinityRecord | undefined {
  const { callerKey: rawCallerKey, contactCount: rawCount } = item;
  const { lastContactId: rawContactId, lastContactAt: rawAt } = item;
  const { pin: rawPin, excludedAgents: rawExcluded } = item;
  const callerKey = stringOf(rawCallerKey);
  if (callerKey === undefined) return undefined;
  const contactCount = rawCount === undefined ? 0 : numberOf(rawCount);
  if (contactCount === undefined) return undefined;
  // The ordering fields come together or not at all (a record holding only preferences).
  const lastContactAt = numberOf(rawAt);
  const lastContactId = stringOf(rawContactId);
  if ((rawAt === undefined) !== (rawContactId === undefined)) return undefined;
  if (rawAt !== undefined && (lastContactAt === undefined || lastContactId === undefined)) {
    return undefined;
  }
  const agents: ServedAgent[] = [];
  for (const name of servedEntryNames(item)) {
    const agent = servedAgentOf(name.slice(servedAgentPrefix.length), item);
    if (agent !== undefined) agents.push(agent);
  }
  const written = headWrittenByVersion1(item, agents, lastContactAt);
  if (written !== undefined) {
    agents.splice(
      0,
      agents.length,
      written,
      ...agents.filter((a) => a.agentId !== written.agentId),
    );
  }
  agents.sort((a, b) => b.lastServedAt - a.lastServedAt || a.agentId.localeCompare(b.agentId));
  const pin = pinOf(rawPin);
  return {
    callerKey,
    version: 2,
    agents: agents.slice(0, maxServedAgents),
    contactCount,
    ...(lastContactAt === undefined || lastContactId === undefined
      ? {}
      : { lastContact: { contactId: lastContactId, at: lastContactAt } }),
    ...(pin === undefined ? {} : { pin }),
    excludedAgentIds: [...new Set(rawExcluded?.SS ?? [])].sort(),
  };
}

/**
 * The latest assignment as the version-1 attributes hold it, when a release that predates
 * version 2 wrote it (after a rollback): its agent has no entry, or an older one. `undefined`
 * when the entries already hold it, as every version-2 write makes sure. The version-1
 * `agentUnverified` flag travels with it.
 */
function headWrittenByVersion1(
  item: DynamoDbItem,
  agents: readonly ServedAgent[],
  lastContactAt: number | undefined,
): ServedAgent | undefined {
  const { agentId: rawAgentId, agentArn: rawAgentArn, expiresAt: rawExpiresAt } = item;
  const { agentUnverified } = item;
  const agentId = stringOf(rawAgentId);
  const agentArn = stringOf(rawAgentArn);
  if (agentId === undefined || agentArn === undefined || lastContactAt === undefined) {
    return undefined;
  }
  const entry = agents.find((agent) => agent.agentId === agentId);
  if (entry !== undefined && entry.lastServedAt >= lastContactAt) return undefined;
  const expiresAt = numberOf(rawExpiresAt);
  return {
    agentId,
    agentArn,
    lastServedAt: lastContactAt,
    count: entry?.count ?? 1,
    expiresAt: Math.max(
      entry?.expiresAt ?? 0,
      expiresAt === undefined || expiresAt === heldExpiresAt ? 0 : expiresAt,
    ),
    ...(agentUnverified?.BOOL === true ? { agentUnverified: true } : {}),
  };
}

function servedAgentOf(agentId: string, item: DynamoDbItem): ServedAgent | undefined {
  const entry = item[`${servedAgentPrefix}${agentId}`]?.M;
  if (agentId === "" || entry === undefined) return undefined;
  const { r: rawArn, t: rawServedAt, e: rawExpiresAt, u: rawUnverified } = entry;
  const agentArn = stringOf(rawArn);
  const lastServedAt = numberOf(rawServedAt);
  const expiresAt = numberOf(rawExpiresAt);
  if (agentArn === undefined || lastServedAt === undefined || expiresAt === undefined) {
    return undefined;
  }
  const count = numberOf(item[`${servedCountPrefix}${agentId}`]) ?? 1;
  return {
    agentId,
    agentArn,
    lastServedAt,
    count: Math.max(1, count),
    expiresAt,
    ...(rawUnverified?.BOOL === true ? { agentUnverified: true } : {}),
  };
}

function pinOf(value: AttributeValue | undefined): AgentPin | undefined {
  const entry = value?.M;
  if (entry === undefined) return undefined;
  const { a: rawAgentId, r: rawArn, s: rawPinnedAt, u: rawUntil } = entry;
  const agentId = stringOf(rawAgentId);
  const agentArn = stringOf(rawArn);
  const pinnedAt = numberOf(rawPinnedAt);
  const until = numberOf(rawUntil);
  if (agentId === undefined || agentArn === undefined || pinnedAt === undefined) return undefined;
  return { agentId, agentArn, pinnedAt, ...(until === undefined ? {} : { until }) };
}

/**
 * The contact index item: `contact#<contactId>` in the key attribute, the customer's first key
 * in `contactCallerKey` (what the previous release reads), all of them in `contactCallerKeys`
 * when there are several, the TTL in `expiresAt` (epoch seconds, whole), and for a returning
 * customer what routing decided for their preferred agent (`preferredAgentId`, `decidedAt` in
 * epoch ms, `decision`).
 */
export function contactIndexItem(
  contactId: string,
  callerKeys: readonly string[],
  expiresAt: number,
  offer?: ContactOffer,
): Record<string, AttributeValue> {
  const [first = ""] = callerKeys;
  return {
    callerKey: { S: `${contactKeyPrefix}${contactId}` },
    contactCallerKey: { S: first },
    ...(callerKeys.length > 1 ? { contactCallerKeys: { L: callerKeys.map((S) => ({ S })) } } : {}),
    expiresAt: { N: String(Math.floor(expiresAt)) },
    ...(offer === undefined
      ? {}
      : {
          preferredAgentId: { S: offer.preferredAgentId },
          decidedAt: { N: String(offer.decidedAt) },
          decision: { S: offer.decision },
        }),
  };
}

/**
 * What a contact index item holds (every key in order, in `callerKeys` when there are several),
 * or `undefined` for no item or a malformed one. An offer with a missing or unknown field is
 * left out (the keys still count).
 */
export function parseContactIndexItem(
  item: DynamoDbItem | undefined,
): RememberedContact | undefined {
  if (item === undefined) return undefined;
  const { contactCallerKey, contactCallerKeys, preferredAgentId, decidedAt, decision } = item;
  const keys = contactCallerKeys?.L?.map((value) => stringOf(value)) ?? [
    stringOf(contactCallerKey),
  ];
  const [callerKey] = keys;
  if (
    callerKey === undefined ||
    !keys.every((key) => key !== undefined && !key.startsWith(contactKeyPrefix))
  ) {
    return undefined;
  }
  const several = keys.length > 1 ? { callerKeys: keys as string[] } : {};
  const agentId = stringOf(preferredAgentId);
  const at = numberOf(decidedAt);
  const kind = preferredAgentDecisions.find((known) => known === decision?.S);
  return agentId === undefined || at === undefined || kind === undefined
    ? { callerKey, ...several }
    : {
        callerKey,
        ...several,
        offer: { preferredAgentId: agentId, decidedAt: at, decision: kind },
      };
}

function stringOf(value: AttributeValue | undefined): string | undefined {
  return value?.S !== undefined && value.S.length > 0 ? value.S : undefined;
}

function numberOf(value: AttributeValue | undefined): number | undefined {
  if (value?.N === undefined) {
    return undefined;
  }
  const parsed = Number(value.N);
  return Number.isFinite(parsed) ? parsed : undefined;
}
