import { createPresenceTableInput } from "@connect-affinity/core/dynamodb";
import {
  agentEventBatch,
  contactFlowEvent,
  withAgentEvent,
} from "@connect-affinity/testing/fixtures";
import { describe, expect, it, vi } from "vitest";
import { handler as agentEvents } from "../src/agent-events.js";
import { handler as nextAgent } from "../src/next-agent.js";
import { useHarness } from "./helpers/harness.js";

const harness = useHarness();
let output: string[] = [];

/** Starts a test whose log lines (at DEBUG) are kept in `output`. */
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

/** The log lines' digits, full-width ones as ASCII, nothing else. */
function loggedDigits(): string {
  return output
    .join("")
    .replace(/[\uff10-\uff19]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/\D/g, "");
}

const cursorQuoting = (value: string): string =>
  Buffer.from(JSON.stringify({ v: value }), "utf8").toString("base64url");

describe("masking in the handlers' log lines", () => {
  it.each([
    ["the national form", "819024681357", "90246813"],
    ["the domestic form", "09024681357", "0246813"],
    ["full-width digits", "０９０２４６８１３５７", "0246813"],
    ["the 00 prefix", "00819024681357", "819024681"],
    ["a US number", "1 (415) 867-5309", "4158675"],
  ])("mask %s inside a cursor quoted in an error line", async (_form, value, middle) => {
    // Prepare
    await capture();

    // Act
    const answer = nextAgent(
      contactFlowEvent({ contactId: "c-mask", parameters: { cursor: cursorQuoting(value) } }),
    );

    // Assess
    await expect(answer).rejects.toMatchObject({ code: "INVALID_CURSOR" });
    expect(output.join("")).toContain('"errorCode":"INVALID_CURSOR"');
    expect(loggedDigits()).not.toContain(middle);
  });

  it.each([["a 200 kB value that is no ARN", "+819024681357 ".repeat(15_000)]])(
    "skip %s with a short warning that quotes none of it at length",
    async (_case, agentArn) => {
      // Prepare
      const presenceTable = `presence-masking-${agentArn.length}`;
      await harness.dynamoDb.createTable(createPresenceTableInput(presenceTable));
      await capture({ PRESENCE_TABLE_NAME: presenceTable });
      const [first] = agentEventBatch().Records;
      if (first === undefined) throw new Error("the fixture has records");
      const huge = withAgentEvent(first, (event) => ({ ...event, AgentARN: agentArn }));

      // Act
      const answer = await agentEvents({ Records: [huge] });

      // Assess
      expect(answer).toEqual({ batchItemFailures: [] });
      const lines = output.join("").split("\n");
      const warning = lines.find((line) => line.includes("Agent event skipped"));
      expect(warning).toBeDefined();
      expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(2_000);
      expect(loggedDigits()).not.toContain("90246813");
    },
  );
});
