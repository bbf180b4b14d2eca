import type { AffinityRecord, AgentPin, ServedAgent } from "./affinity-record.js";
import type { Agent } from "./agent.js";
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
 */
export type AffinityJudgement =
  | {
      readonly kind: "fresh";
      readonly agent: Agent;
      readonly source: "pin" | "history";
      readonly excludedAgentIds: readonly string[];
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
 * agent. Otherwise the agent who served the customer most recently, over every identity, if
 * that agent still counts, is routable, has not opted out and is not excluded. The excluded
 * agents are the union over every identity's record.
 *
 * @example
 * ```ts
 * import { judgeCustomer } from "./affinity-judgement.js";
 *
 * const judgement = judgeCustomer({ history: [record], preferences: [record] }, clock.now(), roster);
 * if (judgement.kind === "fresh") offer(judgement.agent);
 * ```
 */
export function judgeCustomer(
  records: CustomerRecords,
  nowMs: number,
  roster: AgentRoster | undefined,
): AffinityJudgement {
  const excludedAgentIds = excludedOf(records.preferences);
  const excluded = new Set(excludedAgentIds);
  const pin = activePin(records.preferences, nowMs);
  if (pin !== undefined && !excluded.has(pin.agentId)) {
    const judged = judgeAgent(pin, roster, "pin", excludedAgentIds);
    if (judged.kind !== "no-preference") return judged;
  }
  const latest = latestServed(records.history);
  if (latest === undefined) return { kind: "no-preference", reason: "none", excludedAgentIds };
  if (latest.expiresAt * 1000 <= nowMs) {
    return { kind: "no-preference", reason: "expired", excludedAgentIds };
  }
  if (excluded.has(latest.agentId)) {
    return { kind: "no-preference", reason: "excluded", excludedAgentIds };
  }
  return judgeAgent(latest, roster, "history", excludedAgentIds);
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
  return { kind: "fresh", agent, source, excludedAgentIds };
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
