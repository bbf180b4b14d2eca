import { contactFlowEvent } from "@connect-affinity/testing/fixtures";
import { describe, expect, it, vi } from "vitest";
import { handler as route } from "../src/route.js";
import { useHarness } from "./helpers/harness.js";

interface LogLine {
  readonly level?: string;
  readonly message?: string;
  readonly problem?: string;
  readonly users?: number;
  readonly agents?: number;
  readonly skipped?: number;
  readonly suspiciousRefreshes?: number;
}

const harness = useHarness();
let output: string[] = [];

async function capture(environment: Readonly<Record<string, string>> = {}): Promise<void> {
  await harness.beforeEach({ POWERTOOLS_LOG_LEVEL: undefined, LOG_LEVEL: "INFO", ...environment });
  output = [];
  const keep = (chunk: unknown): boolean => {
    output.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(keep);
  vi.spyOn(process.stderr, "write").mockImplementation(keep);
}

function warnings(): readonly LogLine[] {
  return output
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine)
    .filter((line) => line.message === "Agent directory suspicious");
}

describe("loud degradation", () => {
  it("warns once per refresh, and counts it, when the directory is empty", async () => {
    // Prepare
    await capture();
    harness.connect.agents.splice(0);

    // Act: two contacts within one cached roster.
    const first = await route(contactFlowEvent({ contactId: "c-1", address: "+819012345678" }));
    await route(contactFlowEvent({ contactId: "c-2", address: "+819012345678" }));

    // Assess
    expect(first).toMatchObject({ status: "none", reason: "no-routable-agents" });
    expect(warnings()).toEqual([
      expect.objectContaining({
        level: "WARN",
        problem: "empty",
        users: 0,
        agents: 0,
        suspiciousRefreshes: 1,
      }),
    ]);
  });

  it("counts each refresh that finds the directory empty", async () => {
    // Prepare: every contact refreshes the roster.
    await capture({ DIRECTORY_CACHE_TTL_SECONDS: "0" });
    harness.connect.agents.splice(0);

    // Act
    await route(contactFlowEvent({ contactId: "c-1", address: "+819012345678" }));
    await route(contactFlowEvent({ contactId: "c-2", address: "+819012345678" }));

    // Assess
    expect(warnings().map((line) => line.suspiciousRefreshes)).toEqual([1, 2]);
  });

  it("warns when the directory holds users that are no routable agents", async () => {
    // Prepare: a user whose ID no agent ARN can carry.
    await capture();
    harness.connect.agents.push({
      id: "garbled/user",
      username: "garbled",
      routingProfileId: "rp-main",
      state: "available",
    });

    // Act
    await route(contactFlowEvent({ contactId: "c-1", address: "+819012345678" }));

    // Assess
    expect(warnings()).toEqual([
      expect.objectContaining({ problem: "garbled", users: 4, agents: 3, skipped: 1 }),
    ]);
  });
});
