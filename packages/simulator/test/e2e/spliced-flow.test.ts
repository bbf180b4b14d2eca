import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  type FlowDocument,
  flowToJson,
  placeholderStickyFlowArn,
  spliceStickyRouting,
} from "@connect-affinity/flow-builder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContactReport, RunReport } from "../../src/report/run-report.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";

const run = promisify(execFile);
const packageDirectory = fileURLToPath(new URL("../..", import.meta.url));
const scenarioPath = join(packageDirectory, "scenarios", "seed-story.yaml");
const hostQueueArn =
  "arn:aws:connect:us-east-1:123456789012:instance/00000000-0000-4000-8000-000000000000/queue/11111111-2222-4333-8444-555555555555";

/** An operator's inbound flow, written by hand: welcome, their queue, transfer; else apologise. */
const host: FlowDocument = {
  Version: "2019-10-30",
  StartAction: "welcome",
  Metadata: {
    entryPointPosition: { x: 20, y: 20 },
    ActionMetadata: { "set-queue": { parameters: { QueueId: { displayName: "Support" } } } },
  },
  Actions: [
    {
      Identifier: "welcome",
      Type: "MessageParticipant",
      Parameters: { Text: "Thank you for calling." },
      Transitions: { NextAction: "set-queue", Errors: [] },
    },
    {
      Identifier: "set-queue",
      Type: "UpdateContactTargetQueue",
      Parameters: { QueueId: hostQueueArn },
      Transitions: {
        NextAction: "transfer",
        Errors: [{ NextAction: "sorry", ErrorType: "NoMatchingError" }],
      },
    },
    {
      Identifier: "transfer",
      Type: "TransferContactToQueue",
      Transitions: {
        NextAction: "sorry",
        Errors: [
          { NextAction: "sorry", ErrorType: "QueueAtCapacity" },
          { NextAction: "sorry", ErrorType: "NoMatchingError" },
        ],
      },
    },
    {
      Identifier: "sorry",
      Type: "MessageParticipant",
      Parameters: { Text: "Sorry, please call again." },
      Transitions: { NextAction: "bye", Errors: [] },
    },
    { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} },
  ],
};

const callsOf = (report: RunReport, caller: string): readonly ContactReport[] =>
  report.contacts.filter((contact) => contact.caller === caller);

describe("an existing flow with the agent-queue routing spliced in, run on the seed story", () => {
  let report: RunReport;

  beforeAll(async () => {
    const { flow } = spliceStickyRouting(host, { at: "transfer" });
    report = await runScenario(await loadScenario(scenarioPath), { flow });
  }, 120_000);

  it("sends a returning caller to their last agent through the spliced routing", () => {
    const returning = callsOf(report, "tanaka").slice(1);
    expect(returning).toHaveLength(2);
    for (const call of returning) {
      expect(call).toMatchObject({ outcome: "agent", agent: "sato", lastAgent: "same" });
      expect(call.decisions[0]).toBe("connect-affinity-route:agent/returning-caller");
      expect(call.path).toContain("q:sato");
    }
  });

  it("hands a caller sticky routing cannot place to the flow's own queue", () => {
    const [aoki] = callsOf(report, "aoki");
    expect(aoki?.decisions[0]).toMatch(/^connect-affinity-route:none\//);
    expect(aoki).toMatchObject({ outcome: "agent" });
    expect(aoki?.path).toMatch(/q:Support › connect-affinity-route › =none › transfer$/);
  });

  it("ends no contact in a dead end", () => {
    expect(report.summary.deadEnds).toBe(0);
  });
});

describe("an existing flow with a transfer to the sticky flow", () => {
  it("continues in the scenario's generated flow, linked as the placeholder sticky flow", async () => {
    const { flow } = spliceStickyRouting(host, {
      at: "transfer",
      transferToFlow: placeholderStickyFlowArn,
    });
    const report = await runScenario(await loadScenario(scenarioPath), { flow });
    const [, returning] = callsOf(report, "tanaka");
    expect(returning).toMatchObject({ outcome: "agent", agent: "sato", lastAgent: "same" });
    expect(returning?.decisions[0]).toBe("route:agent/returning-caller");
    expect(report.summary.deadEnds).toBe(0);
  }, 120_000);
});

describe("pnpm start -- --flow FILE", () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "simulator-flow-"));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("runs the spliced flow it is given and says so", async () => {
    // Prepare
    const file = join(directory, "inbound-sticky.json");
    await writeFile(file, flowToJson(spliceStickyRouting(host, { at: "transfer" }).flow), "utf8");
    const reportFile = join(directory, "report.json");

    // Act
    const { stdout } = await run(
      process.execPath,
      [join(packageDirectory, "dist", "cli.js"), "--flow", file, "--quiet", "--json", reportFile],
      { cwd: packageDirectory, env: { ...process.env, INIT_CWD: directory }, timeout: 120_000 },
    );

    // Assess
    expect(stdout).toContain(`Flow: ${file} (in place of the generated flow)`);
    const written = JSON.parse(await readFile(reportFile, "utf8")) as RunReport;
    expect(written.summary.deadEnds).toBe(0);
    expect(written.contacts.filter((contact) => contact.lastAgent === "same")).toHaveLength(2);
  }, 120_000);
});
