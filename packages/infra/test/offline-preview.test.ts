import { describe, expect, it } from "vitest";
import { keySettings, offlinePreview } from "../src/offline-preview.js";

describe("the offline preview", () => {
  it("prints the prod stack's resource tree with key settings, dashboard and alarms included", async () => {
    // Act
    const tree = await offlinePreview("prod", new URL("../", import.meta.url));

    // Assess
    const lines = tree.split("\n");
    expect(lines[0]).toMatch(/^Stack prod: \d+ AWS resources in 4 components \(offline/);
    expect(tree).toContain(
      "├─ aws.dynamodb.Table connect-affinity-prod-affinity  PAY_PER_REQUEST, key callerKey, TTL expiresAt, PITR, deletion protection",
    );
    expect(tree).toMatch(
      /│ {2}├─ AgentEventPresence connect-affinity-prod\n│ {2}│ {2}├─ aws\.dynamodb\.Table connect-affinity-prod-presence/,
    );
    expect(tree).toMatch(
      /aws\.lambda\.Function connect-affinity-prod-route {2}nodejs22\.x arm64, 512 MB, 5 s, env .*CALLER_KEY_SECRET_REF/,
    );
    expect(tree).toContain(
      "   ├─ aws.cloudwatch.MetricAlarm connect-affinity-prod-monitoring-hit-rate  LessThanThreshold 80",
    );
    expect(tree).toContain(
      "   └─ aws.cloudwatch.Dashboard connect-affinity-prod-monitoring  11 widgets",
    );
    expect(tree).not.toMatch(/CALLER_KEY_SECRET /);
  });

  it("names the stacks it knows when asked for another", async () => {
    // Act, Assess
    await expect(offlinePreview("staging", new URL("../", import.meta.url))).rejects.toThrow(
      /No Pulumi\.staging\.yaml .* try --stack dev or --stack prod/,
    );
  });

  it("says what a SecureString parameter holds without its value", () => {
    // Act
    const settings = keySettings("aws:ssm/parameter:Parameter", {
      name: "/app/caller-key",
      type: "SecureString",
      value: "never-shown",
    });

    // Assess
    expect(settings).toBe("/app/caller-key SecureString (value: secret)");
  });
});
