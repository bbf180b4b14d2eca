import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { callerKey, identityKey } from "@connect-affinity/core";
import { DynamoDbAffinityStore } from "@connect-affinity/core/dynamodb";
import { bundlePaths } from "@connect-affinity/handlers/manifest";
import { contactFlowEvent } from "@connect-affinity/testing/fixtures";
import { defaultAgents, type HandlerHarness } from "@connect-affinity/testing/handlers";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exitCodes, runCli } from "../src/index.js";
import { captureIo, type RecordHandler, recordBundle, startHarness } from "./helpers.js";

const run = promisify(execFile);
const cli = new URL("../dist/cli.js", import.meta.url).pathname;
const [sato, suzuki, takahashi] = defaultAgents.map((agent) => agent.id) as [
  string,
  string,
  string,
];
const caller = "+819012345678";
const secret = "admin-test-caller-key-secret-of-32-bytes";
const previousSecret = "admin-test-previous-secret-of-32-bytes!";

let harness: HandlerHarness;
let table: readonly string[];

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
  harness.secrets.parameters.set("/test/caller-key", { type: "SecureString", value: secret });
  harness.secrets.parameters.set("/test/previous-key", {
    type: "SecureString",
    value: previousSecret,
  });
  table = ["--table", harness.tableName, "--endpoint", harness.dynamoDb.endpoint];
});

/** Stores `agent` as `address`'s agent through the real record function. */
async function recordCall(
  record: RecordHandler,
  address: string,
  agentId: string,
  contactId = `c-${Math.random().toString(36).slice(2)}`,
): Promise<void> {
  const answer = await record(contactFlowEvent({ contactId, address, parameters: { agentId } }));
  expect(answer.status).toBe("recorded");
}

async function withSecretRef<T>(work: () => Promise<T>): Promise<T> {
  process.env["CALLER_KEY_SECRET_REF"] = "ssm:/test/caller-key";
  try {
    return await work();
  } finally {
    delete process.env["CALLER_KEY_SECRET_REF"];
  }
}

/** The table as the functions' store sees it, for what no function writes (pins, scopes). */
function tableStore(): DynamoDbAffinityStore {
  return new DynamoDbAffinityStore({
    client: harness.dynamoDb.client,
    tableName: harness.tableName,
    consistentRead: true,
  });
}

/** `agentId` served the customer under `key` just now. */
async function served(key: string, agentId: string, contactId: string): Promise<void> {
  const at = Date.now();
  await tableStore().save({
    callerKey: key,
    agentId,
    agentArn: harness.connect.agentArn(agentId),
    contactId,
    at,
    expiresAt: Math.floor(at / 1000) + 86_400,
  });
}

async function pinned(key: string, agentId: string): Promise<void> {
  await tableStore().pin(key, {
    agentId,
    agentArn: harness.connect.agentArn(agentId),
    pinnedAt: Date.now(),
  });
}

