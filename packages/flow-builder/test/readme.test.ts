import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { actionTypes, flowRuleCatalog, flowRules } from "../src/index.js";

const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");

describe("the README", () => {
  it("lists every validation rule with the profile that checks it", () => {
    for (const rule of flowRules) {
      const row = readme.split("\n").find((line) => new RegExp(`^\\| \`${rule}\` +\\|`).test(line));
      expect(row, rule).toBeDefined();
      expect(row?.split("|")[2]?.trim().startsWith(flowRuleCatalog[rule].profile), rule).toBe(true);
    }
  });

  it("names every modelled action type", () => {
    for (const type of actionTypes) expect(readme, type).toContain(`\`${type}\``);
  });
});
