import type { Channel } from "./agent.js";

/**
 * How far a customer's affinity reaches:
 *
 * - `global`: one agent history per customer, whatever the channel or queue (a chat finds the
 *   agent of last week's call);
 * - `queue`: one per customer and queue (the billing queue and the support queue each keep
 *   their own agent); the queue is the contact's working queue when the flow invokes `route`;
 * - `channel`: one per customer and channel (voice and chat agents kept apart).
 */
export const affinityScopes = ["global", "queue", "channel"] as const;

/** One of {@link affinityScopes}. */
export type AffinityScopeName = (typeof affinityScopes)[number];

/** The queue value of contacts that reach `route` without a standard working queue. */
export const noQueue = "none";

/** What a contact's scope is computed from. */
export interface ScopeInput {
  readonly channel: Channel;
  /**
   * The contact's working queue when the flow invoked the Lambda
   * (`Details.ContactData.Queue.ARN`): a queue ARN, an agent's queue ARN, or absent.
   */
  readonly queueArn?: string | undefined;
}

/**
 * The scope value of a contact: `undefined` for `global`, the channel for `channel`, the queue
 * ID for `queue` (the last segment of a standard queue's ARN; {@link noQueue} when the contact
 * has no standard working queue yet, an agent's personal queue counting as none).
 *
 * @example
 * ```ts
 * import { scopeValueOf } from "./affinity-scope.js";
 *
 * scopeValueOf("queue", { channel: "VOICE", queueArn: "arn:aws:connect:…:instance/i-1/queue/q-7" }); // "q-7"
 * scopeValueOf("channel", { channel: "CHAT" }); // "CHAT"
 * ```
 */
export function scopeValueOf(scope: AffinityScopeName, contact: ScopeInput): string | undefined {
  switch (scope) {
    case "global":
      return undefined;
    case "channel":
      return contact.channel;
    case "queue":
      return queueIdOf(contact.queueArn) ?? noQueue;
  }
}

/**
 * The store key of a customer's agent history in a scope: the identity key itself for
 * `global` (so records written before scopes existed are found), else the identity key with
 * `#channel:<CHANNEL>` or `#queue:<queue ID>` appended. Pins and exclusions are per customer,
 * not per scope: they always live under the identity key itself.
 *
 * @example
 * ```ts
 * import { scopedKey } from "./affinity-scope.js";
 *
 * scopedKey("h1:abc", "channel", "VOICE"); // "h1:abc#channel:VOICE"
 * scopedKey("h1:abc", "global", undefined); // "h1:abc"
 * ```
 */
export function scopedKey(
  identityKey: string,
  scope: AffinityScopeName,
  value: string | undefined,
): string {
  return scope === "global" || value === undefined
    ? identityKey
    : `${identityKey}#${scope}:${value}`;
}

/**
 * How long affinity lasts in this scope value: its own lifetime when `lifetimes` names it (a
 * queue ID or a channel), else `defaultSeconds`.
 */
export function scopeLifetimeSeconds(
  value: string | undefined,
  lifetimes: Readonly<Record<string, number>>,
  defaultSeconds: number,
): number {
  if (value === undefined) return defaultSeconds;
  return Object.hasOwn(lifetimes, value) ? (lifetimes[value] ?? defaultSeconds) : defaultSeconds;
}

/** The queue ID of a standard queue's ARN (or a bare queue ID); undefined for anything else. */
export function queueIdOf(queueArn: string | undefined): string | undefined {
  if (queueArn === undefined) return undefined;
  const text = queueArn.trim();
  if (text === "") return undefined;
  const marker = text.lastIndexOf("/queue/");
  if (marker >= 0) {
    const id = text.slice(marker + "/queue/".length);
    return /^[A-Za-z0-9-]{1,100}$/.test(id) ? id : undefined;
  }
  // An agent's personal queue, or anything else that is not a bare ID, is no standard queue.
  return text.startsWith("arn:") || !/^[A-Za-z0-9-]{1,100}$/.test(text) ? undefined : text;
}