describe("connect-affinity with identities, scopes, pins and exclusions", () => {
  it("looks a customer up by number, email address or customer key, in every scope, pins and exclusions included", async () => {
    // Prepare
    await pinned(caller, takahashi);
    await tableStore().block(caller, [sato]);
    await served(`${caller}#queue:q-1`, suzuki, "c-1");
    await served("email:taro@example.com", sato, "c-2");
    await pinned("customer:C-1", suzuki);
    const byNumber = captureIo();
    const byEmail = captureIo();
    const byCustomerKey = captureIo();
    const text = captureIo();

    // Act
    const codes = [
      await runCli(["--json", "lookup", caller, ...table], byNumber.io),
      await runCli(["--json", "lookup", "Taro@Example.com", ...table], byEmail.io),
      await runCli(["--json", "lookup", "C-1", ...table], byCustomerKey.io),
      await runCli(["lookup", caller, ...table], text.io),
    ];

    // Assess
    expect(codes).toEqual([exitCodes.ok, exitCodes.ok, exitCodes.ok, exitCodes.ok]);
    const records = JSON.parse(byNumber.stdout()) as { scope: string }[];
    expect(records.sort((a, b) => a.scope.localeCompare(b.scope))).toEqual([
      expect.objectContaining({
        scope: "global",
        pin: expect.objectContaining({ agentId: takahashi }),
        excludedAgentIds: [sato],
        agents: [],
      }),
      expect.objectContaining({ scope: "queue:q-1", agentId: suzuki, contactCount: 1 }),
    ]);
    expect(JSON.parse(byEmail.stdout())).toEqual([
      expect.objectContaining({ agentId: sato, filedBy: "raw key" }),
    ]);
    expect(JSON.parse(byCustomerKey.stdout())).toEqual([
      expect.objectContaining({ pin: expect.objectContaining({ agentId: suzuki }) }),
    ]);
    expect(text.stdout()).toMatch(new RegExp(`pinned to +${takahashi} since `));
    expect(text.stdout()).toMatch(new RegExp(`never offered +${sato}\n`));
    expect(text.stdout()).not.toContain("9012345678");
  });

  it("forgets a customer's pin, exclusions and scoped records, and leaves other identities alone", async () => {
    // Prepare
    await pinned(caller, takahashi);
    await tableStore().block(caller, [sato]);
    await served(`${caller}#channel:CHAT`, suzuki, "c-1");
    await tableStore().rememberContact(
      "c-1",
      [`email:taro@example.com#channel:CHAT`, `${caller}#channel:CHAT`],
      Math.floor(Date.now() / 1000) + 600,
    );
    await served("email:taro@example.com#channel:CHAT", suzuki, "c-1");
    const captured = captureIo();

    // Act
    const code = await runCli(["forget", caller, "--yes", ...table], captured.io);

    // Assess
    expect(code).toBe(exitCodes.ok);
    expect(captured.stdout()).toContain(
      "Erased 2 records and 1 contact index entry for +81********78",
    );
    expect(captured.stdout()).toContain(`pinned to ${takahashi}; excludes ${sato}`);
    const left = (await harness.items()).map((item) => (item["callerKey"] as { S: string }).S);
    expect(left).toEqual(["email:taro@example.com#channel:CHAT"]);
  });

  it("drops an agent from histories, pins and exclusions, keeping a customer's earlier agent", async () => {
    // Prepare
    await pinned("+819011110001", suzuki);
    await tableStore().block("+819011110002", [suzuki]);
    await served("+819011110003", sato, "c-1");
    await served("+819011110003", suzuki, "c-2");
    const captured = captureIo();

    // Act
    const code = await runCli(["drop-agent", suzuki, "--yes", ...table], captured.io);

    // Assess
    expect(code).toBe(exitCodes.ok);
    expect(captured.stdout()).toContain(
      `Removed agent ${suzuki} from 3 records (3 items scanned): 1 pin and 1 exclusion among them.`,
    );
    const records = await harness.records();
    expect(records.map((item) => (item["callerKey"] as { S: string }).S)).toEqual([
      "+819011110003",
    ]);
    expect(
      (await tableStore().find("+819011110003"))?.agents.map((agent) => agent.agentId),
    ).toEqual([sato]);
  });

  it("rekeys pins, exclusions and scoped records of raw keys to the current secret", async () => {
    // Prepare
    await pinned("customer:C-1", takahashi);
    await tableStore().block("customer:C-1", [sato]);
    await served("customer:C-1#queue:q-1", suzuki, "c-1");
    const keys = ["--secret-ref", "ssm:/test/caller-key"];
    const moved = captureIo();
    const found = captureIo();

    // Act
    const code = await runCli(["rekey", "--yes", ...keys, ...table], moved.io);
    const lookup = await runCli(["--json", "lookup", "customer:C-1", ...keys, ...table], found.io);

    // Assess
    expect([code, lookup]).toEqual([exitCodes.ok, exitCodes.ok]);
    const hashed = identityKey({ source: "customer-key", value: "C-1" }, secret);
    const stored = (await harness.records()).map((item) => (item["callerKey"] as { S: string }).S);
    expect(stored.sort()).toEqual([hashed, `${hashed}#queue:q-1`].sort());
    expect(await tableStore().find(hashed)).toMatchObject({
      pin: { agentId: takahashi },
      excludedAgentIds: [sato],
    });
    expect(JSON.parse(found.stdout())).toHaveLength(2);
  });
});

