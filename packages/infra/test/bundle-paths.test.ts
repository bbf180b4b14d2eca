import { existsSync } from "node:fs";
import { bundles } from "@connect-affinity/handlers/bundles";
import { describe, expect, it } from "vitest";
import { resolveBundlePaths } from "../src/bundle-paths.js";
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
});
