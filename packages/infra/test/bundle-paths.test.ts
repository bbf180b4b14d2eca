import { existsSync } from "node:fs";
import { deployedFunctions } from "@connect-affinity/handlers/manifest";
import { describe, expect, it } from "vitest";
import { resolveBundlePath, resolveBundlePaths } from "../src/bundle-paths.js";
import { functionNames } from "../src/function-catalog.js";

describe("resolveBundlePaths", () => {
  it("finds the five routing bundles the handlers package builds", () => {
    // Act
    const paths = resolveBundlePaths();

    // Assess
    for (const fn of functionNames) {
      expect(paths[fn]).toBe(deployedFunctions[fn].bundlePath);
      expect(existsSync(paths[fn])).toBe(true);
    }
  });

  it("finds the agent-event consumer bundle the handlers package builds", () => {
    // Act
    const path = resolveBundlePath("agentEvents");

    // Assess
    expect(path).toBe(deployedFunctions.agentEvents.bundlePath);
    expect(path).toMatch(/handlers\/dist\/agent-events\.mjs$/);
    expect(existsSync(path)).toBe(true);
  });
});
