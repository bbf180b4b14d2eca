import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConnectClient, ListUsersCommand } from "@aws-sdk/client-connect";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AgentPresenceState } from "../../src/agent-events/index.js";
import {
  affinityTableDefinition,
  DynamoDbPresenceWriter,
  ensureTable,
} from "../../src/dynamodb/index.js";
import type { CandidateResponse, StickyRouter } from "../../src/index.js";
import { instanceId, userId, userSummary } from "../connect/connect-fixtures.js";
import { type LocalDynamoDb, startLocalDynamoDb } from "../helpers/local-dynamodb.js";

const srcDir = fileURLToPath(new URL("../../src/", import.meta.url));
const adaptersMd = readFileSync(new URL("../../ADAPTERS.md", import.meta.url), "utf8");

/**
 * The "Wiring the router" block of ADAPTERS.md, as a module: the package's import specifiers
 * point at the sources, and the names the test inspects are exported.
 */
function wiringModule(): string {
  const block =
    /<!-- adapters-wiring:start -->\s*```ts\n([\s\S]*?)```\s*<!-- adapters-wiring:end -->/.exec(
      adaptersMd,
    )?.[1];
  if (block === undefined) throw new Error("ADAPTERS.md has no adapters-wiring block");
  const entries: Readonly<Record<string, string>> = {
    "@connect-affinity/core": "index.ts",
    "@connect-affinity/core/connect": "connect/index.ts",
    "@connect-affinity/core/dynamodb": "dynamodb/index.ts",
  };
  const code = block.replace(/from "(@connect-affinity\/core[^"]*)"/g, (_, specifier: string) => {
    const entry = entries[specifier];
    if (entry === undefined) throw new Error(`unexpected import ${specifier}`);
    return `from ${JSON.stringify(join(srcDir, entry))}`;
  });
  return `${code}\nexport { answer, dynamoDb, connect, router };\n`;
}

interface Wired {
  readonly answer: CandidateResponse;
  readonly router: StickyRouter;
  readonly dynamoDb: { destroy(): void };
  readonly connect: { destroy(): void };
}

describe("ADAPTERS.md wiring, run against dynalite", () => {
  let local: LocalDynamoDb;
  let wired: Wired;
  let workDir: string;
  const warnings: unknown[][] = [];
  const connect = mockClient(ConnectClient);

  beforeAll(async () => {
    // Prepare: a local DynamoDB (the helper aims the SDK at it through AWS_ENDPOINT_URL_DYNAMODB),
    // a Connect instance with two agents, and the environment the block reads.
    local = await startLocalDynamoDb();
    Object.assign(process.env, {
      AWS_REGION: "us-east-1",
      CONNECT_INSTANCE: instanceId,
      CALLER_KEY_SECRET: "a-secret-of-at-least-16-characters",
    });
    connect.on(ListUsersCommand).resolves({ UserSummaryList: [userSummary(1), userSummary(2)] });
    vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
      warnings.push(args);
    });
    workDir = mkdtempSync(join(tmpdir(), "adapters-wiring-"));
    const file = join(workDir, "wiring.ts");
    writeFileSync(file, wiringModule());

    // Act: run the block as written.
    wired = (await import(file)) as Wired;
  });

  afterAll(async () => {
    wired?.dynamoDb.destroy();
    wired?.connect.destroy();
    connect.restore();
    vi.restoreAllMocks();
    rmSync(workDir, { recursive: true, force: true });
    await local?.stop();
  });

  it("creates both tables, ACTIVE, despite dynalite's missing UpdateTimeToLive", async () => {
    // Act
    const tables = await Promise.all(
      ["affinity", "presence"].map((TableName) =>
        local.client.send(new DescribeTableCommand({ TableName })),
      ),
    );

    // Assess
    expect(tables.map(({ Table }) => [Table?.TableName, Table?.TableStatus])).toEqual([
      ["affinity", "ACTIVE"],
      ["presence", "ACTIVE"],
    ]);
  });

  it("routes the first contact unverified while the presence table is still empty, and says why", () => {
    // Assess
    expect(wired.answer).toMatchObject({
      status: "agent",
      reason: "new-caller",
      presence: "unverified",
    });
    expect([userId(1), userId(2)]).toContain(wired.answer.agentId);
    expect(warnings).toContainEqual([
      "routing degraded",
      "presence",
      expect.stringMatching(/stale/),
    ]);
  });

  it("routes on presence once the consumer has written it, and brings the caller back to their agent", async () => {
    // Prepare: agent 1 busy on a call, agent 2 free, as the consumer would write them.
    const now = Date.now();
    const state = (index: number, slots: number): AgentPresenceState => ({
      agentId: userId(index),
      agentArn: userSummary(index).Arn ?? "",
      routable: true,
      availableSlots: { VOICE: slots },
      ...(slots > 0 ? { idle: { since: now - 60_000, basis: "observed" as const } } : {}),
      eventType: "STATE_CHANGE",
      eventAt: now,
      routingChange: true,
    });
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName: "presence" });
    await writer.writeAll([state(1, 0), state(2, 1)]);
    const contact = {
      contactId: "c-2",
      channel: "VOICE",
      customerAddress: "+81 80-2345-6789",
    } as const;

    // Act
    const first = await wired.router.route(contact);
    const recorded = await wired.router.record(contact, first.agentId);
    // Agent 2 served c-2 and is idle again: the consumer writes it, which frees c-2's hold.
    const idleAgain = Date.now() + 10;
    await writer.writeAll([
      { ...state(2, 1), idle: { since: idleAgain, basis: "observed" }, eventAt: idleAgain },
    ]);
    const again = await wired.router.route({ ...contact, contactId: "c-3" });

    // Assess
    expect(first).toMatchObject({
      status: "agent",
      agentId: userId(2),
      reason: "new-caller",
      presence: "verified",
    });
    expect(recorded).toMatchObject({ status: "recorded" });
    expect(again).toMatchObject({
      status: "agent",
      agentId: userId(2),
      reason: "returning-caller",
      presence: "verified",
    });
  });

  it("leaves an existing table alone and reports the TTL dynalite cannot keep", async () => {
    // Act
    const ensured = await ensureTable({
      client: local.client,
      tableName: "affinity",
      definition: affinityTableDefinition,
    });

    // Assess
    expect(ensured).toEqual({ tableName: "affinity", created: false, timeToLive: "unsupported" });
  });
});
