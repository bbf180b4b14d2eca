import { describe, expect, it } from "vitest";
import { shardOf } from "../../src/domain/agent-index-layout.js";
import { InvalidOptionError } from "../../src/index.js";
import { InMemoryAgentIndex, ManualClock } from "../../src/testing/index.js";

const agent = (id: string) => ({ id, arn: `arn:aws:connect:r:1:instance/i/agent/${id}` });
const idleSince = (since: number) => ({
  routable: true,
  availableSlots: { VOICE: 1 },
  idleSince: since,
});

describe("InMemoryAgentIndex", () => {
  it("keeps each shard sorted by idle time, and a reserved agent out until described again", async () => {
    // Prepare
    const clock = new ManualClock(1_000);
    const index = new InMemoryAgentIndex(clock, { shards: 1 });
    index.setAgent(agent("late"), idleSince(900));
    index.setAgent(agent("early"), idleSince(100));
    index.setAgent(agent("busy"), { routable: true, availableSlots: { VOICE: 0 } });

    // Act
    const before = await index.available("VOICE", 0, 10);
    const reserved = await index.reserve("early", "c-1", 5_000, "VOICE");
    const taken = await index.reserve("early", "c-2", 5_000, "VOICE");
    const after = await index.available("VOICE", 0, 10);
    index.setAgent(agent("early"), idleSince(2_000));
    const again = await index.available("VOICE", 0, 10);

    // Assess
    expect(before.kind === "known" && before.agents.map((entry) => entry.agent.id)).toEqual([
      "early",
      "late",
    ]);
    expect([reserved, taken]).toEqual(["reserved", "taken"]);
    expect(after.kind === "known" && after.agents.map((entry) => entry.agent.id)).toEqual(["late"]);
    expect(again.kind === "known" && again.agents.map((entry) => entry.agent.id)).toEqual([
      "late",
      "early",
    ]);
    expect(index.reservations).toEqual([{ agentId: "early", contactId: "c-1" }]);
  });

  it("answers entries, status and failures like the presence table's index", async () => {
    // Prepare
    const index = new InMemoryAgentIndex(new ManualClock(0), { shards: 4, rosterComplete: false });
    index.setAgent(agent("a"), idleSince(0));
    index.setAgent(agent("never-seen"));
    index.unlist("never-seen");

    // Act
    const status = await index.status();
    const listed = await index.agent("a");
    const unlisted = await index.agent("never-seen");
    const unknown = await index.agent("nobody");
    const inShard = await index.available("VOICE", shardOf("a", 4), 10);
    index.failWith("throttled");
    const failed = await index.available("VOICE", 0, 10);

    // Assess
    expect(status).toEqual({
      kind: "ready",
      shards: 4,
      channels: ["VOICE"],
      current: true,
      rosterComplete: false,
    });
    expect(listed).toMatchObject({ kind: "listed", agent: agent("a") });
    expect(unlisted).toEqual({ kind: "unlisted" });
    expect(unknown).toEqual({ kind: "unknown", reason: "stale" });
    expect(inShard.kind === "known" && inShard.agents).toHaveLength(1);
    expect(failed).toEqual({ kind: "unknown", reason: "throttled" });
    expect(index.calls).toEqual({ status: 1, agent: 3, available: 2, reserve: 0 });
  });

  it("refuses a shard count or channel it cannot keep", () => {
    expect(() => new InMemoryAgentIndex(new ManualClock(0), { shards: 0 })).toThrow(
      InvalidOptionError,
    );
    expect(
      () => new InMemoryAgentIndex(new ManualClock(0), { channels: ["FAX" as never] }),
    ).toThrow(InvalidOptionError);
  });
});
