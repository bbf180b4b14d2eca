import { variableNames } from "@connect-affinity/handlers/manifest";
import { describe, expect, it } from "vitest";
import { lambdaEnvironment } from "../../src/runner/lambda-environment.js";

const input = {
  region: "ap-northeast-1",
  dynamoDbEndpoint: "http://127.0.0.1:4567",
  connectEndpoint: "http://127.0.0.1:4568",
  affinityTableName: "affinity-sim",
  instanceArn: "arn:aws:connect:ap-northeast-1:123456789012:instance/sim",
  maxAttempts: 3,
  presence: "event-stream",
  presenceTableName: "presence-sim",
  language: "ja-JP",
} as const;

describe("lambdaEnvironment", () => {
  it("gives the handlers their variables, as the manifest's writer spells them", () => {
    // Act
    const environment = lambdaEnvironment(input);

    // Assess
    expect(environment).toMatchObject({
      AFFINITY_TABLE_NAME: "affinity-sim",
      CONNECT_INSTANCE_ID: input.instanceArn,
      MAX_ATTEMPTS: "3",
      PRESENCE_SOURCE: "event-stream",
      PRESENCE_TABLE_NAME: "presence-sim",
      DEFAULT_CALLING_CODE: "81",
      RECORD_MESSAGE_LANGUAGE: "ja-JP",
      LOG_LEVEL: "SILENT",
      POWERTOOLS_LOG_LEVEL: "SILENT",
      POWERTOOLS_METRICS_DISABLED: "true",
    });
  });

  it("points the SDK clients at the local stand-ins with dummy credentials", () => {
    // Act
    const environment = lambdaEnvironment(input);

    // Assess
    expect(environment).toMatchObject({
      AWS_REGION: "ap-northeast-1",
      AWS_ENDPOINT_URL_DYNAMODB: input.dynamoDbEndpoint,
      AWS_ENDPOINT_URL_CONNECT: input.connectEndpoint,
      AWS_ACCESS_KEY_ID: "local",
      AWS_PROFILE: undefined,
    });
  });

  it("unsets every other handler variable, so the developer's shell cannot change a run", () => {
    // Act
    const environment = lambdaEnvironment(input);

    // Assess
    const { CALLER_KEY_SECRET, NEW_CALLER_STRATEGY, POWERTOOLS_SERVICE_NAME } = environment;
    for (const name of variableNames) expect(Object.keys(environment)).toContain(name);
    expect([CALLER_KEY_SECRET, NEW_CALLER_STRATEGY, POWERTOOLS_SERVICE_NAME]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("speaks the run's language and takes the run's extra settings", () => {
    // Act
    const environment = lambdaEnvironment({
      ...input,
      language: "en-US",
      extra: { NEW_CALLER_STRATEGY: "caller-hash", PREFERRED_AGENT_EXPIRY_SECONDS: "20" },
    });

    // Assess
    expect(environment).toMatchObject({
      RECORD_MESSAGE_LANGUAGE: "en-US",
      NEW_CALLER_STRATEGY: "caller-hash",
      PREFERRED_AGENT_EXPIRY_SECONDS: "20",
    });
  });
});
