import { describe, expect, it } from "vitest";
import { type AffinityAssignment, InvalidCallerKeyError } from "../../src/index.js";
import { InMemoryAffinityStore } from "../../src/testing/index.js";

function anAssignment(overrides: Partial<AffinityAssignment> = {}): AffinityAssignment {
  return {
    callerKey: "k1",
    agentId: "a1",
    agentArn: "arn:a1",
    contactId: "c1",
    at: 1_000,
    expiresAt: 9_999,
    ...overrides,
  };
}

describe("InMemoryAffinityStore", () => {
  it("creates a record for a new caller", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();

    // Act
    const outcome = await store.save(anAssignment());

    // Assess
    expect(outcome.kind).toBe("created");
    expect(await store.find("k1")).toEqual({
      callerKey: "k1",
      version: 2,
      agents: [
        { agentId: "a1", agentArn: "arn:a1", lastServedAt: 1_000, count: 1, expiresAt: 9_999 },
      ],
      lastContact: { contactId: "c1", at: 1_000 },
      contactCount: 1,
      excludedAgentIds: [],
    });
  });

  it("never lets an older contact overwrite a newer assignment", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();
    await store.save(anAssignment({ contactId: "c2", at: 2_000, agentId: "a2" }));

    // Act
    const outcome = await store.save(anAssignment({ contactId: "c1", at: 1_000 }));

    // Assess
    expect(outcome).toEqual({ kind: "superseded" });
    expect(store.snapshot()).toMatchObject([{ agents: [{ agentId: "a2" }], contactCount: 1 }]);
  });

  it("keeps the first of two different contacts stamped with the same time", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();
    await store.save(anAssignment({ contactId: "c1", at: 2_000 }));

    // Act
    const outcome = await store.save(anAssignment({ contactId: "c2", at: 2_000, agentId: "a2" }));

    // Assess
    expect(outcome).toEqual({ kind: "superseded" });
    expect(store.snapshot()).toMatchObject([
      { agents: [{ agentId: "a1" }], lastContact: { contactId: "c1" } },
    ]);
  });

  it("counts a contact once when it is recorded twice", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();
    await store.save(anAssignment());

    // Act
    const outcome = await store.save(anAssignment({ agentId: "a2", at: 1_500 }));

    // Assess
    expect(outcome).toMatchObject({
      kind: "updated",
      record: { agents: [{ agentId: "a2", count: 1 }, { agentId: "a1" }], contactCount: 1 },
    });
  });

  it("counts and moves to the agent of a newer contact", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();
    await store.save(anAssignment());

    // Act
    await store.save(
      anAssignment({ contactId: "c2", at: 3_000, agentId: "a3", expiresAt: 20_000 }),
    );

    // Assess
    expect(store.snapshot()).toMatchObject([
      {
        agents: [
          { agentId: "a3", lastServedAt: 3_000, expiresAt: 20_000 },
          { agentId: "a1", lastServedAt: 1_000 },
        ],
        contactCount: 2,
        lastContact: { at: 3_000 },
      },
    ]);
  });

  it("fails on demand and heals", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();
    store.failWith(new Error("down"));

    // Act & Assess
    await expect(store.find("k1")).rejects.toThrow("down");
    await expect(store.save(anAssignment())).rejects.toThrow("down");
    store.failWith(undefined);
    await expect(store.find("k1")).resolves.toBeUndefined();
    expect([store.finds, store.saves]).toEqual([2, 1]);
  });

  it("remembers a contact's caller with its expiry, apart from the records", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();

    // Act
    await store.rememberContact("c-9", "k1", 86_400);

    // Assess
    expect(await store.callerOfContact("c-9")).toBe("k1");
    expect(await store.callerOfContact("c-unknown")).toBeUndefined();
    expect(store.contactIndexSnapshot()).toEqual([
      { contactId: "c-9", callerKey: "k1", callerKeys: ["k1"], expiresAt: 86_400 },
    ]);
    expect(store.snapshot()).toEqual([]);
    expect([store.contactWrites, store.contactReads]).toEqual([1, 2]);
  });

  it("forgets a contact once its entry is swept", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();
    await store.rememberContact("c-9", "k1", 86_400);

    // Act
    store.expireContact("c-9");

    // Assess
    expect(await store.callerOfContact("c-9")).toBeUndefined();
  });

  it("rejects caller keys in the contact index's key space, as the DynamoDB store does", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();

    // Act & Assess
    await expect(store.find("contact#c-1")).rejects.toThrow(InvalidCallerKeyError);
    await expect(store.save(anAssignment({ callerKey: "contact#c-1" }))).rejects.toThrow(
      InvalidCallerKeyError,
    );
    await expect(store.rememberContact("c-1", "", 1)).rejects.toThrow(InvalidCallerKeyError);
    expect(store.snapshot()).toEqual([]);
  });

  it("fails only the contact index on demand, and heals", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();
    store.failContactIndexWith(new Error("index down"));

    // Act & Assess
    await expect(store.rememberContact("c-1", "k1", 1)).rejects.toThrow("index down");
    await expect(store.callerOfContact("c-1")).rejects.toThrow("index down");
    await expect(store.save(anAssignment())).resolves.toMatchObject({ kind: "created" });
    store.failContactIndexWith(undefined);
    await store.rememberContact("c-1", "k1", 1);
    expect(await store.callerOfContact("c-1")).toBe("k1");
  });

  it("pins, blocks and clears like the DynamoDB store, dropping a record with nothing left", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();

    // Act
    await store.pin("k1", { agentId: "a2", agentArn: "arn:a2", pinnedAt: 5, until: 50 });
    await store.block("k1", ["a3", "a4"]);
    await store.save(anAssignment());
    const afterUnblock = await store.unblock("k1", ["a3"]);
    await store.pin("k2", { agentId: "a2", agentArn: "arn:a2", pinnedAt: 5 });
    const cleared = await store.unpin("k2");

    // Assess
    expect(afterUnblock).toMatchObject({
      pin: { agentId: "a2", until: 50 },
      excludedAgentIds: ["a4"],
      agents: [{ agentId: "a1" }],
    });
    expect(cleared).toBeUndefined();
    expect(store.snapshot().map((record) => record.callerKey)).toEqual(["k1"]);
    await expect(
      store.block(
        "k1",
        Array.from({ length: 20 }, (_, index) => `x${index}`),
      ),
    ).rejects.toThrow(RangeError);
  });

  it("reads several keys at once and remembers every key of a contact", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();
    await store.save(anAssignment());
    await store.rememberContact("c-7", ["k1", "k2", "k1"], 10);

    // Act
    const found = await store.findMany(["k1", "k2"]);

    // Assess
    expect([...found.keys()]).toEqual(["k1"]);
    expect(await store.callerKeysOfContact("c-7")).toEqual(["k1", "k2"]);
  });
});
