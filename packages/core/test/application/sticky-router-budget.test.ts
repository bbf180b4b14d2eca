import { describe, expect, it } from "vitest";
import {
  type AffinityStore,
  type CallOptions,
  type DegradationEvent,
  type PresenceLookup,
  StickyRouter,
} from "../../src/index.js";
import {
  InMemoryAffinityStore,
  InMemoryAgentDirectory,
  ManualClock,
  SeededRandom,
} from "../../src/testing/index.js";
import { aContact, someAgents, start } from "./router-fixture.js";

/** A port call that never answers by itself, and notes the signal it was given. */
function hanging<T>(signals: (AbortSignal | undefined)[]) {
  return (options?: CallOptions): Promise<T> => {
    signals.push(options?.signal);
    return new Promise<T>(() => undefined);
  };
}

/** A router whose store and presence never answer; the test holds the budget's controller. */
function aHungRouter() {
  const signals: (AbortSignal | undefined)[] = [];
  const memory = new InMemoryAffinityStore();
  const store: AffinityStore = {
    find: (_key, options) => hanging<undefined>(signals)(options),
    save: (assignment) => memory.save(assignment),
  };
  const degradations: DegradationEvent[] = [];
  const router = new StickyRouter({
    store,
    contacts: {
      rememberContact: (_id, _key, _expiresAt, _offer, options) => hanging<void>(signals)(options),
      callerOfContact: (_id, options) => hanging<undefined>(signals)(options),
    },
    directory: new InMemoryAgentDirectory(someAgents(3)),
    presence: { lookup: (_ids, options) => hanging<PresenceLookup>(signals)(options) },
    clock: new ManualClock(start),
    random: new SeededRandom(1),
    observer: { degraded: (event) => degradations.push(event) },
  });
  return { router, signals, degradations };
}

describe("StickyRouter's time budget", () => {
  it("answers route with the degraded new-caller order once the budget is spent, whatever its dependencies do", async () => {
    // Prepare
    const { router, signals, degradations } = aHungRouter();
    const budget = new AbortController();

    // Act
    const answer = router.route(aContact(), { signal: budget.signal });
    await Promise.resolve();
    budget.abort(new Error("budget spent"));

    // Assess
    await expect(answer).resolves.toMatchObject({
      status: "agent",
      reason: "new-caller",
      presence: "unverified",
    });
    // The record read was under way; nothing else starts once the budget is spent.
    expect(signals.length).toBeGreaterThanOrEqual(1);
    expect(signals.every((signal) => signal?.aborted === true)).toBe(true);
    expect(degradations.map((event) => event.reason)).toContain(
      "affinity record unreadable: the invocation's time budget is spent",
    );
  });

  it("answers routingCriteria with none once the budget is spent", async () => {
    // Prepare
    const { router } = aHungRouter();
    const budget = new AbortController();

    // Act
    const answer = router.routingCriteria(aContact(), { signal: budget.signal });
    budget.abort(new Error("budget spent"));

    // Assess
    await expect(answer).resolves.toMatchObject({ status: "none", reason: "no-preferred-agent" });
  });

  it("calls no dependency at all when the budget is already spent, and still answers", async () => {
    // Prepare
    const { router, signals } = aHungRouter();

    // Act
    const answer = await router.route(aContact(), { signal: AbortSignal.abort() });

    // Assess
    expect(answer).toMatchObject({ presence: "unverified" });
    expect(signals).toEqual([]);
  });

  it("rejects recordAnsweredContact when the budget is spent, for the event to be retried", async () => {
    // Prepare
    const { router } = aHungRouter();
    const budget = new AbortController();

    // Act
    const recording = router.recordAnsweredContact(
      { contactId: "c-1", agentId: "agent-01", at: start },
      { signal: budget.signal },
    );
    budget.abort(new Error("budget spent"));

    // Assess
    await expect(recording).rejects.toThrow("budget spent");
  });
});
