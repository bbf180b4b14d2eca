import type { AffinityRecord, AgentPin, ServedAgent } from "./affinity-record.js";
import type { Agent } from "./agent.js";
import { rankServedAgents } from "./agent-ranking.js";
import type { AgentRoster } from "./agent-roster.js";

/**
 * Why a customer has no preferred agent:
 *
 * - `none`: nothing recorded, nothing pinned;
 * - `expired`: the agent who served last no longer counts (the lifetime is over; DynamoDB
 *   deletes expired items lazily, so the store may still return them);
 * - `agent-gone`: that agent is not in the directory any more (deleted, or no longer among the
 *   routing profiles and groups the directory selects);
 * - `opted-out`: that agent opted out of sticky routing;
 * - `excluded`: the customer must never be offered that agent;
 * - `unverifiable`: that agent was never checked against the directory (the record says
 *   `agentUnverified`) and the directory still cannot be read: not offered, because the record
 *   alone cannot vouch for an agent nobody has seen.
 */
export type NoPreferenceReason =
  | "none"
  | "expired"
  | "agent-gone"
  | "opted-out"
  | "excluded"
  | "unverifiable";

/**
 * What a customer's records are worth now.
 *
 * - `fresh`: the preferred agent, from the directory; `source` says whether an administrator
 *   pinned them or they served the customer last.
 * - `unconfirmed`: the directory could not be read; `agent` is rebuilt from the record, to be
 *   offered unverified (an opt-out cannot be checked then). Never for an agent the record marks
 *   `agentUnverified`: that is `no-preference` / `unverifiable`.
 * - `no-preference`: nobody to prefer, and why.
 *
 * Every kind carries the agents the customer excluded, which no step of the walk may offer.
 * `fresh` also carries `others`: the customer's further agents in rank order (see
 * {@link judgeCustomer}), each fresh in the directory, to try when `agent` cannot take the
 * contact.
 */
export type AffinityJudgement =
  | {
      readonly kind: "fresh";
      readonly agent: Agent;
      readonly source: "pin" | "history";
      readonly excludedAgentIds: readonly string[];
      readonly others: readonly Agent[];
    }
  | {
      readonly kind: "unconfirmed";
      readonly agent: Agent;
      readonly source: "pin" | "history";
      readonly excludedAgentIds: readonly string[];
    }
  | {
      readonly kind: "no-preference";
      readonly reason: NoPreferenceReason;
      readonly excludedAgentIds: readonly string[];
    };

/** The records {@link judgeCustomer} weighs, each list in the order of the identity sources. */
export interface CustomerRecords {
  /** The records holding the customer's agent history (the scoped keys). */
  readonly history: readonly (AffinityRecord | undefined)[];
  /**
   * The records holding the customer's pin and exclusions (the identity keys). In the global
   * scope they are the same records as `history`.
   */
  readonly preferences: readonly (AffinityRecord | undefined)[];
}

/**
 * Judges a customer's records at `nowMs` against the roster (`undefined` when the directory
 * could not be read). A pin outranks history: the first pin (in source order) that has not
 * ended, whose agent is in the roster, has not opted out and is not excluded, is the preferred
 * agent. Then the customer's unexpired agents over every identity (`rankServedAgents`, at most
 * five): the agent who served last first, the others by recency and frequency
 * (`count × 0.5^(age / 30 days)`), each kept if routable, not opted out and not excluded: the
 * first kept is the preferred agent (unless pinned), the rest are `others`. Without a roster only the best one is judged, unconfirmed. The
 * excluded agents are the union over every identity's record. With nobody left, the reason is
 * that of the first-ranked agent (`expired` when every agent's lifetime is over).
 *
 * @example
 * ```ts
 * import { judgeCustomer } from "./affinity-judgement.js";
 *
 * const judgement = judgeCustomer({ history: [record], preferences: [record] }, clock.now(), roster);
 * if (judgement.kind === "fresh") offer(judgement.agent, ...judgement.others);
 * ```
 */
