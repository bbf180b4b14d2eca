import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { StackConfigError } from "../src/errors.js";
import { stackFileValues } from "./helpers/config-source.js";
import { installMocks } from "./helpers/pulumi-mocks.js";

// `pulumi preview` runs the built program (dist/index.js) with the stack's config: this is the
// committed prod stack file without its caller-key secret reference.
beforeAll(async () => {
  await installMocks();
  const { callerKeySecretRef: _ref, ...values } = stackFileValues("prod");
  pulumi.runtime.setAllConfig(
    Object.fromEntries(
      Object.entries(values).map(([key, value]) => [`connect-affinity:${key}`, value]),
    ),
  );
});

describe("pulumi preview of a prod stack without a managed secret", () => {
  it("fails before any resource, with what to set", async () => {
    // Act
    const failure = await import(new URL("../dist/index.js", import.meta.url).href).catch(
      (error: unknown) => error,
    );

    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).toBe(StackConfigError.name);
    expect((failure as Error).message).toMatch(
      /callerKeySecret: stack test has no managed caller-key secret, so its table would hold raw phone numbers/,
    );
    expect((failure as Error).message).toMatch(/pulumi config set --secret callerKeySecret/);
  });
});
