import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lintExitCode, lintFiles, lintReport, messageOf } from "../src/cli/lint-files.js";
import { renderFlow } from "../src/cli/render-file.js";
import { hostFlow } from "./helpers/host-flow.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "flow-builder-lint-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("lintFiles", () => {
  it("checks each file as the type it declares unless told otherwise, and reports what it cannot read", async () => {
    // Prepare
    const inbound = join(dir, "inbound.json");
    const whisper = join(dir, "whisper.json");
    const notes = join(dir, "notes.txt");
    await writeFile(inbound, JSON.stringify(hostFlow()));
    await writeFile(
      whisper,
      JSON.stringify({ Type: "AGENT_WHISPER", Content: JSON.stringify(hostFlow()) }),
    );
    await writeFile(notes, "not a flow");

    // Act
    const results = await lintFiles([inbound, whisper, notes, join(dir, "gone.json")], {
      profile: "service",
    });

    // Assess
    expect(results.map((result) => result.status)).toEqual([
      "checked",
      "checked",
      "unreadable",
      "unreadable",
    ]);
    expect(results[0]).toMatchObject({ flowType: "CONTACT_FLOW", problems: [] });
    expect(results[1]).toMatchObject({ flowType: "AGENT_WHISPER" });
    expect(lintExitCode(results)).toBe(2);
    expect(lintExitCode(results.slice(0, 2))).toBe(1);
    expect(lintExitCode(results.slice(0, 1))).toBe(0);
    const overridden = await lintFiles([whisper], { profile: "strict", flowType: "CONTACT_FLOW" });
    expect(overridden[0]).toMatchObject({ flowType: "CONTACT_FLOW", profile: "strict" });
  });

  it("writes one line per problem naming the action and the rule", async () => {
    const file = join(dir, "whisper.json");
    await writeFile(file, JSON.stringify(hostFlow()));
    const results = await lintFiles([file], { profile: "service", flowType: "AGENT_WHISPER" });
    const report = lintReport(results, (path) => path.replace(`${dir}/`, ""));
    expect(report.split("\n")[0]).toBe(
      "whisper.json: 3 problem(s) (service profile, AGENT_WHISPER)",
    );
    expect(report).toContain(
      '  a0000000-0000-4000-8000-000000000003  [not-allowed-in-flow-type] UpdateContactTargetQueue "a0000000-0000-4000-8000-000000000003" is not allowed in AGENT_WHISPER flows',
    );
  });

  it("names a thrown value's message", () => {
    expect(messageOf(new Error("boom"))).toBe("boom");
    expect(messageOf("plain")).toBe("plain");
  });
});

describe("renderFlow", { timeout: 60_000 }, () => {
  it("draws in each format", async () => {
    expect(await renderFlow(hostFlow(), "mermaid")).toMatch(/^flowchart LR/);
    expect(await renderFlow(hostFlow(), "dot")).toMatch(/^digraph flow \{/);
    expect(await renderFlow(hostFlow(), "svg")).toContain("</svg>");
  });
});
