import { type AttributeValue, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardOf } from "../../src/domain/agent-index-layout.js";
import type { AgentPresenceState } from "../../src/domain/agent-presence-state.js";
import {
  createPresenceTableInput,
  DynamoDbAgentIndex,
  DynamoDbPresenceWriter,
  DynamoDbSharedRoster,
} from "../../src/dynamodb/index.js";
import {
  type Agent,
  type DirectoryPage,
  type DirectoryPages,
  InvalidOptionError,
  RosterRefresher,
} from "../../src/index.js";
import { ManualClock } from "../../src/testing/index.js";
import { type LocalDynamoDb, startLocalDynamoDb } from "../helpers/local-dynamodb.js";

/** One attribute of a stored item, by name. */
function attribute(
  item: Record<string, AttributeValue> | undefined,
  name: string,
): AttributeValue | undefined {
  return item?.[name];
}

const start = Date.parse("2026-11-24T18:00:00.000Z");
const instance = "arn:aws:connect:eu-west-2:111122223333:instance/i-1";
let local: LocalDynamoDb;
let tableSequence = 0;

beforeAll(async () => {
  local = await startLocalDynamoDb();
});

afterAll(async () => {
  await local.stop();
});

const agentOf = (id: string): Agent => ({ id, arn: `${instance}/agent/${id}` });

/** A directory of `ids`, `pageSize` a page, that can be told to throttle. */
class FakeDirectory implements DirectoryPages {
  calls = 0;
  throttleFrom: number | undefined;
  constructor(
    public ids: string[],
    private readonly pageSize: number,
  ) {}

  async page(nextToken: string | undefined): Promise<DirectoryPage> {
    this.calls += 1;
    if (this.throttleFrom !== undefined && this.calls >= this.throttleFrom) {
      throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
    }
    const from = nextToken === undefined ? 0 : Number(nextToken);
    const to = from + this.pageSize;
    return {
      agents: this.ids.slice(from, to).map(agentOf),
      nextToken: to < this.ids.length ? String(to) : undefined,
    };
  }
}

async function aSetup(ids: string[], pageSize = 1_000, options = {}) {
  tableSequence += 1;
  const tableName = `roster-${tableSequence}`;
  await local.createTable(createPresenceTableInput(tableName));
  const clock = new ManualClock(start);
  const directory = new FakeDirectory(ids, pageSize);
  const roster = new DynamoDbSharedRoster({ client: local.client, tableName, clock });
  const sleeps: number[] = [];
  const refresher = new RosterRefresher(
    {
      pages: directory,
      roster,
      clock,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    },
    options,
  );
  const writer = new DynamoDbPresenceWriter({ client: local.client, tableName, shards: 1, clock });
  const index = new DynamoDbAgentIndex({ client: local.client, tableName, clock, statusTtlMs: 1 });
  return { tableName, clock, directory, roster, refresher, writer, index, sleeps };
}

function idle(agentId: string, at: number, overrides: Partial<AgentPresenceState> = {}) {
  return {
    agentId,
    agentArn: `${instance}/agent/${agentId}`,
    routable: true,
    availableSlots: { VOICE: 1 },
    idle: { since: at, basis: "observed" as const },
    eventType: "STATE_CHANGE" as const,
    eventAt: at,
    listed: true,
    routingChange: true,
    ...overrides,
  } satisfies AgentPresenceState;
}

