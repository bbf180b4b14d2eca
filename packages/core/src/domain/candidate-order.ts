import type { Agent, Channel } from "./agent.js";
import type { AgentAvailability } from "./agent-availability.js";
import { defaultIdlePoolSize, type NewCallerStrategyName } from "./new-caller-strategy.js";
import { chooseAvailable } from "./presence-choice.js";
import {
  agentKey,
  compareRanked,
  type PreparedSeed,
  prepareSeed,
  rankOf,
} from "./rendezvous-rank.js";

/** What {@link candidateOrder} orders. */
export interface CandidateOrderInput {
  /** The routable agents (the roster). */
  readonly agents: readonly Agent[];
  /** The rendezvous seed of the contact (see `strategySeed`). */
  readonly seed: number;
  readonly strategy: NewCallerStrategyName;
  /** The caller's preferred agent, when their affinity record is fresh. */
  readonly preferred?: Agent;
  /** Presence, when known; only the `longest-idle` strategy reads it. */
  readonly presence?: {
    readonly agents: ReadonlyMap<string, AgentAvailability>;
    readonly channel: Channel;
  };
  /**
   * `longest-idle` picks among this many agents idle longest (the router's `idlePoolSize`).
   * Default {@link defaultIdlePoolSize}.
   */
  readonly idlePoolSize?: number;
}

/**
 * The full candidate order of a contact: the preferred agent first (when fresh); with
 * `longest-idle` and presence, one of the `idlePoolSize` available agents idle longest next,
 * picked from the seed (see `chooseAvailable`; the first available in rank order when nobody
 * reports `idleSince`); then every other agent once, in ascending
 * rendezvous rank. The router offers the agents of this order who can take the contact, in
 * this order.
 *
 * The router never builds this list (it takes candidates a window at a time with
 * {@link rankedCandidates}); it is the specification its answers follow, for tests and docs.
 * With more agents than the router's presence window, `longest-idle` looks for the idlest agent
 * within the window only.
 *
 * @example
 * ```ts
 * import { candidateOrder } from "./candidate-order.js";
 *
 * const order = candidateOrder({ agents: roster.agents, seed: 7, strategy: "random" });
 * ```
 */
export function candidateOrder(input: CandidateOrderInput): readonly Agent[] {
  const prepared = prepareSeed(input.seed);
  const head: Agent[] = [];
  const excluded = new Set<string>();
  if (input.preferred !== undefined) {
    head.push(input.preferred);
    excluded.add(input.preferred.id);
  }
  const ranked = input.agents
    .filter((agent) => !excluded.has(agent.id))
    .map((agent) => ({ agent, rank: rankOf(prepared, agentKey(agent.id)) }))
    .sort((a, b) => compareRanked(a.rank, a.agent.id, b.rank, b.agent.id))
    .map((entry) => entry.agent);
  const unique = dedupe(ranked);
  if (input.strategy === "longest-idle" && input.presence !== undefined) {
    const choice = chooseAvailable(unique, input.presence.agents, input.presence.channel, {
      kind: "longest-idle",
      poolSize: input.idlePoolSize ?? defaultIdlePoolSize,
      seed: input.seed,
    });
    if (choice.kind === "available") {
      head.push(choice.agent);
      excluded.add(choice.agent.id);
    }
  }
  return [...head, ...unique.filter((agent) => !excluded.has(agent.id))];
}

function dedupe(agents: readonly Agent[]): Agent[] {
  const seen = new Set<string>();
  return agents.filter((agent) => {
    if (seen.has(agent.id)) return false;
    seen.add(agent.id);
    return true;
  });
}

/** Where {@link rankedCandidates} starts and what it skips. */
export interface RankedCandidatesQuery {
  /** The rendezvous seed of the contact. */
  readonly seed: number;
  /** Only agents ranked strictly after this agent (who need not be in the roster any more). */
  readonly after?: string;
  /** Agent IDs never to return (already offered out of rank order). */
  readonly exclude?: readonly string[];
  /** At most this many agents. */
  readonly limit: number;
  /** {@link agentKey} of each agent, aligned with `agents`, when the caller caches them. */
  readonly keys?: Float64Array;
}

/** The answer of {@link rankedCandidates}. */
export interface RankedCandidates {
  /** Up to `limit` agents, in ascending rank. */
  readonly agents: readonly Agent[];
  /** Whether more qualifying agents exist beyond `agents`. */
  readonly more: boolean;
}

/**
 * The next `limit` candidates in rendezvous order after `after`, skipping `exclude`: one pass
 * over the roster keeping a small sorted buffer, no sort of the roster. This is the router's
 * hot path; ranking 5,000 agents costs well under a millisecond.
 *
 * @example
 * ```ts
 * import { rankedCandidates } from "./candidate-order.js";
 *
 * const { agents: window, more } = rankedCandidates(roster.agents, { seed, after: cursor.last, limit: 100 });
 * ```
 */
export function rankedCandidates(
  agents: readonly Agent[],
  query: RankedCandidatesQuery,
): RankedCandidates {
  const limit = Math.max(0, Math.floor(query.limit));
  const prepared: PreparedSeed = prepareSeed(query.seed);
  const exclude = query.exclude ?? [];
  const afterId = query.after;
  const afterRank = afterId === undefined ? -1 : rankOf(prepared, agentKey(afterId));
  const keys =
    query.keys !== undefined && query.keys.length === agents.length ? query.keys : undefined;

  const bufferRanks: number[] = [];
  const bufferAgents: Agent[] = [];
  // The rank an agent must beat to enter the buffer: its last once full (with no room at all,
  // nothing enters and the pass only counts what remains).
  let worstRank = limit === 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  let worstId = "";
  let qualifying = 0;
  for (let i = 0; i < agents.length; i += 1) {
    const agent = agents[i];
    if (agent === undefined) continue;
    const key = keys === undefined ? agentKey(agent.id) : (keys[i] ?? agentKey(agent.id));
    const rank = rankOf(prepared, key);
    // Numbers first; the ID comparison only breaks an exact tie of ranks.
    if (
      rank < afterRank ||
      (rank === afterRank && (afterId === undefined || agent.id <= afterId))
    ) {
      continue;
    }
    if (exclude.length > 0 && exclude.includes(agent.id)) continue;
    qualifying += 1;
    if (rank > worstRank || (rank === worstRank && agent.id >= worstId)) continue;
    insertSorted(bufferRanks, bufferAgents, rank, agent);
    if (bufferAgents.length > limit) {
      bufferAgents.pop();
      bufferRanks.pop();
    }
    if (bufferAgents.length === limit) {
      worstRank = bufferRanks[limit - 1] ?? Number.POSITIVE_INFINITY;
      worstId = bufferAgents[limit - 1]?.id ?? "";
    }
  }
  return { agents: bufferAgents, more: qualifying > bufferAgents.length };
}

function insertSorted(ranks: number[], agents: Agent[], rank: number, agent: Agent): void {
  let low = 0;
  let high = agents.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const middleAgent = agents[middle];
    const middleRank = ranks[middle];
    if (middleAgent === undefined || middleRank === undefined) break;
    if (compareRanked(middleRank, middleAgent.id, rank, agent.id) < 0) low = middle + 1;
    else high = middle;
  }
  // Same agent ID listed twice in a roster: keep one.
  if (agents[low]?.id === agent.id) return;
  ranks.splice(low, 0, rank);
  agents.splice(low, 0, agent);
}