describe("connect-affinity forget and lookup", () => {
  it("forgets a caller that record stored, and lookup then finds nothing (the bin, as pnpm affinity runs it)", async () => {
    // Prepare
    const record = await recordBundle();
    await recordCall(record, caller, suzuki, "c-first");
    await recordCall(record, "+819099990000", sato);
    const environment = {
      ...process.env,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
    };

    // Act
    const found = await run("node", [cli, "--", "lookup", "+81 90-1234-5678", ...table], {
      env: environment,
    });
    const forgotten = await run("node", [cli, "forget", caller, "--yes", ...table], {
      env: environment,
    });
    const after = await run("node", [cli, "lookup", caller, ...table], { env: environment }).catch(
      (error: { code: number; stderr: string }) => error,
    );

    // Assess
    expect(found.stdout).toContain(`agent         ${suzuki}`);
    expect(found.stdout).not.toContain("9012345678");
    expect(forgotten.stdout).toContain(
      "Erased 1 record and 0 contact index entries for +81********78",
    );
    expect(after).toMatchObject({ code: exitCodes.notFound });
    expect((after as { stderr: string }).stderr).toContain("No record for +81********78");
    const left = await harness.records();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ agentId: { S: sato } });
  });

  it("erases the contact index entries that name the caller too, and says which", async () => {
    // Prepare
    const record = await recordBundle();
    await recordCall(record, caller, takahashi);
    const route = (await import(`${pathToFileURL(bundlePaths.route).href}?admin=1`)) as {
      handler: (event: unknown) => Promise<unknown>;
    };
    await route.handler(contactFlowEvent({ contactId: "c-routed", address: caller }));
    const captured = captureIo();

    // Act
    const code = await runCli(["forget", caller, "--yes", ...table], captured.io);

    // Assess
    expect(code).toBe(exitCodes.ok);
    expect(captured.stdout()).toContain("Erased 1 record and 1 contact index entry");
    expect(captured.stdout()).toContain("contact c-routed");
    expect(await harness.items()).toEqual([]);
  });

  it("asks first, and changes nothing without a yes", async () => {
    // Prepare
    const record = await recordBundle();
    await recordCall(record, caller, suzuki);
    const nobodyAtTerminal = captureIo();
    const saysNo = captureIo({ interactive: true, answer: false });
    const saysYes = captureIo({ interactive: true, answer: true });

    // Act
    const unattended = await runCli(["forget", caller, ...table], nobodyAtTerminal.io);
    const declined = await runCli(["forget", caller, ...table], saysNo.io);
    const itemsAfterNo = (await harness.records()).length;
    const accepted = await runCli(["forget", caller, ...table], saysYes.io);

    // Assess
    expect([unattended, declined, accepted]).toEqual([
      exitCodes.declined,
      exitCodes.declined,
      exitCodes.ok,
    ]);
    expect(nobodyAtTerminal.err.join("\n")).toMatch(/pass --yes to go ahead, or --dry-run/);
    expect(itemsAfterNo).toBe(1);
    expect(saysYes.err[0]).toMatch(/^Erase everything .* holds about \+81\*{8}78\?$/);
    expect(await harness.records()).toEqual([]);
  });

  it("says what it would erase on a dry run, and erases nothing", async () => {
    // Prepare
    const record = await recordBundle();
    await recordCall(record, caller, suzuki);
    const captured = captureIo();

    // Act
    const code = await runCli(["--json", "forget", caller, "--dry-run", ...table], captured.io);

    // Assess
    expect(code).toBe(exitCodes.ok);
    expect(JSON.parse(captured.stdout())).toMatchObject({
      dryRun: true,
      caller: "+81********78",
      records: [{ agentIds: [suzuki], contactCount: 1 }],
    });
    expect(await harness.records()).toHaveLength(1);
  });

  it("hashes the KEY with the deployed secret exactly as the functions do", async () => {
    // Prepare
    const record = await withSecretRef(async () => {
      const handler = await recordBundle();
      await recordCall(handler, caller, takahashi);
      return handler;
    });
    expect(record).toBeDefined();
    const captured = captureIo();

    // Act
    const code = await runCli(
      [
        "lookup",
        "090-1234-5678",
        "--calling-code",
        "81",
        "--secret-ref",
        "ssm:/test/caller-key",
        ...table,
      ],
      captured.io,
    );

    // Assess
    expect(code).toBe(exitCodes.ok);
    expect(captured.stdout()).toContain(`${callerKey(caller, secret).slice(0, 11)}… (current key)`);
    expect(captured.stdout()).toContain(takahashi);
    const [stored] = await harness.records();
    expect(stored).toMatchObject({ callerKey: { S: callerKey(caller, secret) } });
  });

  it("refuses a KEY that is neither a number nor a caller key, saying how to give one", async () => {
    // Prepare
    const captured = captureIo();

    // Act
    const code = await runCli(["lookup", "090-1234-5678", ...table], captured.io);

    // Assess
    expect(code).toBe(exitCodes.usage);
    expect(captured.err.join("\n")).toMatch(/set --calling-code 81 for national numbers/);
  });
});

