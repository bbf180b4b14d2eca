import { describe, expect, it } from "vitest";
import { matchesDirectoryFilter } from "../../src/domain/directory-filter.js";

describe("matchesDirectoryFilter", () => {
  it("lets everyone through without a filter", () => {
    expect(matchesDirectoryFilter(undefined, { hierarchyGroupIds: [] })).toBe(true);
    expect(matchesDirectoryFilter({}, { hierarchyGroupIds: [] })).toBe(true);
  });

  it("matches the routing profile, and cannot tell without one", () => {
    // Prepare
    const filter = { routingProfileIds: ["rp-1", "rp-2"] };

    // Assess
    expect(
      matchesDirectoryFilter(filter, { routingProfileId: "rp-2", hierarchyGroupIds: [] }),
    ).toBe(true);
    expect(
      matchesDirectoryFilter(filter, { routingProfileId: "rp-3", hierarchyGroupIds: [] }),
    ).toBe(false);
    expect(matchesDirectoryFilter(filter, { hierarchyGroupIds: [] })).toBeUndefined();
  });

  it("matches the agent's own group exactly, or any of its ancestors with child groups", () => {
    // Prepare: the agent sits in emea → uk → london.
    const placement = { hierarchyGroupIds: ["emea", "uk", "london"] };

    // Assess
    expect(matchesDirectoryFilter({ hierarchyGroupIds: ["london"] }, placement)).toBe(true);
    expect(matchesDirectoryFilter({ hierarchyGroupIds: ["uk"] }, placement)).toBe(false);
    expect(
      matchesDirectoryFilter({ hierarchyGroupIds: ["uk"], includeChildGroups: true }, placement),
    ).toBe(true);
    expect(matchesDirectoryFilter({ hierarchyGroupIds: ["uk"] }, { hierarchyGroupIds: [] })).toBe(
      false,
    );
  });

  it("needs both the routing profile and the group when both are filtered", () => {
    // Prepare
    const filter = { routingProfileIds: ["rp-1"], hierarchyGroupIds: ["uk"] };

    // Assess
    expect(
      matchesDirectoryFilter(filter, { routingProfileId: "rp-1", hierarchyGroupIds: ["uk"] }),
    ).toBe(true);
    expect(
      matchesDirectoryFilter(filter, { routingProfileId: "rp-1", hierarchyGroupIds: ["fr"] }),
    ).toBe(false);
    expect(
      matchesDirectoryFilter(filter, { routingProfileId: "rp-9", hierarchyGroupIds: ["uk"] }),
    ).toBe(false);
  });
});
