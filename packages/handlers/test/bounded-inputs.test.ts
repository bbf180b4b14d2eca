import { createPresenceTableInput } from "@connect-affinity/core/dynamodb";
import {
  type AgentEventJson,
  agentEventBatch,
  connectedToAgentEvent,
  contactFlowEvent,
  withAgentEvent,
} from "@connect-affinity/testing/fixtures";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import { describe, expect, it, vi } from "vitest";
import { handler as agentEvents } from "../src/agent-events.js";
import { handler as contactEvent } from "../src/contact-event.js";
import { InvalidEventError } from "../src/errors.js";
import { handler as nextAgent } from "../src/next-agent.js";
import { handler as record } from "../src/record.js";
import { handler as route } from "../src/route.js";
import { handler as routingCriteria } from "../src/routing-criteria.js";
import { useHarness } from "./helpers/harness.js";

const [sato] = defaultAgents.map((agent) => agent.id) as [string, string, string];
const caller = "+819012345678";
const oneMegabyte = "c".repeat(1_048_576);

const harness = useHarness();
let output: string[] = [];

/** Starts a test whose log lines are kept in `output`. */
async function capture(environment: Readonly<Record<string, string>> = {}): Promise<void> {
  await harness.beforeEach({ POWERTOOLS_LOG_LEVEL: undefined, LOG_LEVEL: "DEBUG", ...environment });
  output = [];
  const keep = (chunk: unknown): boolean => {
    output.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(keep);
  vi.spyOn(process.stderr, "write").mockImplementation(keep);
}

function longestLogLine(): number {
  return Math.max(
    0,
    ...output
      .join("")
      .split("\n")
      .map((line) => line.length),
  );
}

describe("bounded inputs", () => {
  it.each([
    ["route", () => route(contactFlowEvent({ contactId: oneMegabyte, address: caller }))],
    [
      "routing-criteria",
      () => routingCriteria(contactFlowEvent({ contactId: oneMegabyte, address: caller })),
    ],
    [
      "record",
      () =>
        record(
          contactFlowEvent({
            contactId: oneMegabyte,
            address: caller,
            parameters: { agentId: sato },
          }),
        ),
    ],
    [
      "next-agent",
      () => nextAgent(contactFlowEvent({ contactId: oneMegabyte, parameters: { cursor: "x" } })),
    ],
  ])(
    "%s rejects a 1 MB ContactId as INVALID_EVENT, writes nothing, logs a short line",
    async (_name, invoke) => {
      // Prepare
      await capture();

      // Act
      const answer = invoke();

      // Assess
      await expect(answer).rejects.toBeInstanceOf(InvalidEventError);
      await expect(answer).rejects.toThrow(/ContactId/);
      expect(await harness.items()).toEqual([]);
      expect(output.join("")).toContain('"errorCode":"INVALID_EVENT"');
      expect(longestLogLine()).toBeLessThan(4_000);
    },
  );

  it.each([
    ["a 1 MB customerKey parameter", { address: caller, parameters: { customerKey: oneMegabyte } }],
    [
      "a customerKey one character over its limit",
      { address: caller, parameters: { customerKey: "k".repeat(257) } },
    ],
    ["a 1 kB email address", { channel: "EMAIL", address: `${"a".repeat(1_024)}@example.com` }],
  ] as const)("route rejects %s as INVALID_EVENT and writes nothing", async (_name, overrides) => {
    // Prepare
    await capture();

    // Act
    const answer = route(contactFlowEvent({ contactId: "c-1", ...overrides }));

    // Assess
    await expect(answer).rejects.toMatchObject({ code: "INVALID_EVENT" });
    expect(await harness.items()).toEqual([]);
    expect(longestLogLine()).toBeLessThan(4_000);
  });

  it.each([
    ["a 1 kB caller address", { address: `+81${"9".repeat(1_024)}` }],
    ["a 1 MB agentId parameter", { address: caller, parameters: { agentId: oneMegabyte } }],
    [
      "an agentId that is neither a user ID nor an agent ARN",
      { address: caller, parameters: { agentId: "a/b" } },
    ],
  ])("record rejects %s as INVALID_EVENT and writes nothing", async (_name, overrides) => {
    // Prepare
    await capture();

    // Act
    const answer = record(
      contactFlowEvent({ contactId: "c-1", parameters: { agentId: sato }, ...overrides }),
    );

    // Assess
    await expect(answer).rejects.toMatchObject({ code: "INVALID_EVENT" });
    expect(await harness.items()).toEqual([]);
    expect(longestLogLine()).toBeLessThan(4_000);
  });

  it("next-agent rejects a 1 MB cursor as INVALID_CURSOR without quoting it", async () => {
    // Prepare
    await capture();

    // Act
    const answer = nextAgent(
      contactFlowEvent({ contactId: "c-1", parameters: { cursor: oneMegabyte } }),
    );

    // Assess
    await expect(answer).rejects.toMatchObject({ code: "INVALID_CURSOR" });
    expect(longestLogLine()).toBeLessThan(4_000);
  });

  it.each([
    ["a 1 MB contactId", connectedToAgentEvent({ contactId: oneMegabyte })],
    [
      "a 1 MB initialContactId",
      connectedToAgentEvent({ contactId: "c-1", initialContactId: oneMegabyte }),
    ],
    [
      "an agent ARN with a 1 MB agent ID",
      connectedToAgentEvent({
        contactId: "c-1",
        agentArn: `arn:aws:connect:ap-northeast-1:123456789012:instance/5b1e7c3a-2f4d-4e8b-9a61-0c3d2e4f5a6b/agent/${oneMegabyte}`,
      }),
    ],
    ["a contact-flow event", contactFlowEvent({ contactId: "c-1" })],
  ])(
    "contact-event answers %s as handled and rejected, so EventBridge does not retry it",
    async (_name, event) => {
      // Prepare
      await capture();

      // Act
      const outcome = await contactEvent(event);

      // Assess
      expect(outcome).toEqual({ status: "rejected", reason: "invalid-event" });
      expect(await harness.items()).toEqual([]);
      expect(output.join("")).toContain('"message":"Contact event rejected"');
      expect(output.join("")).toContain('"errorCode":"INVALID_EVENT"');
      expect(longestLogLine()).toBeLessThan(4_000);
    },
  );

  it.each([
    [
      "an agent ID of 1 MB",
      (event: AgentEventJson): AgentEventJson => ({
        ...event,
        AgentARN: `arn:aws:connect:ap-northeast-1:123456789012:instance/5b1e7c3a-2f4d-4e8b-9a61-0c3d2e4f5a6b/agent/${oneMegabyte}`,
      }),
    ],
    [
      "a status name of 1 kB",
      (event: AgentEventJson): AgentEventJson => ({
        ...event,
        CurrentAgentSnapshot: {
          ...event.CurrentAgentSnapshot,
          AgentStatus: {
            Name: "B".repeat(1_024),
            Type: "CUSTOM",
            StartTimestamp: "2026-11-24T09:00:00.000Z",
          },
        },
      }),
    ],
  ])(
    "agent-events skips an event with %s and writes the rest of the batch",
    async (_name, change) => {
      // Prepare
      const presenceTable = `presence-bounded-${_name.length}`;
      await harness.dynamoDb.createTable(createPresenceTableInput(presenceTable));
      await capture({ PRESENCE_TABLE_NAME: presenceTable });
      const batch = agentEventBatch();
      const [first, ...rest] = batch.Records;
      if (first === undefined) throw new Error("the fixture has records");

      // Act
      const answer = await agentEvents({ Records: [withAgentEvent(first, change), ...rest] });

      // Assess
      expect(answer).toEqual({ batchItemFailures: [] });
      expect(output.join("")).toContain('"message":"Agent event skipped"');
      expect(longestLogLine()).toBeLessThan(4_000);
      const stored = await harness.dynamoDb.scan(presenceTable);
      expect(stored.length).toBeGreaterThan(1);
    },
  );
});
