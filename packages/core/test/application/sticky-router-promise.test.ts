import { describe, expect, it } from "vitest";
import type { AffinityRecord, AffinityStore } from "../../src/index.js";
import { callerKey, InvalidOptionError } from "../../src/index.js";
import {
  aContact,
  aRouter,
  busy,
  caller,
  everyoneAvailable,
  someAgents,
  start,
} from "./router-fixture.js";

const e164 = "+819012345678";
const secret = "current-secret-of-enough-length";
const previousSecret = "previous-secret-of-enough-length";

describe("StickyRouter: what a returning caller was promised", () => {
  it("remembers the preferred agent and the decision time when it offers them", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, store, presence, clock } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "c-1" }), "agent-02");
    clock.advance(60_000);

    // Act
    await router.route(aContact({ contactId: "c-2" }));

    // Assess
    expect(store.contactIndexSnapshot()).toContainEqual(
      expect.objectContaining({
        contactId: "c-2",
        offer: { preferredAgentId: "agent-02", decidedAt: start + 60_000, decision: "offered" },
      }),
    );
  });

  it("says the preferred agent was busy when another agent was offered instead", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, store, presence } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "c-1" }), "agent-02");
    presence.set("agent-02", busy);

    // Act
    const answer = await router.route(aContact({ contactId: "c-2" }));

    // Assess
    expect(answer.reason).toBe("preferred-agent-busy");
    const entry = store.contactIndexSnapshot().find((e) => e.contactId === "c-2");
    expect(entry?.offer?.decision).toBe("busy");
  });

  it("says nobody was offered when every agent was busy, and the agent left when gone", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, store, presence, directory } = aRouter(agents);
    for (const agent of agents) presence.set(agent.id, busy);
    await router.record(aContact({ contactId: "c-1" }), "agent-02");
    await router.record(
      aContact({ contactId: "c-x", customerAddress: "+819099990000" }),
      "agent-01",
    );

    // Act
    await router.route(aContact({ contactId: "c-2" }));
    directory.setAgents(agents.filter((agent) => agent.id !== "agent-01"));
    await router.route(aContact({ contactId: "c-3", customerAddress: "+819099990000" }));

    // Assess
    const offers = Object.fromEntries(
      store.contactIndexSnapshot().map((entry) => [entry.contactId, entry.offer?.decision]),
    );
    expect(offers).toEqual({ "c-2": "nobody", "c-3": "gone" });
  });

  it("promises a new caller nobody", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, store, presence } = aRouter(agents);
    everyoneAvailable(presence, agents);

    // Act
    await router.route(aContact({ contactId: "c-new" }));

    // Assess
    expect(store.contactIndexSnapshot()).toEqual([
      { contactId: "c-new", callerKey: e164, callerKeys: [e164], expiresAt: start / 1000 + 86_400 },
    ]);
  });

  it("hands the offer to whoever records the answered contact", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, presence, clock } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "c-1" }), "agent-02");
    await router.route(aContact({ contactId: "c-2" }));
    clock.advance(90_000);

    // Act
    const answered = await router.recordAnsweredContact({
      contactId: "c-2",
      agentId: "agent-00",
      at: start + 90_000,
    });

    // Assess
    expect(answered).toEqual({
      status: "recorded",
      offer: { preferredAgentId: "agent-02", decidedAt: start, decision: "offered" },
    });
  });

  it("keeps the offer of a routing-criteria contact too", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, store, presence } = aRouter(agents);
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "c-1" }), "agent-01");

    // Act
    await router.routingCriteria(aContact({ contactId: "c-2" }));

    // Assess
    expect(store.contactIndexSnapshot().find((e) => e.contactId === "c-2")?.offer).toEqual({
      preferredAgentId: "agent-01",
      decidedAt: start,
      decision: "offered",
    });
  });
});

