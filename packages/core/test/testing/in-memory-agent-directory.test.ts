import { describe, expect, it } from "vitest";
import { DirectoryUnavailableError } from "../../src/index.js";
import { InMemoryAgentDirectory } from "../../src/testing/index.js";

describe("InMemoryAgentDirectory", () => {
  it("serves the agents it was given, replaced by setAgents, and counts calls", async () => {
    // Prepare
    const directory = new InMemoryAgentDirectory([{ id: "a1", arn: "arn:a1" }]);

    // Act
    const before = await directory.roster();
    directory.setAgents([{ id: "a2", arn: "arn:a2" }]);
    const after = await directory.roster();

    // Assess
    expect(before.agents.map((agent) => agent.id)).toEqual(["a1"]);
    expect(after.get("a2")?.arn).toBe("arn:a2");
    expect(after.get("a1")).toBeUndefined();
    expect(directory.calls).toBe(2);
  });

  it("rejects while told to fail, then recovers", async () => {
    // Prepare
    const directory = new InMemoryAgentDirectory([{ id: "a1", arn: "arn:a1" }]);
    directory.failWith(new DirectoryUnavailableError("throttled"));

    // Act & Assess
    await expect(directory.roster()).rejects.toBeInstanceOf(DirectoryUnavailableError);
    directory.failWith(undefined);
    await expect(directory.roster()).resolves.toMatchObject({ agents: [{ id: "a1" }] });
  });
});
