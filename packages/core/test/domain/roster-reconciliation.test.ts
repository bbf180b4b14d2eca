import { describe, expect, it } from "vitest";
import { shardOf } from "../../src/domain/agent-index-layout.js";
import { type RosterEntry, reconcileRoster } from "../../src/domain/roster-reconciliation.js";
import { anAgent } from "./agents.js";

const now = 1_000_000;
const layout = { shards: 4, channels: ["VOICE" as const] };
const idleFree = { routable: true, availableSlots: { VOICE: 1 }, idleSince: now - 60_000 };

type EntryOverrides = { [K in keyof RosterEntry]?: RosterEntry[K] | undefined };

/** An entry (listed, idle, indexed nowhere) with `overrides`; an override of `undefined` removes the field. */
function entry(agentId: string, overrides: EntryOverrides = {}): RosterEntry {
  const merged: Record<string, unknown> = {
    agentId,
    listed: true,
    availability: idleFree,
    readySince: idleFree.idleSince,
    indexed: {},
    signature: "r1l1i1V1",
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(merged).filter(([, value]) => value !== undefined),
  ) as unknown as RosterEntry;
}

const inIndex = (agentId: string) => ({ VOICE: String(shardOf(agentId, 4)) });

function reconcile(directory: string[], entries: RosterEntry[], grace = 60_000) {
  return reconcileRoster({
    directory: directory.map((id) => anAgent(id)),
    entries,
    layout,
    now,
    reservationGraceMs: grace,
  });
}

describe("reconcileRoster", () => {
  it("changes nothing when the stored roster matches the directory", () => {
    expect(reconcile(["a"], [entry("a", { indexed: inIndex("a") })])).toEqual([]);
  });

  it("adds the agents the stream has not seen, and unlists those the directory lost", () => {
    // Act
    const changes = reconcile(["a", "new"], [entry("a", { indexed: inIndex("a") }), entry("gone")]);

    // Assess
    expect(changes).toEqual([
      { kind: "add", agent: anAgent("new") },
      { kind: "unlist", agentId: "gone" },
    ]);
  });

  it("leaves an unlisted entry of a user still missing alone, and lists it again once back", () => {
    // Prepare
    const unlisted = entry("back", { listed: false });

    // Act
    const still = reconcile([], [unlisted]);
    const back = reconcile(["back"], [unlisted]);

    // Assess
    expect(still).toEqual([]);
    expect(back).toEqual([
      {
        kind: "reindex",
        agentId: "back",
        relist: true,
        index: [{ channel: "VOICE", shard: String(shardOf("back", 4)) }],
        drop: [],
        signature: "r1l1i1V1",
      },
    ]);
  });

  it("puts back an agent a reservation took out, once it expired more than the grace ago", () => {
    // Prepare
    const reserved = (until: number) =>
      entry("a", {
        availability: {
          ...idleFree,
          reservedUntil: until,
          reservedBy: "c-1",
          reservedAt: until - 5_000,
        },
      });

    // Act
    const recent = reconcile(["a"], [reserved(now - 30_000)]);
    const stranded = reconcile(["a"], [reserved(now - 90_000)]);

    // Assess
    expect(recent).toEqual([]);
    expect(stranded).toMatchObject([
      { kind: "reindex", agentId: "a", relist: false, index: [{ channel: "VOICE" }] },
    ]);
  });

  it("moves entries to the shard the current count gives, and drops channels no longer indexed", () => {
    // Prepare
    const wrongShard = String((shardOf("a", 4) + 1) % 4);

    // Act
    const changes = reconcile(
      ["a", "b"],
      [
        entry("a", { indexed: { VOICE: wrongShard } }),
        entry("b", { indexed: { ...inIndex("b"), CHAT: "0" } }),
      ],
    );

    // Assess
    expect(changes).toMatchObject([
      {
        kind: "reindex",
        agentId: "a",
        index: [{ channel: "VOICE", shard: String(shardOf("a", 4)) }],
      },
      { kind: "reindex", agentId: "b", index: [], drop: ["CHAT"] },
    ]);
  });

  it("takes a busy agent out of an index it should not be in, and stores readySince when missing", () => {
    // Act
    const changes = reconcile(
      ["busy", "old"],
      [
        entry("busy", {
          availability: { routable: true, availableSlots: { VOICE: 0 } },
          indexed: inIndex("busy"),
        }),
        entry("old", {
          signature: undefined,
          readySince: undefined,
          availability: { routable: true, availableSlots: { VOICE: 1 } },
        }),
      ],
    );

    // Assess
    expect(changes).toMatchObject([
      { kind: "reindex", agentId: "busy", drop: ["VOICE"] },
      { kind: "reindex", agentId: "old", readySince: now, signature: undefined },
    ]);
  });

  it("repairs no index before the consumer has published one", () => {
    // Act
    const changes = reconcileRoster({
      directory: [anAgent("a")],
      entries: [entry("a", { listed: false })],
      layout: undefined,
      now,
      reservationGraceMs: 0,
    });

    // Assess
    expect(changes).toEqual([
      { kind: "reindex", agentId: "a", relist: true, index: [], drop: [], signature: "r1l1i1V1" },
    ]);
  });
});
