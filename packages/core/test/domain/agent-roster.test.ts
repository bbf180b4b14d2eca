import { describe, expect, it } from "vitest";
import { createAgentRoster } from "../../src/index.js";
import { anAgent } from "./agents.js";

describe("createAgentRoster", () => {
  it("finds agents by Connect user ID", () => {
    // Prepare
    const roster = createAgentRoster([anAgent("a1"), anAgent("a2")]);

    // Act & Assess
    expect(roster.get("a2")).toEqual(anAgent("a2"));
    expect(roster.get("nobody")).toBeUndefined();
  });

  it("lists an agent returned twice only once, keeping the first entry", () => {
    // Prepare
    const first = anAgent("a1", { username: "first" });
    const roster = createAgentRoster([first, anAgent("a2"), anAgent("a1", { username: "again" })]);

    // Assess
    expect(roster.agents.map((agent) => agent.id)).toEqual(["a1", "a2"]);
    expect(roster.get("a1")?.username).toBe("first");
  });
});