describe("connect-affinity drop-agent, stats, export", () => {
  it("removes an agent who left from every caller's affinity", async () => {
    // Prepare
    const record = await recordBundle();
    await recordCall(record, "+819011110001", suzuki);
    await recordCall(record, "+819011110002", suzuki);
    await recordCall(record, "+819011110003", sato);
    const dry = captureIo();
    const real = captureIo();

    // Act
    const dryCode = await runCli(["drop-agent", suzuki, "--dry-run", ...table], dry.io);
    const code = await runCli(
      ["drop-agent", harness.connect.agentArn(suzuki), "--yes", ...table],
      real.io,
    );

    // Assess
    expect([dryCode, code]).toEqual([exitCodes.ok, exitCodes.ok]);
    expect(dry.stdout()).toMatch(
      /^Would remove agent .* from 2 records \(3 items scanned\): 0 pins and 0 exclusions among them\.$/,
    );
    expect(real.stdout()).toContain(`Removed agent ${suzuki} from 2 records`);
    const agents = (await harness.records()).map((item) => (item["agentId"] as { S: string }).S);
    expect(agents).toEqual([sato]);
  });

  it("shows drop-agent's progress: a bar on a terminal, a line now and then in a log", async () => {
    // Prepare
    const record = await recordBundle();
    await recordCall(record, "+819011110001", suzuki);
    await recordCall(record, "+819011110002", sato);
    const terminal = captureIo({ interactive: true, answer: true });
    let clock = 0;
    const log = captureIo({
      now: () => {
        clock += 11_000;
        return clock;
      },
    });
    const quickLog = captureIo();

    // Act
    const codes = [
      await runCli(["drop-agent", suzuki, ...table], terminal.io),
      await runCli(["drop-agent", sato, "--yes", ...table], log.io),
      await runCli(["drop-agent", takahashi, "--yes", ...table], quickLog.io),
    ];

    // Assess
    expect(codes).toEqual([exitCodes.ok, exitCodes.ok, exitCodes.ok]);
    expect(terminal.progress()).toMatch(/drop-agent \[[^\]]+\] 2\/2 items \(1 record changed\)/);
    expect(log.err).toEqual(["drop-agent: 1 item scanned (1 record changed)"]);
    expect(log.progress()).toBe("");
    expect(quickLog.err).toEqual([]);
    expect(await harness.records()).toEqual([]);
  });

  it("counts records, keys and ages", async () => {
    // Prepare
    const record = await recordBundle();
    await recordCall(record, "+819011110001", suzuki);
    await recordCall(record, "+819011110002", sato);
    const captured = captureIo();

    // Act
    const code = await runCli(["--json", "stats", ...table], captured.io);

    // Assess
    expect(code).toBe(exitCodes.ok);
    expect(JSON.parse(captured.stdout())).toMatchObject({
      records: 2,
      rawNumberKeys: 2,
      hashedKeys: 0,
      expired: 0,
      contactEntries: 0,
      lastContactAge: { "under 1 day": 2 },
      topAgents: [
        { agentId: sato, callers: 1 },
        { agentId: suzuki, callers: 1 },
      ].sort((a, b) => a.agentId.localeCompare(b.agentId)),
    });
  });

  it("exports records with hashed callers only, and refuses to without --hashed or a secret", async () => {
    // Prepare
    const record = await recordBundle();
    await recordCall(record, caller, suzuki);
    const output = join(mkdtempSync(join(tmpdir(), "admin-export-")), "records.jsonl");
    const exported = captureIo();
    const unhashed = captureIo();
    const noSecret = captureIo();

    // Act
    const code = await runCli(
      ["export", "--hashed", "--output", output, "--secret-ref", "ssm:/test/caller-key", ...table],
      exported.io,
    );
    const unhashedCode = await runCli(["export", ...table], unhashed.io);
    const noSecretCode = await runCli(["export", "--hashed", ...table], noSecret.io);

    // Assess
    expect([code, unhashedCode, noSecretCode]).toEqual([
      exitCodes.ok,
      exitCodes.usage,
      exitCodes.configuration,
    ]);
    const lines = readFileSync(output, "utf8").trim().split("\n");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        callerKey: callerKey(caller, secret),
        agentId: suzuki,
        contactCount: 1,
      }),
    ]);
    expect(readFileSync(output, "utf8")).not.toContain("9012345678");
    expect(exported.err).toEqual([`Wrote 1 record to ${output}.`]);
  });
});

