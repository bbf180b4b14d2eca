import { execFile } from "node:child_process";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { bundlePaths } from "@connect-affinity/handlers/manifest";
import { contactFlowEvent } from "@connect-affinity/testing/fixtures";
import { defaultAgents, type HandlerHarness } from "@connect-affinity/testing/handlers";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exitCodes, runCli } from "../src/index.js";
import { captureIo, recordBundle, startHarness } from "./helpers.js";

const run = promisify(execFile);
const cli = new URL("../dist/cli.js", import.meta.url).pathname;
const [sato, suzuki, takahashi] = defaultAgents.map((agent) => agent.id) as [
  string,
  string,
  string,
];
const caller = "+819012345678";

let harness: HandlerHarness;
let table: readonly string[];
let routeInstance = 0;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  harness.afterEach();
  await harness.close();
});
beforeEach(async () => {
  harness.afterEach();
  await harness.beforeEach();
  table = ["--table", harness.tableName, "--endpoint", harness.dynamoDb.endpoint];
});

/** The built bin, as `pnpm affinity` runs it; its error when it exits non-zero. */
async function bin(
  args: readonly string[],
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run("node", [cli, ...args, ...table], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" },
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

/** The route function as Lambda runs it (its built bundle, a fresh container). */
async function route(contactId: string): Promise<{ agentId: string; reason: string }> {
  routeInstance += 1;
  const url = `${pathToFileURL(bundlePaths.route).href}?preferences=${routeInstance}`;
  const { handler } = (await import(url)) as {
    handler: (event: unknown) => Promise<{ agentId: string; reason: string }>;
  };
  return handler(contactFlowEvent({ contactId, address: caller }));
}

describe("connect-affinity pin, unpin, block, unblock (the bin against dynalite)", () => {
  it("pins a returning caller to another agent, and route offers the pinned agent first", async () => {
    // Prepare
    const record = await recordBundle();
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: suzuki } }),
    );

    // Act
    const pinned = await bin(["pin", "+81 90-1234-5678", harness.connect.agentArn(takahashi)]);
    const routed = await route("c-2");
    const shown = await bin(["--json", "lookup", caller]);
    const unpinned = await bin(["unpin", caller]);
    const again = await route("c-3");
    const none = await bin(["unpin", caller]);

    // Assess
    expect(pinned).toMatchObject({ code: exitCodes.ok });
    expect(pinned.stdout).toContain(`Pinned +81********78 to agent ${takahashi} until unpinned.`);
    expect(routed).toMatchObject({ agentId: takahashi, reason: "returning-caller" });
    expect(JSON.parse(shown.stdout)).toEqual([
      expect.objectContaining({
        agentId: suzuki,
        pin: expect.objectContaining({ agentId: takahashi }),
      }),
    ]);
    expect(unpinned.stdout).toContain(`Removed 1 pin of +81********78: agent ${takahashi}`);
    expect(again).toMatchObject({ agentId: suzuki, reason: "returning-caller" });
    expect(none.code).toBe(exitCodes.notFound);
    expect(none.stderr).toContain("No pin for +81********78");
  });

  it("blocks an agent for a customer: lookup shows it and route offers someone else", async () => {
    // Prepare
    const record = await recordBundle();
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: sato } }),
    );

    // Act
    const blocked = await bin(["block", caller, sato]);
    const shown = await bin(["--json", "lookup", caller]);
    const routed = await route("c-2");
    const unblocked = await bin(["unblock", caller, sato]);
    const back = await route("c-3");

    // Assess
    expect(blocked.stdout).toContain(
      `Blocked agent ${sato} for +81********78 (never offered: ${sato}).`,
    );
    expect(JSON.parse(shown.stdout)).toEqual([
      expect.objectContaining({ agentId: sato, excludedAgentIds: [sato] }),
    ]);
    expect(routed.agentId).not.toBe(sato);
    expect(unblocked.stdout).toContain(`Unblocked agent ${sato} for +81********78 (1 record).`);
    expect(back).toMatchObject({ agentId: sato, reason: "returning-caller" });
  });

  it("changes nothing on a dry run, and names the fix for a bad date, agent or instance", async () => {
    // Prepare
    const dry = captureIo();
    const pastDate = captureIo();
    const badAgent = captureIo();
    const noInstance = captureIo();

    // Act
    const codes = [
      await runCli(
        [
          "pin",
          caller,
          harness.connect.agentArn(suzuki),
          "--until",
          "2999-01-01",
          "--dry-run",
          ...table,
        ],
        dry.io,
      ),
      await runCli(["pin", caller, suzuki, "--until", "2001-01-01", ...table], pastDate.io),
      await runCli(["block", caller, "not an agent!", ...table], badAgent.io),
      await runCli(["pin", caller, suzuki, ...table], noInstance.io),
    ];

    // Assess
    expect(codes).toEqual([
      exitCodes.ok,
      exitCodes.usage,
      exitCodes.usage,
      exitCodes.configuration,
    ]);
    expect(dry.stdout()).toBe(
      `Would pin +81********78 to agent ${suzuki} until 2999-01-01T00:00:00.000Z.`,
    );
    expect(pastDate.err.join("\n")).toContain("--until 2001-01-01 is already past");
    expect(badAgent.err.join("\n")).toContain("is not a Connect user ID or agent ARN");
    expect(noInstance.err.join("\n")).toContain("--instance-arn");
    expect(await harness.items()).toEqual([]);
  });

  it("builds the agent ARN from --instance-arn for a user ID", async () => {
    // Prepare
    const captured = captureIo();
    const instanceArn = harness.connect.agentArn(suzuki).replace(/\/agent\/.*$/, "");

    // Act
    const code = await runCli(
      ["--json", "pin", caller, suzuki, "--instance-arn", instanceArn, ...table],
      captured.io,
    );

    // Assess
    expect(code).toBe(exitCodes.ok);
    expect(JSON.parse(captured.stdout())).toMatchObject({
      agentArn: harness.connect.agentArn(suzuki),
    });
  });

  it("blocks, unblocks and unpins in process, saying what would change on a dry run", async () => {
    // Prepare
    const arn = harness.connect.agentArn(suzuki);
    const steps: [readonly string[], ReturnType<typeof captureIo>][] = [
      [["block", caller, sato, "--dry-run"], captureIo()],
      [["block", caller, sato], captureIo()],
      [["unblock", caller, sato, "--dry-run"], captureIo()],
      [["unblock", caller, sato], captureIo()],
      [["unblock", caller, sato], captureIo()],
      [["pin", caller, arn], captureIo()],
      [["unpin", caller, "--dry-run"], captureIo()],
      [["unpin", caller], captureIo()],
      [["unpin", caller], captureIo()],
    ];

    // Act
    const codes: number[] = [];
    const exclusionsAfterBlock: unknown[] = [];
    for (const [args, captured] of steps) {
      codes.push(await runCli([...args, ...table], captured.io));
      if (args[0] === "block" && args.length === 3)
        exclusionsAfterBlock.push(await harness.items());
    }
    const [dryBlock, , dryUnblock, , secondUnblock, , dryUnpin, , secondUnpin] = steps.map(
      ([, captured]) => captured,
    ) as ReturnType<typeof captureIo>[];

    // Assess
    expect(codes).toEqual([
      exitCodes.ok,
      exitCodes.ok,
      exitCodes.ok,
      exitCodes.ok,
      exitCodes.notFound,
      exitCodes.ok,
      exitCodes.ok,
      exitCodes.ok,
      exitCodes.notFound,
    ]);
    expect(dryBlock?.stdout()).toContain("Would block");
    expect(JSON.stringify(exclusionsAfterBlock)).toContain(sato);
    expect(dryUnblock?.stdout()).toContain("Would unblock");
    expect(secondUnblock?.err.join("\n")).toContain(sato);
    expect(dryUnpin?.stdout()).toContain(`Would remove 1 pin of +81********78: agent ${suzuki}`);
    expect(secondUnpin?.err.join("\n")).toContain("No pin for +81********78");
  });
});
