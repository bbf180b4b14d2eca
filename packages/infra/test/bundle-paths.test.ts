import { existsSync } from "node:fs";
import { bundles } from "@connect-affinity/handlers/bundles";
import { describe, expect, it } from "vitest";
import { resolveBundlePath, resolveBundlePaths } from "../src/bundle-paths.js";
import { functionNames } from "../src/function-catalog.js";

describe("resolveBundlePaths", () => {
  it("finds the five routing bundles the handlers package builds", () => {
    // Act
    const paths = resolveBundlePaths();

    // Assess
    for (const fn of functionNames) {
      expect(paths[fn]).toBe(bundles[fn]);
      expect(existsSync(paths[fn])).toBe(true);
    }
  });

  it("finds the agent-event consumer bundle the handlers package builds", () => {
    // Act
    const path = resolveBundlePath("agentEvents");

    // Assess
    expect(path).toBe(bundles.agentEvents);
    expect(path).toMatch(/handlers\/dist\/agent-events\.mjs$/);
    expect(existsSync(path)).toBe(true);
  });
});
