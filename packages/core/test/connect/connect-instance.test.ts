import { describe, expect, it } from "vitest";
import { agentArnOf, parseConnectInstance } from "../../src/connect/index.js";
import { InvalidOptionError } from "../../src/domain/errors.js";

describe("parseConnectInstance", () => {
  it("reads the ID, Region and account out of an instance ARN", () => {
    // Act
    const instance = parseConnectInstance(
      "arn:aws:connect:eu-west-2:111122223333:instance/40c83b68-ea62-414c-97bb-d018e39e158e",
    );

    // Assess
    expect(instance).toEqual({
      instanceId: "40c83b68-ea62-414c-97bb-d018e39e158e",
      instanceArn:
        "arn:aws:connect:eu-west-2:111122223333:instance/40c83b68-ea62-414c-97bb-d018e39e158e",
      region: "eu-west-2",
      accountId: "111122223333",
    });
  });

  it("takes a bare instance ID as it is", () => {
    // Assess
    expect(parseConnectInstance("40c83b68-ea62-414c-97bb-d018e39e158e")).toEqual({
      instanceId: "40c83b68-ea62-414c-97bb-d018e39e158e",
    });
  });

  it.each([
    "",
    "arn:aws:connect:eu-west-2:111122223333:instance/i-1/queue/q-1",
    "arn:aws:s3:::bucket",
    "instance/i-1",
  ])("refuses %j with a clear error", (value) => {
    // Assess
    expect(() => parseConnectInstance(value)).toThrow(InvalidOptionError);
    expect(() => parseConnectInstance(value)).toThrow(/instance ID or instance ARN/);
  });
});

describe("agentArnOf", () => {
  it("keeps an agent ARN and rewrites a /user/ ARN to /agent/", () => {
    // Prepare
    const instance = "arn:aws:connect:eu-west-2:111122223333:instance/i-1";

    // Assess
    expect(agentArnOf(`${instance}/agent/u-1`)).toBe(`${instance}/agent/u-1`);
    expect(agentArnOf(`${instance}/user/u-1`)).toBe(`${instance}/agent/u-1`);
    expect(agentArnOf(`${instance}/queue/q-1`)).toBeUndefined();
    expect(agentArnOf(undefined)).toBeUndefined();
  });
});