describe("connect-affinity rekey", () => {
  it("moves raw-number records to the current secret, and lookup finds them there", async () => {
    // Prepare
    const record = await recordBundle();
    await recordCall(record, caller, suzuki);
    await recordCall(record, "+819011110002", sato);
    const moved = captureIo();
    const found = captureIo();
    const keys = ["--secret-ref", "ssm:/test/caller-key"];

    // Act
    const code = await runCli(["rekey", "--yes", ...keys, ...table], moved.io);
    const lookup = await runCli(["lookup", caller, ...keys, ...table], found.io);

    // Assess
    expect([code, lookup]).toEqual([exitCodes.ok, exitCodes.ok]);
    expect(moved.stdout()).toContain(
      "Moved 2 records to the current caller key (2 raw-key records, 0 records of the identities given)",
    );
    const stored = (await harness.records())
      .map((item) => (item["callerKey"] as { S: string }).S)
      .sort();
    expect(stored).toEqual([callerKey(caller, secret), callerKey("+819011110002", secret)].sort());
    expect(found.stdout()).toContain("(current key)");
  });

  it("moves records of the previous secret for the numbers given", async () => {
    // Prepare
    process.env["CALLER_KEY_SECRET_REF"] = "ssm:/test/previous-key";
    const record = await recordBundle();
    await recordCall(record, caller, takahashi);
    await recordCall(record, "+819011110002", sato);
    delete process.env["CALLER_KEY_SECRET_REF"];
    const captured = captureIo({ stdin: `# numbers from the CRM\n${caller}\n+81 90-0000-0000\n` });

    // Act
    const code = await runCli(
      [
        "rekey",
        "--numbers",
        "-",
        "--yes",
        "--secret-ref",
        "ssm:/test/caller-key",
        "--previous-secret-ref",
        "ssm:/test/previous-key",
        ...table,
      ],
      captured.io,
    );

    // Assess
    expect(code).toBe(exitCodes.ok);
    expect(captured.stdout()).toContain(
      "Moved 1 record to the current caller key (0 raw-key records, 2 records of the identities given).",
    );
    expect(captured.stdout()).toContain("1 given identity had no record under the previous key.");
    const stored = (await harness.records())
      .map((item) => (item["callerKey"] as { S: string }).S)
      .sort();
    expect(stored).toEqual(
      [callerKey(caller, secret), callerKey("+819011110002", previousSecret)].sort(),
    );
  });

  it("needs a current secret", async () => {
    // Prepare
    const captured = captureIo();

    // Act
    const code = await runCli(["rekey", "--yes", ...table], captured.io);

    // Assess
    expect(code).toBe(exitCodes.configuration);
    expect(captured.err.join("\n")).toMatch(/pass --secret-ref/);
  });
});

