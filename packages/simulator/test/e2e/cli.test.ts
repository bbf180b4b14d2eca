import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const packageDirectory = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(packageDirectory, "dist", "cli.js");

/** Runs the built CLI; resolves with its exit code and output whatever the code. */
async function cliRun(
  args: readonly string[],
): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      cwd: packageDirectory,
      env: { ...process.env, INIT_CWD: packageDirectory },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("the pnpm start CLI", () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "simulator-cli-"));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("tells the default story call by call, then the summary, with every number masked", async () => {
    // Act
    const { code, stdout } = await cliRun([]);

    // Assess
    expect(code).toBe(0);
    expect(stdout).toContain("Scenario seed-story: 8 calls");
    expect(stdout).toMatch(/tanaka\s+\+81\*+78\s+→ sato \(their last agent\)/);
    expect(stdout).toContain("route › =agent › q:sato › avail:yes › record › msg › transfer");
    expect(stdout).toMatch(/Reached their last agent\s+2/);
    expect(stdout).toMatch(/Dead ends\s+0/);
    expect(stdout).not.toMatch(/9012345678|90-1234-5678/);
  });

  it("accepts pnpm's -- before the options and writes the JSON report", async () => {
    // Prepare
    const target = join(directory, "report.json");

    // Act
    const { code, stdout } = await cliRun([
      "--",
      "--scenario",
      "scenarios/routing-criteria.yaml",
      "--quiet",
      "--json",
      target,
    ]);

    // Assess
    expect(code).toBe(0);
    expect(stdout).not.toContain("q:Standard");
    const report = JSON.parse(await readFile(target, "utf8")) as {
      scenario: { name: string };
      contacts: unknown[];
    };
    expect(report.scenario.name).toBe("routing-criteria");
    expect(report.contacts).toHaveLength(8);
  });

  it("exits with 2 and names every bad field of an invalid scenario", async () => {
    // Prepare
    const path = join(directory, "bad.yaml");
    await writeFile(
      path,
      "name: bad\nagents: [{ username: sato }]\ncalls: [{ caller: x, at: -1 }]\n",
    );

    // Act
    const { code, stderr } = await cliRun(["--scenario", path]);

    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain("calls[0].at");
  });
});
