import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load-scenario.js";

const scenario = (name: string): string =>
  fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url));

describe("the scenarios' language", () => {
  it("is Japanese for the seed story, as the original article tells it", async () => {
    // Act
    const loaded = await loadScenario(scenario("seed-story"));

    // Assess
    expect(loaded.options.language).toBe("ja-JP");
  });

  it("is English in a scenario that does not choose one", async () => {
    // Act
    const loaded = await loadScenario(scenario("busy-morning"));

    // Assess
    expect(loaded.options.language).toBe("en-US");
  });
});
