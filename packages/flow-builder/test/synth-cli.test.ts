import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { synthFlows } from "../src/cli/synth.js";
import { findWorkspaceRoot } from "../src/cli/workspace-root.js";
import {
  flowVariants,
  placeholderCustomerQueueFlowArn,
  placeholderQueueArns,
  validateFlow,
} from "../src/index.js";
import { flowOptions } from "./helpers/flow-options-factory.js";

const run = promisify(execFile);
const packageDirectory = fileURLToPath(new URL("..", import.meta.url));
const cli = join(packageDirectory, "dist", "cli.js");

let outDir: string;

beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), "flow-builder-synth-"));
});

afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe("synthFlows", { timeout: 60_000 }, () => {
  it("writes the JSON, Mermaid and SVG of every variant and reports their action counts", async () => {
    // Act
    const results = await synthFlows(outDir, flowVariants, flowOptions());

    // Assess
    // The agent-queue flow's customer queue flow (which bounds every stay in an agent's queue).
    expect(results.map((result) => result.variant)).toEqual([...flowVariants, "customer-queue"]);
    for (const result of results) {
      if (result.status !== "written") throw new Error(`${result.variant} failed`);
      expect(result.problems).toEqual([]);
      const flow = JSON.parse(await readFile(join(outDir, `${result.variant}.json`), "utf8"));
      const flowType = result.variant === "customer-queue" ? "CUSTOMER_QUEUE" : "CONTACT_FLOW";
      expect(validateFlow(flow, { profile: "strict", flowType })).toEqual([]);
      expect(flow.Actions).toHaveLength(result.actionCount);
      expect(await readFile(join(outDir, `${result.variant}.mmd`), "utf8")).toMatch(
        /^flowchart LR/,
      );
      expect(await readFile(join(outDir, `${result.variant}.svg`), "utf8")).toContain("</svg>");
    }
  });

  it("reports options a generator rejects without writing that flow", async () => {
    const { standardQueueArn: _unused, ...options } = flowOptions();
    const results = await synthFlows(outDir, ["routing-criteria"], options);
    expect(results).toEqual([
      {
        variant: "routing-criteria",
        status: "failed",
        error: expect.stringContaining("standardQueueArn: required by the routing-criteria flow"),
      },
    ]);
  });
});

describe("the synth command", { timeout: 60_000 }, () => {
  it("prints one line per file with the action count and exits 0", async () => {
    // Act
    const { stdout } = await run(process.execPath, [cli, "synth", "--out", outDir], {
      cwd: packageDirectory,
      env: { ...process.env, INIT_CWD: outDir },
    });

    // Assess
    // The agent-queue flow with the default 10 s wait, and its customer queue flow.
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(9);
    expect(lines).toContain("agent-queue.json  21 actions");
    expect(lines).toContain("agent-queue.svg  21 actions");
    expect(lines).toContain("customer-queue.json  7 actions");
    expect(lines).toContain("routing-criteria.mmd  54 actions");
  });

  it("writes the customer queue flow too when the wait is on, and the agent-queue flow sets it", async () => {
    // Act
    const { stdout } = await run(
      process.execPath,
      [cli, "synth", "--out", outDir, "--preferred-wait", "30"],
      { cwd: packageDirectory, env: { ...process.env, INIT_CWD: outDir } },
    );

    // Assess
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(9);
    expect(lines).toContain("customer-queue.json  7 actions");
    const queueFlow = JSON.parse(await readFile(join(outDir, "customer-queue.json"), "utf8"));
    expect(validateFlow(queueFlow, { flowType: "CUSTOMER_QUEUE", profile: "strict" })).toEqual([]);
    const agentQueue = await readFile(join(outDir, "agent-queue.json"), "utf8");
    expect(agentQueue).toContain(`"CustomerQueue": "${placeholderCustomerQueueFlowArn}"`);
  });

  it("uses the ARNs it is given", async () => {
    const queue = placeholderQueueArns.fallback;
    await run(
      process.execPath,
      [
        cli,
        "synth",
        "--out",
        outDir,
        "--variant",
        "agent-queue",
        "--fallback-queue-arn",
        queue,
        "--max-attempts",
        "3",
        "--language",
        "en-US",
      ],
      { cwd: packageDirectory },
    );
    const flow = await readFile(join(outDir, "agent-queue.json"), "utf8");
    expect(flow).toContain(`"QueueId": "${queue}"`);
    expect(flow).toContain('"LoopCount": "2"');
    expect(flow).toContain('"TextToSpeechVoice": "Joanna"');
  });

  it("exits non-zero and says why when an option is invalid", async () => {
    const failure = await run(
      process.execPath,
      [cli, "synth", "--out", outDir, "--route-arn", "not-an-arn"],
      {
        cwd: packageDirectory,
      },
    ).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain("lambdaArns.route: must be a Lambda function ARN");
  });

  it("writes to out/flows at the repository root by default", () => {
    expect(findWorkspaceRoot(packageDirectory)).toBe(join(packageDirectory, "..", ".."));
    expect(findWorkspaceRoot(tmpdir())).toBe(tmpdir());
  });
});