describe("connect-affinity configuration and failures", () => {
  it("reads the table and the secret reference from a stack's outputs file", async () => {
    // Prepare
    const record = await withSecretRef(async () => recordBundle());
    await withSecretRef(() => recordCall(record, caller, sato));
    const outputs = join(mkdtempSync(join(tmpdir(), "admin-outputs-")), "prod.json");
    writeFileSync(
      outputs,
      JSON.stringify({
        tableName: harness.tableName,
        callerKeySecretRef: "ssm:/test/caller-key",
        flowId: "f-1",
      }),
    );
    const captured = captureIo();

    // Act
    const code = await runCli(
      ["lookup", caller, "--stack-outputs", outputs, "--endpoint", harness.dynamoDb.endpoint],
      captured.io,
    );

    // Assess
    expect(code).toBe(exitCodes.ok);
    expect(captured.stdout()).toContain(sato);
  });

  it.each([
    [["lookup", caller], exitCodes.configuration, /No affinity table: pass --table NAME/],
    [["lookup", caller, "--table", "x"], exitCodes.configuration, /not a DynamoDB table name/],
    [
      ["lookup", caller, "--stack-outputs", "/nonexistent/outputs.json"],
      exitCodes.configuration,
      /pulumi stack output --json/,
    ],
    [
      ["lookup", caller, "--table", "t-1", "--calling-code", "JP"],
      exitCodes.configuration,
      /not a country calling code/,
    ],
    [
      ["drop-agent", "not an id", "--table", "t-1"],
      exitCodes.usage,
      /not a Connect user ID or agent ARN/,
    ],
    [["nonsense"], exitCodes.usage, /unknown command/],
  ])("%j exits %i and names the fix", async (argv, expected, message) => {
    // Prepare
    const captured = captureIo();

    // Act
    const code = await runCli(argv, captured.io);

    // Assess
    expect(code).toBe(expected);
    expect(captured.err.join("\n")).toMatch(message);
  });

  it("says to name a Region when neither an option, the environment nor a profile does", async () => {
    // Prepare: the bin with no AWS variable and no AWS config file to find a Region in.
    const home = mkdtempSync(join(tmpdir(), "affinity-home-"));
    const environment = { PATH: process.env["PATH"] ?? "", HOME: home };

    // Act
    const failure = await run("node", [cli, "stats", "--table", "affinity-prod"], {
      env: environment,
    }).catch((error: { code: number; stderr: string }) => error);

    // Assess
    expect(failure).toMatchObject({ code: exitCodes.configuration });
    expect((failure as { stderr: string }).stderr).toContain(
      "No AWS Region: pass --region REGION or --stack-outputs FILE, set AWS_REGION",
    );
  });

  it("says when the table does not exist, and when the secret cannot be read", async () => {
    // Prepare
    const missingTable = captureIo();
    const missingSecret = captureIo();

    // Act
    const tableCode = await runCli(
      ["stats", "--table", "no-such-table", "--endpoint", harness.dynamoDb.endpoint],
      missingTable.io,
    );
    const secretCode = await runCli(
      ["lookup", caller, "--secret-ref", "ssm:/nope", ...table],
      missingSecret.io,
    );

    // Assess
    expect([tableCode, secretCode]).toEqual([exitCodes.aws, exitCodes.aws]);
    expect(missingTable.err.join("\n")).toMatch(/The table does not exist/);
    expect(missingSecret.err.join("\n")).toMatch(
      /cannot read SSM parameter \/nope \(ParameterNotFound\)/,
    );
  });

  it("prints its help, listing every command and every exit code", async () => {
    // Prepare
    const captured = captureIo();

    // Act
    const code = await runCli(["--help"], captured.io);

    // Assess
    expect(code).toBe(exitCodes.ok);
    for (const command of ["lookup", "forget", "drop-agent", "stats", "export", "rekey"]) {
      expect(captured.stdout()).toContain(command);
    }
    for (const exitCode of Object.values(exitCodes)) {
      expect(captured.stdout()).toMatch(new RegExp(`^  ${exitCode}  \\S`, "m"));
    }
    expect(captured.stdout()).toContain(
      "  5  declined: not confirmed, or no terminal and no --yes",
    );
  });
});
