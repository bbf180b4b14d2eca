import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { callerKey } from "@connect-affinity/core";
import { contactFlowEvent } from "@connect-affinity/testing/fixtures";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import type { Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { resetContainer } from "../src/container.js";
import { ConfigurationError, SecretUnavailableError, TimeBudgetSpentError } from "../src/errors.js";
import { handler as nextAgent } from "../src/next-agent.js";
import { handler as record } from "../src/record.js";
import { handler as route } from "../src/route.js";
import { fetchSecret, loadCallerKeys, parseSecretReference } from "../src/secrets/index.js";
import { useHarness } from "./helpers/harness.js";

const [, suzuki, takahashi] = defaultAgents.map((agent) => agent.id) as [string, string, string];
const caller = "+819022223333";
const current = "current-caller-key-secret-of-32-bytes-or-more";
const previous = "previous-caller-key-secret-of-32-bytes-or-more";

const harness = useHarness();

describe("the caller-key secret from a secret store", () => {
  it("hashes callers with an SSM SecureString, read once per container", async () => {
    // Prepare
    await harness.beforeEach({ CALLER_KEY_SECRET_REF: "ssm:/connect-affinity/test/caller-key" });
    harness.secrets.parameters.set("/connect-affinity/test/caller-key", {
      type: "SecureString",
      value: current,
    });

    // Act
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: suzuki } }),
    );
    const routed = await route(contactFlowEvent({ contactId: "c-2", address: caller }));
    await route(contactFlowEvent({ contactId: "c-3", address: caller }));

    // Assess
    expect(routed).toMatchObject({ agentId: suzuki, reason: "returning-caller" });
    const [stored] = await harness.records();
    expect(stored).toMatchObject({ callerKey: { S: callerKey(caller, current) } });
    expect(JSON.stringify(await harness.items())).not.toContain("9022223333");
    expect(harness.secrets.calls.get("AmazonSSM.GetParameter")).toBe(1);
  });

  it("reads a Secrets Manager secret by ARN just the same", async () => {
    // Prepare
    await harness.beforeEach({
      CALLER_KEY_SECRET_REF:
        "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:connect-affinity/caller-key-AbCdEf",
    });
    harness.secrets.secrets.set("connect-affinity/caller-key-AbCdEf", current);

    // Act
    await record(contactFlowEvent({ address: caller, parameters: { agentId: suzuki } }));

    // Assess
    expect((await harness.records())[0]).toMatchObject({
      callerKey: { S: callerKey(caller, current) },
    });
  });

  it("refuses a plaintext String parameter, saying how to store it, and stores nothing", async () => {
    // Prepare
    await harness.beforeEach({ CALLER_KEY_SECRET_REF: "ssm:/plain" });
    harness.secrets.parameters.set("/plain", { type: "String", value: current });

    // Act
    const act = () =>
      record(contactFlowEvent({ address: caller, parameters: { agentId: suzuki } }));

    // Assess
    await expect(act()).rejects.toThrow(ConfigurationError);
    await expect(act()).rejects.toThrow(
      /a String parameter stored in plain text: store the key as a SecureString/,
    );
    expect(await harness.items()).toEqual([]);
  });

  it("refuses a secret shorter than 32 bytes without repeating it", async () => {
    // Prepare
    await harness.beforeEach({ CALLER_KEY_SECRET_REF: "ssm:/short" });
    harness.secrets.parameters.set("/short", {
      type: "SecureString",
      value: "only-twenty-one-bytes",
    });

    // Act
    const failure = await route(contactFlowEvent({ address: caller })).catch(
      (error: unknown) => error,
    );

    // Assess
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect(String(failure)).toMatch(/holds 21 bytes: a caller-key secret needs at least 32/);
    expect(String(failure)).not.toContain("only-twenty-one-bytes");
  });

  it("names the fix when the secret is missing, and reads it again once it exists", async () => {
    // Prepare
    await harness.beforeEach({ CALLER_KEY_SECRET_REF: "ssm:/later" });

    // Act
    const failure = await route(contactFlowEvent({ address: caller })).catch(
      (error: unknown) => error,
    );
    harness.secrets.parameters.set("/later", { type: "SecureString", value: current });
    const answer = await route(contactFlowEvent({ address: caller }));

    // Assess
    expect(failure).toBeInstanceOf(SecretUnavailableError);
    expect(String(failure)).toMatch(/cannot read SSM parameter \/later \(ParameterNotFound\)/);
    expect(String(failure)).toMatch(/ssm:GetParameter/);
    expect(answer.status).toBe("agent");
  });

  it("keeps affinities through a rotation: found under the previous key, written under the new", async () => {
    // Prepare: a record the previous key filed, as the functions wrote it before the rotation.
    await harness.beforeEach({
      CALLER_KEY_SECRET_REF: "ssm:/key-2",
      CALLER_KEY_PREVIOUS_SECRET_REF: "ssm:/key-1",
    });
    harness.secrets.parameters.set("/key-1", { type: "SecureString", value: previous });
    harness.secrets.parameters.set("/key-2", { type: "SecureString", value: current });
    await harness.dynamoDb.client.send(
      new PutItemCommand({
        TableName: harness.tableName,
        Item: {
          callerKey: { S: callerKey(caller, previous) },
          agentId: { S: takahashi },
          agentArn: { S: harness.connect.agentArn(takahashi) },
          lastContactId: { S: "c-1" },
          lastContactAt: { N: String(Date.now() - 60_000) },
          contactCount: { N: "3" },
          expiresAt: { N: String(Math.floor(Date.now() / 1000) + 86_400) },
        },
      }),
    );

    // Act
    const routed = await route(contactFlowEvent({ contactId: "c-2", address: caller }));
    await record(
      contactFlowEvent({ contactId: "c-2", address: caller, parameters: { agentId: takahashi } }),
    );

    // Assess
    expect(routed).toMatchObject({ agentId: takahashi, reason: "returning-caller" });
    const keys = (await harness.records())
      .map((item) => (item["callerKey"] as { S: string }).S)
      .sort();
    expect(keys).toEqual([callerKey(caller, previous), callerKey(caller, current)].sort());
  });

  it("signs the routing cursor with a key derived from the managed secret, without CURSOR_SIGNING_KEY", async () => {
    // Prepare
    await harness.beforeEach({
      CALLER_KEY_SECRET_REF: "ssm:/key-1",
      CURSOR_SIGNING_KEY: undefined,
    });
    harness.secrets.parameters.set("/key-1", { type: "SecureString", value: current });
    const routed = await route(contactFlowEvent({ contactId: "c-1", address: caller }));
    resetContainer();

    // Act: another container, the same secret.
    const next = await nextAgent(
      contactFlowEvent({ contactId: "c-1", parameters: { cursor: routed.cursor } }),
    );

    // Assess
    expect(routed.cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}$/);
    expect(next).toMatchObject({ status: "agent", reason: "next-candidate" });
  });

  it("keeps a contact's walk across a rotation: next-agent accepts the previous secret's cursor until the reference goes", async () => {
    // Prepare: route signs under key-1; then the stack rotates to key-2 (a new container).
    await harness.beforeEach({
      CALLER_KEY_SECRET_REF: "ssm:/key-1",
      // Named here so the harness restores them, whatever this test sets.
      CALLER_KEY_PREVIOUS_SECRET_REF: undefined,
      CURSOR_SIGNING_KEY: undefined,
    });
    harness.secrets.parameters.set("/key-1", { type: "SecureString", value: previous });
    harness.secrets.parameters.set("/key-2", { type: "SecureString", value: current });
    const before = await route(contactFlowEvent({ contactId: "c-1", address: caller }));
    resetContainer();
    process.env["CALLER_KEY_SECRET_REF"] = "ssm:/key-2";
    process.env["CALLER_KEY_PREVIOUS_SECRET_REF"] = "ssm:/key-1";

    // Act
    const during = await nextAgent(
      contactFlowEvent({ contactId: "c-1", parameters: { cursor: before.cursor } }),
    );
    const after = await route(contactFlowEvent({ contactId: "c-2", address: caller }));
    resetContainer();
    delete process.env["CALLER_KEY_PREVIOUS_SECRET_REF"];
    const rotated = await nextAgent(
      contactFlowEvent({ contactId: "c-1", parameters: { cursor: before.cursor } }),
    ).catch((error: unknown) => error);
    const fresh = await nextAgent(
      contactFlowEvent({ contactId: "c-2", parameters: { cursor: after.cursor } }),
    );

    // Assess
    expect(during).toMatchObject({ status: "agent", reason: "next-candidate" });
    expect(rotated).toMatchObject({ code: "INVALID_CURSOR" });
    expect(fresh).toMatchObject({ status: "agent", reason: "next-candidate" });
  });

  it("answers within the time budget when the secret store is slower than it on a cold start", async () => {
    // Prepare: 1 s left of the Lambda's time, so 0.5 s for the dependencies.
    await harness.beforeEach({ CALLER_KEY_SECRET_REF: "ssm:/slow" });
    harness.secrets.parameters.set("/slow", { type: "SecureString", value: current });
    harness.secrets.delayMs = 1_500;
    const context = { getRemainingTimeInMillis: () => 1_000 } as unknown as Context;

    // Act
    const cold = await route(
      contactFlowEvent({ contactId: "c-1", address: caller }),
      context,
    ).catch((error: unknown) => error);
    harness.secrets.delayMs = 0;
    const warm = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess: the first answer is the budget's error, the fetch it started serves the next one.
    expect(cold).toBeInstanceOf(TimeBudgetSpentError);
    expect(cold).toMatchObject({ code: "TIME_BUDGET_SPENT" });
    expect(warm.status).toBe("agent");
    expect(harness.secrets.calls.get("AmazonSSM.GetParameter")).toBe(1);
  });

  it("refuses the secret itself and a reference to it together", async () => {
    // Prepare
    await harness.beforeEach({
      CALLER_KEY_SECRET: "a-local-secret-value",
      CALLER_KEY_SECRET_REF: "ssm:/key",
    });

    // Act, Assess
    await expect(route(contactFlowEvent({ address: caller }))).rejects.toThrow(
      /CALLER_KEY_SECRET is set together with CALLER_KEY_SECRET_REF/,
    );
  });
});

