import {
  type Agent,
  assignmentFor,
  callerKey,
  parseCaller,
  StickyRouter,
} from "@connect-affinity/core";
import {
  InMemoryAffinityStore,
  InMemoryAgentDirectory,
  InMemoryAgentPresence,
  ManualClock,
  SeededRandom,
} from "@connect-affinity/core/testing";
import { seedHandlers } from "./baseline/seed-handlers.js";
import { InMemorySeedNumberTable, InMemorySeedUserList } from "./baseline/seed-ports.js";
import type { Traffic } from "./traffic.js";

/** Which decision code is timed. */
export type DecisionCode = "baseline" | "connect-affinity";

const instanceArn = "arn:aws:connect:ap-northeast-1:123456789012:instance/bench";
const warmupDecisions = 200;
/** At least this many timed decisions per cell (the cell's calls, repeated), for a stable p99. */
const minTimedDecisions = 2000;
/** At most this many (the cell's first calls): a long cell's p99 needs no more. */
const maxTimedDecisions = 5000;

/**
 * Handler decision time in process: the routing decision alone, over in-memory ports, so no
 * I/O is timed. For connect-affinity, `StickyRouter.route` (and `next` when the offered agent
 * is busy, as the flow would ask) with the cell's agents in the directory, the available ones
 * in presence (idle since their place in a seeded order) and the history in the store — the
 * same code whichever presence adapter is deployed, so both presence variants share the
 * figure. The cell's calls (the first 5,000 at most) are repeated until at least 2,000 decisions
 * are timed. For the baseline, the seed's lookup and then its next-agent walk until an available
 * agent or `unavailable`. Each decision is timed with `performance.now()` after a warm-up.
 *
 * @returns one duration (ms) per timed decision.
 */
export async function timeDecisions(code: DecisionCode, traffic: Traffic): Promise<number[]> {
  const agents: Agent[] = traffic.agents.map((agent, index) => ({
    id: `u-${index}`,
    arn: `${instanceArn}/agent/u-${index}`,
    username: agent.username,
  }));
  // Routable at the start of the cell (on shift, not on a break).
  const available = new Set(
    traffic.agents.flatMap((agent, index) =>
      agent.schedule[0]?.status === "Available" ? [`u-${index}`] : [],
    ),
  );
  const numbers = traffic.calls.slice(0, maxTimedDecisions).map((call) => call.number);
  const decide =
    code === "baseline"
      ? await baselineDecision(traffic, agents, available)
      : await stickyDecision(traffic, agents, available);
  for (let index = 0; index < Math.min(warmupDecisions, numbers.length); index += 1) {
    await decide(numbers[index] ?? "", index);
  }
  const durations: number[] = [];
  const rounds = Math.max(1, Math.ceil(minTimedDecisions / Math.max(1, numbers.length)));
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, number] of numbers.entries()) {
      const started = performance.now();
      await decide(number, round * numbers.length + index);
      durations.push(performance.now() - started);
    }
  }
  return durations;
}

type Decide = (number: string, index: number) => Promise<void>;

async function stickyDecision(
  traffic: Traffic,
  agents: readonly Agent[],
  available: ReadonlySet<string>,
): Promise<Decide> {
  const clock = new ManualClock(Date.UTC(2026, 0, 5));
  const store = new InMemoryAffinityStore();
  for (const [index, entry] of traffic.history.entries()) {
    const identity = parseCaller(entry.number);
    const agent = agents[entry.agentIndex];
    if (identity.kind !== "known" || agent === undefined) continue;
    await store.save(
      assignmentFor({
        callerKey: callerKey(identity.e164),
        agent,
        contactId: `history-${index}`,
        at: clock.now() - entry.agoMs,
        lifetimeSeconds: 90 * 86_400,
      }),
    );
  }
  const presence = new InMemoryAgentPresence(clock);
  agents.forEach((agent, index) => {
    presence.set(agent.id, {
      routable: available.has(agent.id),
      availableSlots: { VOICE: available.has(agent.id) ? 1 : 0 },
      ...(available.has(agent.id) ? { idleSince: clock.now() - index * 1000 } : {}),
    });
  });
  const router = new StickyRouter({
    store,
    directory: new InMemoryAgentDirectory(agents),
    presence,
    clock,
    random: new SeededRandom(traffic.spec.seed),
  });
  return async (number, index) => {
    const contact = {
      contactId: `decision-${index}`,
      channel: "VOICE" as const,
      customerAddress: number,
      instanceArn,
    };
    const answer = await router.route(contact);
    if (answer.status === "agent" && !available.has(answer.agentId)) {
      await router.next(contact, answer.cursor);
    }
  };
}

async function baselineDecision(
  traffic: Traffic,
  agents: readonly Agent[],
  available: ReadonlySet<string>,
): Promise<Decide> {
  const table = new InMemorySeedNumberTable();
  for (const entry of traffic.history) {
    const agent = agents[entry.agentIndex];
    if (agent !== undefined) await table.put(entry.number, agent.id);
  }
  const seed = seedHandlers({
    table,
    users: new InMemorySeedUserList(agents.map((agent) => agent.id)),
  });
  return async (number) => {
    const event = (parameters: Readonly<Record<string, string>>) => ({
      Details: { ContactData: { CustomerEndpoint: { Address: number } }, Parameters: parameters },
    });
    let answer = await seed.lookup(event({}));
    for (let tries = 0; tries < 100; tries += 1) {
      const { user, users, status } = answer;
      if (user !== undefined && available.has(user)) return;
      if (status === "unavailable") return;
      answer = await seed.nextAgent(event({ user: user ?? "", users: users ?? "" }));
    }
  };
}