describe("RosterRefresher on the presence table", () => {
  it("adds the directory's agents the stream has not seen, and unlists those it lost", async () => {
    // Prepare: the stream knows a-1 (free) and gone-1; the directory has a-1 and new-1.
    const { refresher, writer, index, clock, roster } = await aSetup(["a-1", "new-1"]);
    await writer.writeAll([idle("a-1", start - 60_000), idle("gone-1", start - 60_000)]);

    // Act
    const summary = await refresher.run();

    // Assess
    expect(summary).toEqual({
      outcome: "completed",
      pagesRead: 1,
      agents: 2,
      added: 1,
      unlisted: 1,
      reindexed: 0,
      skipped: 0,
      withheld: 0,
    });
    expect(await index.agent("new-1")).toEqual({
      kind: "listed",
      agent: agentOf("new-1"),
      availability: { routable: false, availableSlots: {} },
    });
    expect(await index.agent("gone-1")).toEqual({ kind: "unlisted" });
    const shard = await index.available("VOICE", 0, 20);
    expect(shard.kind === "known" && shard.agents.map((entry) => entry.agent.id)).toEqual(["a-1"]);
    // The roster is now complete: an agent the table does not know is not an agent.
    clock.advance(10);
    expect(await index.agent("nobody")).toEqual({ kind: "unlisted" });
    expect(await roster.progress()).toEqual({ completedAt: start });
  });

  it("reads nothing until the interval has passed since the last refresh", async () => {
    // Prepare
    const { refresher, directory, clock } = await aSetup(["a-1"], 1_000, { intervalMinutes: 15 });
    await refresher.run();

    // Act
    clock.advance(14 * 60_000);
    const early = await refresher.run();
    clock.advance(60_000);
    const due = await refresher.run();

    // Assess
    expect(early).toEqual({ outcome: "not-due", nextAt: start + 15 * 60_000 });
    expect(due.outcome).toBe("completed");
    expect(directory.calls).toBe(2);
  });

  it("reads a large directory over several runs, a second apart within a run, and reconciles once complete", async () => {
    // Prepare: 2,500 users, 1,000 a page, 2 pages a run.
    const ids = Array.from({ length: 2_500 }, (_, n) => `user-${String(n).padStart(4, "0")}`);
    const { refresher, directory, sleeps, index, clock } = await aSetup(ids, 1_000, {
      maxPagesPerRun: 2,
    });

    // Act
    const first = await refresher.run();
    clock.advance(60_000);
    const second = await refresher.run();
    clock.advance(10);

    // Assess
    expect(first).toEqual({ outcome: "in-progress", pagesRead: 2, pagesStored: 2 });
    expect(second).toMatchObject({
      outcome: "completed",
      pagesRead: 1,
      agents: 2_500,
      added: 2_500,
    });
    expect(directory.calls).toBe(3);
    // Within a run, requests at least a second apart (one request a second at most).
    expect(sleeps).toEqual([1_000]);
    expect(await index.agent("user-0007")).toMatchObject({ kind: "listed" });
    expect(await index.agent("user-2499")).toMatchObject({ kind: "listed" });
    // 2,500 writes to dynalite: generous on a shared machine.
  }, 120_000);

  it("keeps the pages read before a throttle and resumes after them, unlisting nobody meanwhile", async () => {
    // Prepare
    const ids = ["a", "b", "c", "d", "e"];
    const { refresher, directory, writer, index, clock } = await aSetup(ids, 2);
    await writer.writeAll(["a", "b", "c", "stale"].map((id) => idle(id, start - 60_000)));
    directory.throttleFrom = 2;

    // Act
    const interrupted = await refresher.run();
    directory.throttleFrom = undefined;
    clock.advance(60_000);
    const resumed = await refresher.run();

    // Assess
    expect(interrupted).toMatchObject({
      outcome: "interrupted",
      pagesRead: 1,
      reason: "throttled",
    });
    expect(resumed).toMatchObject({ outcome: "completed", pagesRead: 2, agents: 5, unlisted: 1 });
    // The resumed run started after the stored page: 1 + 1 throttled + 2.
    expect(directory.calls).toBe(4);
    clock.advance(10);
    expect(await index.agent("stale")).toEqual({ kind: "unlisted" });
  });

  it("unlists nobody when the directory answers empty, or would lose most of the floor, and says why", async () => {
    // Prepare
    const empty = await aSetup([]);
    await empty.writer.writeAll([idle("a-1", start), idle("a-2", start)]);
    const shrunk = await aSetup(["a-1"]);
    await shrunk.writer.writeAll(["a-1", "a-2", "a-3", "a-4"].map((id) => idle(id, start)));

    // Act
    const emptySummary = await empty.refresher.run();
    const shrunkSummary = await shrunk.refresher.run();

    // Assess
    expect(emptySummary).toMatchObject({ warning: "empty-directory", unlisted: 0, withheld: 2 });
    expect(shrunkSummary).toMatchObject({ warning: "too-many-removals", unlisted: 0, withheld: 3 });
    expect(await shrunk.index.agent("a-4")).toMatchObject({ kind: "listed" });
  });

  it("puts back in the index an agent whose reservation never reached them", async () => {
    // Prepare
    const { refresher, writer, index, clock, tableName } = await aSetup(["a-1"]);
    await writer.writeAll([idle("a-1", start - 60_000)]);
    await index.reserve("a-1", "contact-1", start + 5_000, "VOICE");
    clock.advance(5 * 60_000);

    // Act
    const summary = await refresher.run();
    const shard = await index.available("VOICE", 0, 20);

    // Assess
    expect(summary).toMatchObject({ reindexed: 1 });
    expect(shard.kind === "known" && shard.agents.map((entry) => entry.agent.id)).toEqual(["a-1"]);
    const { Item } = await local.client.send(
      new GetItemCommand({ TableName: tableName, Key: { agentId: { S: "a-1" } } }),
    );
    expect(attribute(Item, "availVOICE")).toEqual({ S: String(shardOf("a-1", 1)) });
  });

  it("reads and completes nothing when the run has no time left for a request", async () => {
    // Prepare
    const { refresher, directory, roster } = await aSetup(["a-1"]);

    // Act
    const summary = await refresher.run({ stopReadingAt: start });

    // Assess
    expect(summary).toEqual({ outcome: "in-progress", pagesRead: 0, pagesStored: 0 });
    expect(directory.calls).toBe(0);
    expect(await roster.progress()).toEqual({});
  });

  it("refuses options out of range", () => {
    // Prepare
    const pages = new FakeDirectory([], 1);
    const roster = new DynamoDbSharedRoster({ client: local.client, tableName: "t-x" });
    const deps = { pages, roster, clock: new ManualClock(start), sleep: async () => {} };

    // Assess
    expect(() => new RosterRefresher(deps, { maxPagesPerRun: 0 })).toThrow(InvalidOptionError);
    expect(() => new RosterRefresher(deps, { requestSpacingMs: -1 })).toThrow(InvalidOptionError);
    expect(() => new RosterRefresher(deps, { intervalMinutes: 1_441 })).toThrow(InvalidOptionError);
    expect(() => new RosterRefresher(deps, { maxPageRun: 1 } as never)).toThrow(InvalidOptionError);
  });
});
