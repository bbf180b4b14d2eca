/**
 * The longest identifiers connect-affinity accepts, each from Amazon Connect's API reference
 * (or, for its own cursor, from this library), so an oversized value is refused as bad input
 * before it reaches a table key (DynamoDB allows 2,048 bytes), a log line or a cache.
 *
 * - `contactId`: Connect `ContactId` (and `InitialContactId`), 1–256 characters
 *   (`DescribeContact`).
 * - `instanceId`: Connect `InstanceId`, 1–100 characters.
 * - `agentId`: a Connect user ID (`UserInfo.UserId`), 1–256 characters; in practice a UUID.
 * - `customerAddress`: `CustomerEndpoint.Address` (the `Endpoint` type), 0–256 characters.
 * - `statusName`: an agent status name (`CreateAgentStatus` `Name`), 1–127 characters.
 * - `agentArn`: an agent ARN, built of the bounded parts above (partition, Region and account
 *   bounded too): at most 512 characters.
 * - `timestamp`: an ISO 8601 time as events carry it; 64 characters is far more than any.
 * - `cursor`: a routing cursor as `route` and `next-agent` pass it, at most 2,048 characters.
 * - `customerKey`: the flow's `customerKey` parameter (a CRM ID, a Customer Profiles profile
 *   ID), this library's own bound: 256 characters, so its identity key stays far below a
 *   DynamoDB key's 2,048 bytes even with a scope appended.
 * - `queueArn`: a queue ARN (`Queue.ARN` of a flow event), bounded like an agent ARN: 512.
 * - `emailAddress`: an email address as an identity (an email contact's address), 254
 *   characters (RFC 5321's path limit less its brackets).
 *
 * @example
 * ```ts
 * import { identifierLimits } from "@connect-affinity/core/contract";
 * identifierLimits.contactId; // 256
 * ```
 */
export const identifierLimits = Object.freeze({
  contactId: 256,
  instanceId: 100,
  agentId: 256,
  customerAddress: 256,
  statusName: 127,
  agentArn: 512,
  timestamp: 64,
  cursor: 2_048,
  customerKey: 256,
  queueArn: 512,
  emailAddress: 254,
} as const);

/** A Connect user ID as this library accepts it: letters, digits, `-` and `_`, bounded. */
const agentIdPattern = new RegExp(`^[A-Za-z0-9_-]{1,${identifierLimits.agentId}}$`);

// arn:PARTITION:connect:REGION:ACCOUNT:instance/INSTANCE_ID/agent/USER_ID, every part bounded.
const agentArnPattern = new RegExp(
  `^(arn:aws[a-z-]{0,20}:connect:[a-z0-9-]{1,32}:\\d{12}:instance/[A-Za-z0-9-]{1,${identifierLimits.instanceId}})` +
    `/agent/([A-Za-z0-9_-]{1,${identifierLimits.agentId}})$`,
);

/** An agent ARN's two parts: the instance it belongs to, and the user ID. */
export interface AgentArnParts {
  /** `arn:aws:connect:REGION:ACCOUNT:instance/ID`. */
  readonly instanceArn: string;
  readonly agentId: string;
}

/**
 * Reads an agent ARN (`arn:aws:connect:R:A:instance/I/agent/U`) into its instance ARN and user
 * ID, or `undefined` for anything else: another resource, a part that is empty, too long or
 * holds a character no Connect ID has (`#`, `/`), or more than {@link identifierLimits}
 * `.agentArn` characters.
 *
 * @example
 * ```ts
 * import { parseAgentArn } from "@connect-affinity/core/connect";
 *
 * parseAgentArn("arn:aws:connect:eu-west-2:111122223333:instance/i-1/agent/u-1");
 * // { instanceArn: "arn:aws:connect:eu-west-2:111122223333:instance/i-1", agentId: "u-1" }
 * parseAgentArn("arn:aws:connect:eu-west-2:111122223333:instance/i-1/agent/#stream"); // undefined
 * ```
 */
export function parseAgentArn(text: unknown): AgentArnParts | undefined {
  if (typeof text !== "string" || text.length > identifierLimits.agentArn) return undefined;
  const match = agentArnPattern.exec(text);
  if (match === null) return undefined;
  const [, instanceArn, agentId] = match;
  return instanceArn === undefined || agentId === undefined ? undefined : { instanceArn, agentId };
}

/**
 * Whether `text` is a Connect user ID as this library accepts it (1–256 of letters, digits,
 * `-`, `_`).
 *
 * @example
 * ```ts
 * import { isAgentId } from "@connect-affinity/core/connect";
 * isAgentId("a1f0c2d4-0000-4000-8000-000000000001"); // true
 * isAgentId("#stream"); // false
 * ```
 */
export function isAgentId(text: unknown): text is string {
  return typeof text === "string" && agentIdPattern.test(text);
}
