import { type AffinityRecord, type ServedAgent, servedAgentsById } from "./affinity-record.js";

/**
 * The half-life of a service's weight when a customer's other agents are ranked: 30 days.
 *
 * The agent who served the customer last is always offered first (the product's promise); the
 * score orders only the agents after them. Why 30 days: the default affinity lifetime is 90
 * days, so an agent at the end of it weighs one eighth of one who served today (three
 * half-lives), and recency still leads; yet an agent who served a customer twice a month ago
 * (2 × 0.5 = 1) ties with one who served them once today, so among the fallbacks a relationship
 * of several contacts is not lost to a single call that happened to reach someone else. A much
 * shorter half-life (a week) orders the fallbacks by recency alone; a much longer one (a year)
 * lets an old, frequent agent lead them for months.
 */
export const rankingHalfLifeMs = 30 * 24 * 60 * 60 * 1000;

/** The most agents a customer's ranking holds (the store keeps at most as many per record). */
export const maxRankedAgents = 5;

/** One agent of a customer's ranking, with the score it was ranked by. */
export interface RankedAgent extends ServedAgent {
  /**
   * `count × 0.5^(age / half-life)`, the age that of the agent's last service: what orders the
   * agents after the last one.
   */
  readonly score: number;
}

/**
 * A customer's agents in the order they are offered, at most {@link maxRankedAgents}: every
 * unexpired agent of every history record (an agent under several identity keys once: their
 * latest service, their largest count). The agent who served the customer last comes first,
 * whatever the scores (ties: the smaller agent ID); the others follow by score,
 * `count × 0.5^(age / halfLife)` where `age` is the time since the agent last served the
 * customer (never negative). The score is the sum over the agent's contacts of
 * `0.5^(age / halfLife)` with every contact dated at the agent's latest one: the store keeps one
 * time and one count per agent, not every contact, so older contacts weigh as much as the
 * latest, which favours frequency slightly. Ties go to the agent who served last, then to the
 * smaller agent ID.
 *
 * @example
 * ```ts
 * import { rankServedAgents } from "./agent-ranking.js";
 *
 * const [last, ...others] = rankServedAgents(records.history, clock.now());
 * ```
 */
export function rankServedAgents(
  history: readonly (AffinityRecord | undefined)[],
  nowMs: number,
  halfLifeMs: number = rankingHalfLifeMs,
): readonly RankedAgent[] {
  const unexpired = history
    .flatMap((record) => record?.agents ?? [])
    .filter((agent) => agent.expiresAt * 1000 > nowMs);
  const scored = servedAgentsById(unexpired).map(
    (agent): RankedAgent => ({
      ...agent,
      score:
        Math.max(1, agent.count) * 0.5 ** (Math.max(0, nowMs - agent.lastServedAt) / halfLifeMs),
    }),
  );
  const last = scored.reduce<RankedAgent | undefined>(
    (latest, agent) => (latest === undefined || compareRecency(agent, latest) < 0 ? agent : latest),
    undefined,
  );
  if (last === undefined) return [];
  const others = scored
    .filter((agent) => agent !== last)
    .sort((a, b) => b.score - a.score || compareRecency(a, b));
  return [last, ...others].slice(0, maxRankedAgents);
}

/** The agent who served later first, then the smaller agent ID. */
function compareRecency(a: ServedAgent, b: ServedAgent): number {
  return (
    b.lastServedAt - a.lastServedAt || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0)
  );
}
