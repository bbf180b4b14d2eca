import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SecretStoreStub, startSecretStoreStub } from "../src/secret-store-stub.js";

let store: SecretStoreStub;

beforeAll(async () => {
  store = await startSecretStoreStub();
});
afterAll(async () => {
  await store.close();
});

async function call(target: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(store.endpoint, {
    method: "POST",
    headers: { "x-amz-target": target, "content-type": "application/x-amz-json-1.1" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe("the secret store stub", () => {
  it("answers GetParameter with the parameter's type and value, by name or ARN", async () => {
    // Prepare
    store.parameters.set("/app/key", { type: "SecureString", value: "v" });

    // Act
    const byName = await call("AmazonSSM.GetParameter", { Name: "/app/key", WithDecryption: true });
    const byArn = await call("AmazonSSM.GetParameter", {
      Name: "arn:aws:ssm:ap-northeast-1:123456789012:parameter/app/key",
    });

    // Assess
    expect(byName).toMatchObject({
      status: 200,
      json: { Parameter: { Type: "SecureString", Value: "v" } },
    });
    expect(byArn.json).toEqual(byName.json);
    expect(store.calls.get("AmazonSSM.GetParameter")).toBe(2);
  });

  it("answers GetSecretValue, and each service's own not-found error", async () => {
    // Prepare
    store.secrets.set("app/key-AbCdEf", "s");

    // Act
    const found = await call("secretsmanager.GetSecretValue", {
      SecretId: "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:app/key-AbCdEf",
    });
    const missingSecret = await call("secretsmanager.GetSecretValue", { SecretId: "nope" });
    const missingParameter = await call("AmazonSSM.GetParameter", { Name: "/nope" });
    const unknown = await call("AmazonSSM.PutParameter", {});

    // Assess
    expect(found).toMatchObject({ status: 200, json: { SecretString: "s" } });
    expect(missingSecret).toMatchObject({
      status: 400,
      json: { __type: "ResourceNotFoundException" },
    });
    expect(missingParameter).toMatchObject({ status: 400, json: { __type: "ParameterNotFound" } });
    expect(unknown.status).toBe(400);
    expect(store.environment).toEqual({
      AWS_ENDPOINT_URL_SSM: store.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: store.endpoint,
    });
  });
  it("holds every answer for delayMs, and answers nothing to a client that gave up", async () => {
    // Prepare
    store.parameters.set("/slow/key", { type: "SecureString", value: "v" });
    store.delayMs = 150;
    const body = JSON.stringify({ Name: "/slow/key" });
    const headers = { "x-amz-target": "AmazonSSM.GetParameter" };

    // Act
    const startedAt = performance.now();
    const slow = await call("AmazonSSM.GetParameter", { Name: "/slow/key" });
    const waited = performance.now() - startedAt;
    const abandoned = fetch(store.endpoint, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(20),
    });
    const outcome = await abandoned.then(
      () => "answered",
      () => "gave up",
    );
    store.delayMs = 0;

    // Assess: not a timing assertion on the machine, only that the answer was held at all.
    expect(slow).toMatchObject({ status: 200, json: { Parameter: { Value: "v" } } });
    expect(waited).toBeGreaterThanOrEqual(100);
    expect(outcome).toBe("gave up");
  });
});
