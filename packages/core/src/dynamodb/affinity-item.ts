import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { AffinityRecord } from "../domain/affinity-record.js";
import { contactKeyPrefix } from "../domain/caller-identity.js";
import { type ContactOffer, preferredAgentDecisions } from "../domain/contact-offer.js";
import type { RememberedContact } from "../ports/contact-index.js";

/** A DynamoDB item as the low-level client returns it. */
export type DynamoDbItem = Readonly<Record<string, AttributeValue>>;

/**
 * Reads an affinity item, or `undefined` when any field is missing or of the wrong type.
 *
 * A malformed item (written by hand, by an older version, or half-restored) must not crash a
 * contact: the caller is simply treated as new, and the next `save` replaces the item.
 */
export function parseAffinityItem(item: DynamoDbItem | undefined): AffinityRecord | undefined {
  if (item === undefined) {
    return undefined;
  }
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
    agentId,
    agentArn,
    lastContactAt,
    lastContactId,
    contactCount,
    expiresAt,
    ...(agentUnverified?.BOOL === true ? { agentUnverified: true } : {}),
  };
}

/** The item that holds `record`. */
export function affinityItem(record: AffinityRecord): Record<string, AttributeValue> {
  return {
    callerKey: { S: record.callerKey },
    agentId: { S: record.agentId },
    agentArn: { S: record.agentArn },
    lastContactAt: { N: String(record.lastContactAt) },
    lastContactId: { S: record.lastContactId },
    contactCount: { N: String(record.contactCount) },
    expiresAt: { N: String(record.expiresAt) },
    ...(record.agentUnverified === true ? { agentUnverified: { BOOL: true } } : {}),
  };
}

/**
 * The contact index item: `contact#<contactId>` in the key attribute, the caller key in
 * `contactCallerKey`, the TTL in `expiresAt` (epoch seconds, whole), and for a returning caller
 * what routing decided for their preferred agent (`preferredAgentId`, `decidedAt` in epoch ms,
 * `decision`).
 */
export function contactIndexItem(
  contactId: string,
  callerKey: string,
  expiresAt: number,
  offer?: ContactOffer,
): Record<string, AttributeValue> {
  return {
    callerKey: { S: `${contactKeyPrefix}${contactId}` },
    contactCallerKey: { S: callerKey },
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
 * What a contact index item holds, or `undefined` for no item or a malformed one. An offer
 * with a missing or unknown field is left out (the caller key still counts).
 */
export function parseContactIndexItem(
  item: DynamoDbItem | undefined,
): RememberedContact | undefined {
  if (item === undefined) return undefined;
  const { contactCallerKey, preferredAgentId, decidedAt, decision } = item;
  const callerKey = stringOf(contactCallerKey);
  if (callerKey === undefined || callerKey.startsWith(contactKeyPrefix)) return undefined;
  const agentId = stringOf(preferredAgentId);
  const at = numberOf(decidedAt);
  const kind = preferredAgentDecisions.find((known) => known === decision?.S);
  return agentId === undefined || at === undefined || kind === undefined
    ? { callerKey }
    : { callerKey, offer: { preferredAgentId: agentId, decidedAt: at, decision: kind } };
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
