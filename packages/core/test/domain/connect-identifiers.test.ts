import { describe, expect, it } from "vitest";
import { isAgentId, parseAgentArn } from "../../src/connect/index.js";
import { identifierLimits } from "../../src/contract/index.js";

const instanceArn =
  "arn:aws:connect:ap-northeast-1:111122223333:instance/5b1e7c3a-2f4d-4e8b-9a61-0c3d2e4f5a6b";

describe("parseAgentArn", () => {
  it("reads an agent ARN into its instance ARN and user ID", () => {
    // Act
    const parts = parseAgentArn(`${instanceArn}/agent/a1f0c2d4-0000-4000-8000-000000000001`);

    // Assess
    expect(parts).toEqual({ instanceArn, agentId: "a1f0c2d4-0000-4000-8000-000000000001" });
  });

  it.each([
    ["the watermark's key as agent ID", `${instanceArn}/agent/#stream`],
    ["an agent ID over 256 characters", `${instanceArn}/agent/${"a".repeat(257)}`],
    [
      "an instance ID over 100 characters",
      `arn:aws:connect:r:111122223333:instance/${"i".repeat(101)}/agent/u`,
    ],
    ["a queue ARN", `${instanceArn}/queue/q-1`],
    ["an empty agent ID", `${instanceArn}/agent/`],
    ["a path in the agent ID", `${instanceArn}/agent/a/b`],
    ["a 1 MB string", "a".repeat(1_048_576)],
    ["a number", 42],
  ])("refuses %s", (_case, value) => {
    // Act
    const parts = parseAgentArn(value);

    // Assess
    expect(parts).toBeUndefined();
  });

  it("accepts the longest agent ARN the limits allow", () => {
    // Prepare
    const longest = `arn:aws:connect:ap-northeast-1:111122223333:instance/${"i".repeat(identifierLimits.instanceId)}/agent/${"u".repeat(identifierLimits.agentId)}`;

    // Act
    const parts = parseAgentArn(longest);

    // Assess
    expect(parts?.agentId).toHaveLength(identifierLimits.agentId);
    expect(longest.length).toBeLessThanOrEqual(identifierLimits.agentArn);
  });
});

describe("isAgentId", () => {
  it.each([
    ["a UUID", "a1f0c2d4-0000-4000-8000-000000000001", true],
    ["256 characters", "a".repeat(256), true],
    ["257 characters", "a".repeat(257), false],
    ["a #", "#stream", false],
    ["a slash", "a/b", false],
    ["an empty string", "", false],
  ])("judges %s", (_case, value, accepted) => {
    expect(isAgentId(value)).toBe(accepted);
  });
});