export function judgeCustomer(
  records: CustomerRecords,
  nowMs: number,
  roster: AgentRoster | undefined,
): AffinityJudgement {
  const excludedAgentIds = excludedOf(records.preferences);
  const excluded = new Set(excludedAgentIds);
  const chosen: Exclude<AffinityJudgement, { readonly kind: "no-preference" }>[] = [];
  const pin = activePin(records.preferences, nowMs);
  if (pin !== undefined && !excluded.has(pin.agentId)) {
    const judged = judgeAgent(pin, roster, "pin", excludedAgentIds);
    if (judged.kind !== "no-preference") chosen.push(judged);
  }
  if (latestServed(records.history) === undefined && chosen.length === 0) {
    return { kind: "no-preference", reason: "none", excludedAgentIds };
  }
  let firstFailure: NoPreferenceReason | undefined;
  for (const served of rankServedAgents(records.history, nowMs)) {
    // Without a roster nobody past the best can be vouched for: the walk offers one, unverified.
    if (roster === undefined && chosen.length > 0) break;
    if (chosen.some((judged) => judged.agent.id === served.agentId)) continue;
    if (excluded.has(served.agentId)) {
      firstFailure ??= "excluded";
      continue;
    }
    const judged = judgeAgent(served, roster, "history", excludedAgentIds);
    if (judged.kind === "no-preference") firstFailure ??= judged.reason;
    else chosen.push(judged);
  }
  const [best, ...rest] = chosen;
  if (best === undefined) {
    return { kind: "no-preference", reason: firstFailure ?? "expired", excludedAgentIds };
  }
  return best.kind === "fresh" ? { ...best, others: rest.map((judged) => judged.agent) } : best;
}

/**
 * Judges one record alone, as the router did before identities, scopes and pins: the record is
 * its own history and preferences.
 *
 * @example
 * ```ts
 * import { judgeAffinity } from "./affinity-judgement.js";
 *
 * const judgement = judgeAffinity(await store.find(key), clock.now(), roster);
 * ```
 */
export function judgeAffinity(
  record: AffinityRecord | undefined,
  nowMs: number,
  roster: AgentRoster | undefined,
): AffinityJudgement {
  return judgeCustomer({ history: [record], preferences: [record] }, nowMs, roster);
}

function judgeAgent(
  candidate: {
    readonly agentId: string;
    readonly agentArn: string;
    readonly agentUnverified?: true;
  },
  roster: AgentRoster | undefined,
  source: "pin" | "history",
  excludedAgentIds: readonly string[],
): AffinityJudgement {
  if (roster === undefined) {
    if (candidate.agentUnverified === true) {
      return { kind: "no-preference", reason: "unverifiable", excludedAgentIds };
    }
    return {
      kind: "unconfirmed",
      agent: { id: candidate.agentId, arn: candidate.agentArn },
      source,
      excludedAgentIds,
    };
  }
  const agent = roster.get(candidate.agentId);
  if (agent === undefined) return { kind: "no-preference", reason: "agent-gone", excludedAgentIds };
  if (agent.optedOut === true) {
    return { kind: "no-preference", reason: "opted-out", excludedAgentIds };
  }
  return { kind: "fresh", agent, source, excludedAgentIds, others: [] };
}

/** The first pin, in source order, that has not ended. */
function activePin(
  records: readonly (AffinityRecord | undefined)[],
  nowMs: number,
): AgentPin | undefined {
  for (const record of records) {
    const pin = record?.pin;
    if (pin !== undefined && (pin.until === undefined || pin.until > nowMs)) return pin;
  }
  return undefined;
}

/** The agent who served the customer most recently over every record (first record on a tie). Internal: not exported from the package. */
export function latestServed(
  records: readonly (AffinityRecord | undefined)[],
): ServedAgent | undefined {
  let latest: ServedAgent | undefined;
  for (const record of records) {
    const head = record?.agents[0];
    if (head !== undefined && (latest === undefined || head.lastServedAt > latest.lastServedAt)) {
      latest = head;
    }
  }
  return latest;
}

/** Every agent excluded by any of the records, sorted. */
function excludedOf(records: readonly (AffinityRecord | undefined)[]): readonly string[] {
  const excluded = new Set<string>();
  for (const record of records) {
    for (const agentId of record?.excludedAgentIds ?? []) excluded.add(agentId);
  }
  return [...excluded].sort();
}
