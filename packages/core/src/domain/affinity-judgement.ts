import type { AffinityRecord } from "./affinity-record.js";
import type { Agent } from "./agent.js";
import type { AgentRoster } from "./agent-roster.js";

/**
 * What a caller's affinity record is worth now.
 *
 * - `fresh`: unexpired and the agent is in the directory; `agent` is the directory's entry.
 * - `none`: the caller has no record.
 * - `expired`: the record's lifetime is over (DynamoDB deletes expired items lazily, so the
 *   store may still return them).
 * - `agent-gone`: the agent is no longer routable.
 * - `unconfirmed`: unexpired, but the directory could not be read; `agent` is rebuilt from the
 *   record, to be offered unverified.
 * - `unverifiable`: unexpired, but the agent was never checked against the directory (the
 *   record says `agentUnverified`) and the directory still cannot be read: not offered, because
 *   the record alone cannot vouch for an agent nobody has seen.
 */
export type AffinityJudgement =
  | { readonly kind: "fresh"; readonly agent: Agent }
  | { readonly kind: "none" }
  | { readonly kind: "expired" }
  | { readonly kind: "agent-gone" }
  | { readonly kind: "unconfirmed"; readonly agent: Agent }
  | { readonly kind: "unverifiable" };

/**
 * Judges a caller's affinity record at `nowMs` against the roster (`undefined` when the
 * directory could not be read).
 *
 * @example
 * ```ts
 * import { judgeAffinity } from "./affinity-judgement.js";
 *
 * const judgement = judgeAffinity(await store.find(key), clock.now(), roster);
 * if (judgement.kind === "fresh") offer(judgement.agent);
 * ```
 */
export function judgeAffinity(
  record: AffinityRecord | undefined,
  nowMs: number,
  roster: AgentRoster | undefined,
): AffinityJudgement {
  if (record === undefined) return { kind: "none" };
  if (record.expiresAt * 1000 <= nowMs) return { kind: "expired" };
  if (roster === undefined) {
    if (record.agentUnverified === true) return { kind: "unverifiable" };
    return { kind: "unconfirmed", agent: { id: record.agentId, arn: record.agentArn } };
  }
  const agent = roster.get(record.agentId);
  return agent === undefined ? { kind: "agent-gone" } : { kind: "fresh", agent };
}
