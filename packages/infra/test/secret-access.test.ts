import { describe, expect, it } from "vitest";
import { parseInstanceArn } from "../src/instance-arn.js";
import { secretAccessOf } from "../src/secret-access.js";
import { testInstanceArn } from "./helpers/pulumi-mocks.js";

const instance = parseInstanceArn(testInstanceArn);

describe("secretAccessOf", () => {
  it.each([
    [
      "ssm:/connect-affinity/prod/caller-key",
      "ssm",
      "arn:aws:ssm:ap-northeast-1:111122223333:parameter/connect-affinity/prod/caller-key",
    ],
    ["ssm:caller-key", "ssm", "arn:aws:ssm:ap-northeast-1:111122223333:parameter/caller-key"],
    [
      "secretsmanager:connect-affinity/caller-key",
      "secretsmanager",
      "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:connect-affinity/caller-key-??????",
    ],
    [
      "arn:aws:secretsmanager:eu-west-1:444455556666:secret:key-AbCdEf",
      "secretsmanager",
      "arn:aws:secretsmanager:eu-west-1:444455556666:secret:key-AbCdEf",
    ],
  ])("lets a role read %s as %s on %s", (reference, service, resourceArn) => {
    // Act, Assess
    expect(secretAccessOf(reference, instance)).toEqual({ reference, service, resourceArn });
  });

  it("refuses what is not a reference", () => {
    // Act, Assess
    expect(() => secretAccessOf("plain-secret", instance)).toThrow(/Not a secret reference/);
  });
});
