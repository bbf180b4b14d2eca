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
      agentId: "a1",
      agentArn: "arn:a1",
      lastContactAt: 1_000,
      lastContactId: "c1",
      contactCount: 1,
      expiresAt: 9_999,
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
    expect(store.snapshot()).toMatchObject([{ agentId: "a2", contactCount: 1 }]);
  });

  it("keeps the first of two different contacts stamped with the same time", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();
    await store.save(anAssignment({ contactId: "c1", at: 2_000 }));

    // Act
    const outcome = await store.save(anAssignment({ contactId: "c2", at: 2_000, agentId: "a2" }));

    // Assess
    expect(outcome).toEqual({ kind: "superseded" });
    expect(store.snapshot()).toMatchObject([{ agentId: "a1", lastContactId: "c1" }]);
  });

  it("counts a contact once when it is recorded twice", async () => {
    // Prepare
    const store = new InMemoryAffinityStore();
    await store.save(anAssignment());

    // Act
    const outcome = await store.save(anAssignment({ agentId: "a2", at: 1_500 }));

    // Assess
    expect(outcome).toMatchObject({ kind: "updated", record: { agentId: "a2", contactCount: 1 } });
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
      { agentId: "a3", contactCount: 2, lastContactAt: 3_000, expiresAt: 20_000 },
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
      { contactId: "c-9", callerKey: "k1", expiresAt: 86_400 },
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
});
