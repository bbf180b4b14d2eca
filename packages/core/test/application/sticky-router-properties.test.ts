import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { candidateOrder } from "../../src/domain/candidate-order.js";
import { newCallerStrategies } from "../../src/domain/new-caller-strategy.js";
import { canTakeContact } from "../../src/domain/presence-choice.js";
import { decodeCursor, type RoutingCursor } from "../../src/domain/routing-cursor.js";
import type { Agent, AgentAvailability, CandidateResponse } from "../../src/index.js";
import { aContact, anAgent, aRouter } from "./router-fixture.js";

const agentIdLists = fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,12}$/), {
  minLength: 0,
  maxLength: 25,
});

type PresenceMode = "unknown" | "known";

const scenarios = fc.record({
  ids: agentIdLists,
  strategy: fc.constantFrom(...newCallerStrategies),
  maxAttempts: fc.integer({ min: 1, max: 30 }),
  idlePoolSize: fc.integer({ min: 1, max: 6 }),
  presenceWindow: fc.integer({ min: 1, max: 10 }),
  presenceMode: fc.constantFrom<PresenceMode>("unknown", "known"),
  availability: fc.array(fc.option(fc.nat({ max: 1000 }), { nil: undefined }), { maxLength: 25 }),
  availableMask: fc.array(fc.boolean(), { maxLength: 25 }),
  preferredIndex: fc.option(fc.nat(), { nil: undefined }),
  // The presence keeps reservations: the contact's own never hold it back.
  reservations: fc.boolean(),
});

type Scenario = typeof scenarios extends fc.Arbitrary<infer T> ? T : never;

function availabilityOf(scenario: Scenario, index: number): AgentAvailability {
  const idle = scenario.availability[index];
  return {
    routable: scenario.availableMask[index] ?? true,
    availableSlots: { VOICE: 1 },
    ...(idle === undefined ? {} : { idleSince: idle }),
  };
}

async function prepare(scenario: Scenario, windowOverride?: number) {
  const agents = scenario.ids.map((id) => anAgent(id));
  const fixture = aRouter(
    agents,
    {
      strategy: scenario.strategy,
      maxAttempts: scenario.maxAttempts,
      idlePoolSize: scenario.idlePoolSize,
      presenceWindow: windowOverride ?? scenario.presenceWindow,
    },
    { reservations: scenario.reservations },
  );
  const preferred =
    scenario.preferredIndex === undefined || agents.length === 0
      ? undefined
      : agents[scenario.preferredIndex % agents.length];
  if (preferred !== undefined) {
    await fixture.router.record(aContact({ contactId: "earlier" }), preferred.id);
  }
  if (scenario.presenceMode === "unknown") fixture.presence.failWith("throttled");
  agents.forEach((agent, index) => {
    fixture.presence.set(agent.id, availabilityOf(scenario, index));
  });
  return { ...fixture, agents, preferred };
}

/** Runs route, then next until "none", with a hard guard; returns offers and the last answer. */
async function walk(
  router: ReturnType<typeof aRouter>["router"],
  between?: (step: number) => void,
): Promise<{ offers: string[]; cursors: RoutingCursor[]; last: CandidateResponse; steps: number }> {
  const offers: string[] = [];
  const cursors: RoutingCursor[] = [];
  let answer = await router.route(aContact());
  let steps = 1;
  while (answer.status === "agent" && steps <= 200) {
    offers.push(answer.agentId);
    cursors.push(decodeCursor(answer.cursor));
    between?.(steps);
    answer = await router.next(aContact(), answer.cursor);
    steps += 1;
  }
  return { offers, cursors, last: answer, steps };
}

describe("StickyRouter walk (properties)", () => {
  it("never offers an agent twice and stops within maxAttempts", async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { router } = await prepare(scenario);
        const { offers, last } = await walk(router);
        expect(new Set(offers).size).toBe(offers.length);
        expect(offers.length).toBeLessThanOrEqual(scenario.maxAttempts);
        expect(last.status).toBe("none");
      }),
      { numRuns: 150 },
    );
  });

  it("offers the fresh preferred agent first when presence allows it", async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { router, preferred, agents } = await prepare(scenario);
        const { offers } = await walk(router);
        if (preferred === undefined) return;
        const preferredFree =
          scenario.presenceMode === "unknown" ||
          canTakeContact(availabilityOf(scenario, agents.indexOf(preferred)), "VOICE");
        if (preferredFree) expect(offers[0]).toBe(preferred.id);
        else expect(offers).not.toContain(preferred.id);
      }),
      { numRuns: 150 },
    );
  });

  it("follows the candidate order exactly: all of it when presence is unknown, the available part when known", async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        // A window as large as the roster, so longest-idle sees every agent as candidateOrder does.
        const { router, agents, preferred } = await prepare(scenario, 100);
        const { offers, cursors } = await walk(router);
        const seed = cursors[0]?.seed;
        if (seed === undefined) {
          expect(offers).toEqual([]);
          return;
        }
        const known = scenario.presenceMode === "known";
        const presence = new Map(
          agents.map((agent, index) => [agent.id, availabilityOf(scenario, index)]),
        );
        const order = candidateOrder({
          agents,
          seed,
          strategy: scenario.strategy,
          idlePoolSize: scenario.idlePoolSize,
          ...(preferred === undefined ? {} : { preferred }),
          ...(known ? { presence: { agents: presence, channel: "VOICE" as const } } : {}),
        });
        const expected = order
          .filter((agent) => !known || canTakeContact(presence.get(agent.id), "VOICE"))
          .slice(0, scenario.maxAttempts)
          .map((agent: Agent) => agent.id);
        expect(offers).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("stays correct when agents join and leave between calls", async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarios,
        fc.array(fc.tuple(fc.boolean(), fc.stringMatching(/^[a-z0-9-]{1,12}$/)), { maxLength: 10 }),
        async (scenario, changes) => {
          const { router, directory, agents, presence } = await prepare(scenario);
          let roster = [...agents];
          const everSeen = new Set(agents.map((agent) => agent.id));
          const { offers, last } = await walk(router, (step) => {
            const change = changes[step - 1];
            if (change === undefined) return;
            const [join, id] = change;
            if (join) {
              roster = [...roster.filter((agent) => agent.id !== id), anAgent(id)];
              presence.set(id, { routable: true, availableSlots: { VOICE: 1 } });
              everSeen.add(id);
            } else {
              const leaving = roster[id.length % Math.max(roster.length, 1)];
              roster = roster.filter((agent) => agent !== leaving);
            }
            directory.setAgents(roster);
          });
          expect(new Set(offers).size).toBe(offers.length);
          expect(offers.length).toBeLessThanOrEqual(scenario.maxAttempts);
          expect(offers.every((id) => everSeen.has(id))).toBe(true);
          expect(last.status).toBe("none");
        },
      ),
      { numRuns: 150 },
    );
  });

  it("keeps every cursor within the contract: small, URL-safe, at most two exclusions", async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const { router } = await prepare(scenario);
        let answer = await router.route(aContact());
        for (let step = 0; step < 40 && answer.status === "agent"; step += 1) {
          expect(answer.cursor).toMatch(/^[A-Za-z0-9_-]{1,300}$/);
          expect(decodeCursor(answer.cursor).excluded.length).toBeLessThanOrEqual(2);
          answer = await router.next(aContact(), answer.cursor);
        }
      }),
      { numRuns: 100 },
    );
  });
});
