import {
  type Agent,
  type AgentAvailability,
  type DegradationEvent,
  type RoutingContact,
  StickyRouter,
  type StickyRouterOptions,
} from "../../src/index.js";
import {
  InMemoryAffinityStore,
  InMemoryAgentDirectory,
  InMemoryAgentPresence,
  ManualClock,
  SeededRandom,
} from "../../src/testing/index.js";

export const instanceArn = "arn:aws:connect:ap-northeast-1:123456789012:instance/inst-1";
export const start = Date.UTC(2026, 10, 24, 9, 0, 0);
export const caller = "+81 90-1234-5678";

/** Object mother: an agent with a Connect-shaped ARN. */
export function anAgent(id: string): Agent {
  return { id, arn: `${instanceArn}/agent/${id}` };
}

/** `count` agents named agent-00, agent-01, … */
export function someAgents(count: number): Agent[] {
  return Array.from({ length: count }, (_, index) =>
    anAgent(`agent-${String(index).padStart(2, "0")}`),
  );
}

/** Object mother: a voice contact from `caller`. */
export function aContact(overrides: Partial<RoutingContact> = {}): RoutingContact {
  return {
    contactId: "contact-1",
    channel: "VOICE",
    customerAddress: caller,
    instanceArn,
    ...overrides,
  };
}

export const available = (idleSince?: number): AgentAvailability => ({
  routable: true,
  availableSlots: { VOICE: 1 },
  ...(idleSince === undefined ? {} : { idleSince }),
});

export const busy: AgentAvailability = { routable: true, availableSlots: { VOICE: 0 } };

/** A router over fresh fakes, with every fake exposed for Prepare and Assess. */
export function aRouter(
  agents: readonly Agent[],
  options: StickyRouterOptions = {},
  fakes: { readonly reservations?: boolean } = {},
) {
  const store = new InMemoryAffinityStore();
  const directory = new InMemoryAgentDirectory(agents);
  const clock = new ManualClock(start);
  const presence = new InMemoryAgentPresence(clock, { reservations: fakes.reservations === true });
  const random = new SeededRandom(2026);
  const degradations: DegradationEvent[] = [];
  const router = new StickyRouter(
    {
      store,
      contacts: store,
      directory,
      presence,
      clock,
      random,
      observer: { degraded: (event) => degradations.push(event) },
    },
    options,
  );
  return { router, store, directory, presence, clock, random, degradations };
}

/** Marks every agent available, with no idle time known (so longest-idle falls back to rank order). */
export function everyoneAvailable(presence: InMemoryAgentPresence, agents: readonly Agent[]): void {
  for (const agent of agents) presence.set(agent.id, available());
}