describe("StickyRouter: a caller-key rotation", () => {
  it("finds a caller filed under the previous secret, and files them under the current one", async () => {
    // Prepare
    const agents = someAgents(3);
    const before = aRouter(agents, { callerKeySecret: previousSecret });
    everyoneAvailable(before.presence, agents);
    await before.router.record(aContact({ contactId: "c-1" }), "agent-02");
    const stored = before.store.snapshot();
    const after = aRouter(agents, {
      callerKeySecret: secret,
      previousCallerKey: { secret: previousSecret },
    });
    everyoneAvailable(after.presence, agents);
    await copyRecords(stored, after.store);

    // Act
    const routed = await after.router.route(aContact({ contactId: "c-2" }));
    await after.router.record(aContact({ contactId: "c-2" }), "agent-02");

    // Assess
    expect(routed).toMatchObject({ agentId: "agent-02", reason: "returning-caller" });
    expect(after.store.snapshot().map((record) => record.callerKey)).toEqual([
      callerKey(e164, previousSecret),
      callerKey(e164, secret),
    ]);
    // The contact index names the caller by the current key, so contact events write under it.
    expect(after.store.contactIndexSnapshot()[0]?.callerKey).toBe(callerKey(e164, secret));
  });

  it("reads a table of raw numbers while it moves to keyed hashes", async () => {
    // Prepare
    const agents = someAgents(3);
    const plain = aRouter(agents);
    everyoneAvailable(plain.presence, agents);
    await plain.router.record(aContact({ contactId: "c-1" }), "agent-01");
    const hashed = aRouter(agents, { callerKeySecret: secret, previousCallerKey: "raw-number" });
    everyoneAvailable(hashed.presence, agents);
    await copyRecords(plain.store.snapshot(), hashed.store);

    // Act
    const routed = await hashed.router.route(aContact({ contactId: "c-2" }));

    // Assess
    expect(routed).toMatchObject({ agentId: "agent-01", reason: "returning-caller" });
    expect(hashed.store.finds).toBe(2);
  });

  it("finds a customer's scoped email record and pin under the previous secret during a rotation", async () => {
    // Prepare
    const agents = someAgents(3);
    const email = {
      contactId: "c-1",
      channel: "EMAIL",
      customerAddress: "ana@example.com",
    } as const;
    const before = aRouter(agents, { callerKeySecret: previousSecret, scope: "channel" });
    await before.router.record(aContact(email), "agent-02");
    const after = aRouter(agents, {
      callerKeySecret: secret,
      previousCallerKey: { secret: previousSecret },
      scope: "channel",
    });
    await copyRecords(before.store.snapshot(), after.store);
    const previousIdentity = before.store.snapshot()[0]?.callerKey.replace("#channel:EMAIL", "");
    if (previousIdentity === undefined) throw new Error("nothing recorded");
    await after.store.block(previousIdentity, ["agent-03"]);
    for (const agent of agents) {
      after.presence.set(agent.id, {
        routable: true,
        availableSlots: { EMAIL: agent.id === "agent-02" ? 0 : 1 },
      });
    }

    // Act
    const routed = await after.router.route(aContact({ ...email, contactId: "c-2" }));
    const next = await after.router.next(
      aContact({ ...email, contactId: "c-2" }),
      "cursor" in routed ? String(routed.cursor) : "",
    );

    // Assess
    // The previous key's scoped history names agent-02 (busy), its identity record excludes
    // agent-03: the walk offers agent-01 and never agent-03.
    expect(routed).toMatchObject({ agentId: "agent-01", reason: "preferred-agent-busy" });
    expect(next).not.toMatchObject({ agentId: "agent-03" });
    expect(after.store.contactIndexSnapshot()[0]?.offer).toMatchObject({
      preferredAgentId: "agent-02",
      decision: "busy",
    });
  });

  it("reads the current key only once the caller is filed under it", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, store, presence } = aRouter(agents, {
      callerKeySecret: secret,
      previousCallerKey: { secret: previousSecret },
    });
    everyoneAvailable(presence, agents);
    await router.record(aContact({ contactId: "c-1", customerAddress: caller }), "agent-01");

    // Act
    await router.route(aContact({ contactId: "c-2" }));

    // Assess
    expect(store.finds).toBe(1);
  });

  it("keeps routing to the last agent under the previous key when only a block was set under the current key", async () => {
    // Prepare
    const agents = someAgents(3);
    const before = aRouter(agents, { callerKeySecret: previousSecret });
    await before.router.record(aContact({ contactId: "c-1" }), "agent-02");
    const after = aRouter(agents, {
      callerKeySecret: secret,
      previousCallerKey: { secret: previousSecret },
    });
    everyoneAvailable(after.presence, agents);
    await copyRecords(before.store.snapshot(), after.store);
    // An administrator blocks agent-03 after the rotation began: the current key now holds an
    // item with that preference only.
    await after.store.block(callerKey(e164, secret), ["agent-03"]);

    // Act
    const routed = await after.router.route(aContact({ contactId: "c-2" }));
    const next = await after.router.next(
      aContact({ contactId: "c-2" }),
      "cursor" in routed ? String(routed.cursor) : "",
    );

    // Assess
    expect(routed).toMatchObject({ agentId: "agent-02", reason: "returning-caller" });
    expect(next).not.toMatchObject({ agentId: "agent-03" });
    expect(after.store.finds).toBe(2);
  });

  it("refuses a previous key without a current secret, or equal to it", () => {
    // Act, Assess
    expect(() => aRouter([], { previousCallerKey: "raw-number" })).toThrow(InvalidOptionError);
    expect(() => aRouter([], { callerKeySecret: secret, previousCallerKey: { secret } })).toThrow(
      /must differ/,
    );
    expect(() =>
      aRouter([], { callerKeySecret: secret, previousCallerKey: { secret: "short" } }),
    ).toThrow(/previousCallerKey.secret/);
    expect(() =>
      // @ts-expect-error: a plain-JavaScript caller's mistake
      aRouter([], { callerKeySecret: secret, previousCallerKey: { secrte: previousSecret } }),
    ).toThrow(InvalidOptionError);
  });
});

/**
 * Files records read from one store into another, as a deployment's table keeps them across a
 * release: each record's latest agent and contact under its own caller key.
 */
async function copyRecords(
  records: readonly AffinityRecord[],
  store: { save: AffinityStore["save"] },
): Promise<void> {
  for (const record of records) {
    await store.save({
      callerKey: record.callerKey,
      agentId: record.agents[0]?.agentId ?? "",
      agentArn: record.agents[0]?.agentArn ?? "",
      contactId: record.lastContact?.contactId ?? "",
      at: record.lastContact?.at ?? 0,
      expiresAt: record.agents[0]?.expiresAt ?? 0,
    });
  }
}
