import { describe, expect, it } from "vitest";
import { keySettings, offlinePreview } from "../src/offline-preview.js";

describe("the offline preview of the dev stack", () => {
  it("shows the demo contact center and no caller-key secret (the dev stack stores raw numbers)", async () => {
    // Act
    const tree = await offlinePreview("dev", new URL("../", import.meta.url));

    // Assess
    expect(tree).toMatch(/^Stack dev: \d+ AWS resources in 3 components/);
    expect(tree).toContain("├─ DemoContactCenter connect-affinity-dev-demo");
    expect(tree).toContain("aws.connect.User connect-affinity-dev-demo-agent3  agent agent3");
    expect(tree).not.toContain("CallerKeySecrets");
    expect(tree).not.toContain("stale-presence");
  });

  it.each([
    ["aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 7 }, "retention 7 days"],
    [
      "aws:lambda/permission:Permission",
      { principal: "events.amazonaws.com" },
      "events.amazonaws.com may invoke",
    ],
    [
      "aws:kinesis/stream:Stream",
      { shardCount: 2, retentionPeriod: 48, encryptionType: "KMS" },
      "2 shard(s), 48 h, KMS",
    ],
    [
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      { comparisonOperator: "LessThanThreshold", threshold: 80, alarmActions: ["arn:topic"] },
      "LessThanThreshold 80 → SNS",
    ],
    [
      "aws:ssm/parameter:Parameter",
      { name: "/a/caller-key", type: "SecureString", keyId: "arn:key" },
      "/a/caller-key SecureString (value: secret), KMS arn:key",
    ],
    ["aws:iam/role:Role", {}, ""],
  ])("describes a %s", (type, inputs, expected) => {
    // Act, Assess
    expect(keySettings(type, inputs)).toBe(expected);
  });
});
