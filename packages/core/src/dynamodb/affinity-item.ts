import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { AffinityRecord } from "../domain/affinity-record.js";
import { contactKeyPrefix } from "../domain/caller-identity.js";

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
 * `contactCallerKey`, the TTL in `expiresAt` (epoch seconds, whole).
 */
export function contactIndexItem(
  contactId: string,
  callerKey: string,
  expiresAt: number,
): Record<string, AttributeValue> {
  return {
    callerKey: { S: `${contactKeyPrefix}${contactId}` },
    contactCallerKey: { S: callerKey },
    expiresAt: { N: String(Math.floor(expiresAt)) },
  };
}

/** The caller key a contact index item holds, or `undefined` for no item or a malformed one. */
export function parseContactIndexItem(item: DynamoDbItem | undefined): string | undefined {
  if (item === undefined) return undefined;
  const { contactCallerKey } = item;
  const callerKey = stringOf(contactCallerKey);
  return callerKey === undefined || callerKey.startsWith(contactKeyPrefix) ? undefined : callerKey;
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
