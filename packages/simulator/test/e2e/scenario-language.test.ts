import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/runner/run-scenario.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";

const scenario = (name: string): string =>
  fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url));

describe("the scenarios' language", () => {
  it("tells the seed story in Japanese: record answers the callers in Japanese", async () => {
    // Act
    const report = await runScenario(await loadScenario(scenario("seed-story")));

    // Assess
    const heard = report.contacts.flatMap((contact) => contact.messages);
    expect(heard).toContain("担当者にお繋ぎ致しますので少々お待ちください。");
    expect(heard.filter((message) => /[A-Za-z]/.test(message))).toEqual([]);
  });

  it("speaks English in a scenario that does not choose a language", async () => {
    // Act
    const loaded = await loadScenario(scenario("busy-morning"));

    // Assess
    expect(loaded.options.language).toBe("en-US");
  });
});