describe("loadCallerKeys", () => {
  const read = async () => ({ value: current, parameterType: "SecureString" });

  it("answers no key at all when nothing is configured (raw numbers)", async () => {
    // Act, Assess
    expect(await loadCallerKeys({}, read)).toEqual({});
  });

  it("reads a table of raw numbers as the previous key", async () => {
    // Act
    const keys = await loadCallerKeys(
      { callerKeySecretRef: "ssm:/k", callerKeyPreviousSecretRef: "raw-number" },
      read,
    );

    // Assess
    expect(keys).toEqual({ callerKeySecret: current, previousCallerKey: "raw-number" });
  });

  it("refuses a previous key without a current one, or the same secret twice", async () => {
    // Act, Assess
    await expect(loadCallerKeys({ callerKeyPreviousSecretRef: "ssm:/old" }, read)).rejects.toThrow(
      /a previous key needs a current one/,
    );
    await expect(
      loadCallerKeys({ callerKeySecretRef: "ssm:/k", callerKeyPreviousSecretRef: "ssm:/k" }, read),
    ).rejects.toThrow(/equal to the current one/);
  });

  it("counts bytes, not characters", async () => {
    // Act
    const tenKanji = async () => ({
      value: "秘密の鍵です秘密の鍵で",
      parameterType: "SecureString",
    });

    // Assess: 11 characters, 33 bytes in UTF-8.
    await expect(
      fetchSecret("CALLER_KEY_SECRET_REF", { service: "ssm", id: "/k" }, tenKanji),
    ).resolves.toBe("秘密の鍵です秘密の鍵で");
  });
});

describe("parseSecretReference", () => {
  it.each([
    [
      "ssm:/connect-affinity/prod/caller-key",
      { service: "ssm", id: "/connect-affinity/prod/caller-key" },
    ],
    [
      "arn:aws:ssm:eu-west-2:123456789012:parameter/connect-affinity/key",
      {
        service: "ssm",
        id: "arn:aws:ssm:eu-west-2:123456789012:parameter/connect-affinity/key",
        region: "eu-west-2",
      },
    ],
    ["secretsmanager:prod/caller-key", { service: "secretsmanager", id: "prod/caller-key" }],
    [
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:caller-key-AbCdEf",
      {
        service: "secretsmanager",
        id: "arn:aws:secretsmanager:us-east-1:123456789012:secret:caller-key-AbCdEf",
        region: "us-east-1",
      },
    ],
  ])("reads %s", (text, expected) => {
    // Act, Assess
    expect(parseSecretReference(text)).toEqual(expected);
  });

  it.each(["a-secret-value-pasted-by-mistake", "ssm:", "ssm:has spaces", "kms:alias/x"])(
    "refuses %s",
    (text) => {
      // Act, Assess
      expect(parseSecretReference(text)).toBeUndefined();
    },
  );
});
