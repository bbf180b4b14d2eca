import { closedEndpoint } from "@connect-affinity/testing";
import { contactFlowEvent } from "@connect-affinity/testing/fixtures";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import { describe, expect, it, vi } from "vitest";
import { handler as nextAgent } from "../src/next-agent.js";
import { handler as record } from "../src/record.js";
import { handler as route } from "../src/route.js";
import { useHarness } from "./helpers/harness.js";

interface LogLine {
  readonly level?: string;
  readonly message?: string;
  readonly contactId?: string;
  readonly caller?: string;
  readonly errorCode?: string;
}

const caller = "+819012345678";
const digits = "9012345678";

const harness = useHarness();
let output: string[] = [];

function logLines(): readonly LogLine[] {
  return (
    output
      .join("")
      .split("\n")
      // Node's own warnings (the SDK's NodeVersionSupportWarning) are not log lines.
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as LogLine)
  );
}

describe("logs", () => {
  async function capture(environment: Record<string, string>): Promise<void> {
    await harness.beforeEach({
      POWERTOOLS_LOG_LEVEL: undefined,
      LOG_LEVEL: "DEBUG",
      ...environment,
    });
    output = [];
    const keep = (chunk: unknown): boolean => {
      output.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, "write").mockImplementation(keep);
    vi.spyOn(process.stderr, "write").mockImplementation(keep);
  }

  it("tag every line with the contact and never show the caller's number", async () => {
    // Prepare
    await capture({});

    // Act
    await record(
      contactFlowEvent({
        contactId: "c-log-1",
        address: caller,
        parameters: { agentId: defaultAgents[0]?.id },
      }),
    );
    await route(contactFlowEvent({ contactId: "c-log-2", address: caller }));

    // Assess
    const lines = logLines();
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(output.join("")).not.toContain(digits);
    expect(lines.map((line) => line.contactId)).toEqual(
      expect.arrayContaining(["c-log-1", "c-log-2"]),
    );
    expect(lines.every((line) => line.contactId !== undefined)).toBe(true);
    expect(lines).toContainEqual(expect.objectContaining({ caller: "+81********78" }));
    expect(lines).toContainEqual(
      expect.objectContaining({ message: "route answered", level: "INFO" }),
    );
  });

  it("report a failure with its code, still without the number", async () => {
    // Prepare
    await capture({ AWS_ENDPOINT_URL_DYNAMODB: await closedEndpoint() });

    // Act
    await expect(
      record(
        contactFlowEvent({
          contactId: "c-log-3",
          address: caller,
          parameters: { agentId: defaultAgents[0]?.id },
        }),
      ),
    ).rejects.toThrow();
    await expect(
      nextAgent(contactFlowEvent({ contactId: "c-log-4", address: caller })),
    ).rejects.toThrow();

    // Assess
    expect(output.join("")).not.toContain(digits);
    expect(logLines()).toContainEqual(
      expect.objectContaining({
        level: "ERROR",
        contactId: "c-log-4",
        errorCode: "MISSING_PARAMETER",
      }),
    );
    expect(logLines()).toContainEqual(
      expect.objectContaining({ level: "ERROR", contactId: "c-log-3", message: "record failed" }),
    );
  });
});
