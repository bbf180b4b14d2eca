import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { pulumiConfigSource } from "../src/pulumi-config-source.js";
import { installMocks } from "./helpers/pulumi-mocks.js";

beforeAll(async () => {
  await installMocks();
  pulumi.runtime.setAllConfig(
    {
      "connect-affinity:flowLanguage": "ja-JP",
      "connect-affinity:callerKeySecret": "set-with-secret",
      "connect-affinity:callerKeyPreviousSecret": "set-in-plain-text",
    },
    ["connect-affinity:callerKeySecret"],
  );
});

describe("pulumiConfigSource", () => {
  it("reads plain keys, and secret keys with whether the stack holds them encrypted", () => {
    // Prepare
    const source = pulumiConfigSource("connect-affinity");

    // Act, Assess
    expect(source.get("flowLanguage")).toBe("ja-JP");
    expect(source.secret("callerKeySecret")).toEqual({ value: "set-with-secret", encrypted: true });
    expect(source.secret("callerKeyPreviousSecret")).toEqual({
      value: "set-in-plain-text",
      encrypted: false,
    });
    expect(source.secret("demoAgentPassword")).toBeUndefined();
  });
});
