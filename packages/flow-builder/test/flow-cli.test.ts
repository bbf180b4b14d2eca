import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FlowDocument, placeholderStickyFlowArn, validateFlow } from "../src/index.js";
import { hostFlow, hostTransfer } from "./helpers/host-flow.js";

const packageDirectory = fileURLToPath(new URL("..", import.meta.url));
const cli = join(packageDirectory, "dist", "cli.js");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "flow-builder-cli-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI from `dir`, as a user who typed the command there. */
function flow(...args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: packageDirectory, env: { ...process.env, INIT_CWD: dir } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function write(name: string, content: unknown): Promise<string> {
  await writeFile(
    join(dir, name),
    typeof content === "string" ? content : JSON.stringify(content),
    "utf8",
  );
  return name;
}

function broken(): FlowDocument {
  const flow = hostFlow() as unknown as { Actions: { Transitions: { NextAction?: string } }[] };
  const welcome = flow.Actions[1];
  if (welcome !== undefined) welcome.Transitions.NextAction = "gone";
  return flow as unknown as FlowDocument;
}

describe("flow lint", { timeout: 60_000 }, () => {
  it("exits 0 and says ok for a flow Connect accepts", async () => {
    const file = await write("inbound.json", hostFlow());
    const result = await flow("lint", file);
    expect(result).toEqual({
      code: 0,
      stdout: "inbound.json: ok (service profile, CONTACT_FLOW)\n",
      stderr: "",
    });
  });

  it("exits 1 and names the action and the rule of every problem", async () => {
    const good = await write("inbound.json", hostFlow());
    const bad = await write("stale.json", broken());
    const result = await flow("lint", good, bad);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        "inbound.json: ok (service profile, CONTACT_FLOW)",
        "stale.json: 1 problem(s) (service profile, CONTACT_FLOW)",
        '  a0000000-0000-4000-8000-000000000002  [unknown-transition-target] MessageParticipant "a0000000-0000-4000-8000-000000000002" leads to "gone", which is not an action of the flow',
        "",
      ].join("\n"),
    );
  });

  it("exits 2 when a file cannot be read, and still checks the others", async () => {
    const good = await write("inbound.json", hostFlow());
    const notJson = await write("notes.txt", "Transfer to queue, then hang up");
    const result = await flow("lint", good, notJson, "missing.json");
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("inbound.json: ok");
    expect(result.stdout).toContain(
      "notes.txt: unreadable: Not a readable flow: the input is not JSON",
    );
    expect(result.stdout).toContain("missing.json: unreadable: ENOENT");
  });

  it("judges with the strict profile and the flow type it is given, as JSON", async () => {
    const file = await write("inbound.json", hostFlow());
    const result = await flow(
      "lint",
      file,
      "--profile",
      "strict",
      "--type",
      "AGENT_WHISPER",
      "--json",
    );
    expect(result.code).toBe(1);
    const [report] = JSON.parse(result.stdout) as {
      file: string;
      flowType: string;
      profile: string;
      problems: { rule: string; actionId: string }[];
    }[];
    expect(report?.file).toBe("inbound.json");
    expect(report?.flowType).toBe("AGENT_WHISPER");
    expect(report?.profile).toBe("strict");
    expect(report?.problems.map((problem) => problem.rule)).toContain("not-allowed-in-flow-type");
  });

  it("takes the flow type a DescribeContactFlow output names", async () => {
    const file = await write("described.json", {
      ContactFlow: { Type: "CUSTOMER_QUEUE", Content: JSON.stringify(hostFlow()) },
    });
    const result = await flow("lint", file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("(service profile, CUSTOMER_QUEUE)");
    expect(result.stdout).toContain("[not-allowed-in-flow-type]");
  });
});

describe("flow render", { timeout: 60_000 }, () => {
  it("prints Mermaid to standard output", async () => {
    const file = await write("inbound.json", hostFlow());
    const result = await flow("render", file, "--format", "mermaid");
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith("flowchart LR\n")).toBe(true);
    expect(result.stdout).toContain('[["a0000000…<br/>TransferContactToQueue"]]');
  });

  it("writes SVG to the file it is given", async () => {
    const file = await write("inbound.json", hostFlow());
    const result = await flow("render", file, "--format", "svg", "--out", "inbound.svg");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("inbound.svg  svg, 6 actions\n");
    expect(await readFile(join(dir, "inbound.svg"), "utf8")).toContain("</svg>");
  });

  it("exits 2 on a flow it cannot read", async () => {
    const file = await write("bad.json", {
      Actions: [{ Identifier: "x", Type: "Nope", Transitions: {} }],
    });
    const result = await flow("render", file, "--format", "dot");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has the type "Nope", which the flow language does not have');
  });
});

describe("flow splice", { timeout: 60_000 }, () => {
  it("writes the flow with sticky routing in front of the transfer and says how", async () => {
    // Prepare
    const file = await write("inbound.json", hostFlow());

    // Act
    const result = await flow("splice", file, "--at", hostTransfer, "--out", "sticky.json");

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        `sticky.json  agent-queue in front of "${hostTransfer}": 20 action(s) added, 1 transition(s) now lead to "affinity-save-host-queue"`,
        "  passes the service profile as a CONTACT_FLOW flow",
        "",
      ].join("\n"),
    );
    const spliced = JSON.parse(await readFile(join(dir, "sticky.json"), "utf8")) as FlowDocument;
    expect(spliced.Actions).toHaveLength(26);
    expect(validateFlow(spliced)).toEqual([]);
  });

  it("keeps the host's key order, so the diff shows only what the splice changed", async () => {
    const file = await write("inbound.json", JSON.stringify(hostFlow(), null, 2));
    await flow(
      "splice",
      file,
      "--at",
      hostTransfer,
      "--variant",
      "routing-criteria",
      "--out",
      "sticky.json",
    );
    const before = JSON.parse(await readFile(join(dir, "inbound.json"), "utf8")) as FlowDocument;
    const after = JSON.parse(await readFile(join(dir, "sticky.json"), "utf8")) as FlowDocument;
    // Every host action is written back key for key, in its order; only the action that led
    // to the transfer now leads to the spliced routing.
    const changed = before.Actions.filter(
      (action, index) => JSON.stringify(after.Actions[index]) !== JSON.stringify(action),
    ).map((action) => action.Identifier);
    expect(changed).toEqual(["a0000000-0000-4000-8000-000000000003"]);
    expect(Object.keys(after)).toEqual(Object.keys(before));
  });

  it("wires a TransferToFlow to a placeholder ARN and says to replace it", async () => {
    const file = await write("inbound.json", hostFlow());
    const result = await flow(
      "splice",
      file,
      "--at",
      hostTransfer,
      "--transfer-to-flow",
      "--out",
      "sticky.json",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`TransferToFlow ${placeholderStickyFlowArn}`);
    expect(result.stdout).toContain("replace it with your sticky flow's ARN");
  });

  it("exits 2 when the action is not in the flow", async () => {
    const file = await write("inbound.json", hostFlow());
    const result = await flow("splice", file, "--at", "Transfer to queue", "--out", "sticky.json");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`The flow has no action "Transfer to queue"`);
  });

  it("exits 1 and lists the problems when the spliced flow would still be rejected", async () => {
    const file = await write("stale.json", broken());
    const result = await flow("splice", file, "--at", hostTransfer, "--out", "sticky.json");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("[unknown-transition-target]");
  });
});
