import { rmSync } from "node:fs";
import type * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployStack } from "../src/deploy-stack.js";
import { functionNames } from "../src/function-catalog.js";
import type { PolicyDocument, PolicyStatement } from "../src/iam-policies.js";
import { readStackConfig } from "../src/stack-config.js";
import { makeBundleDirectory } from "./helpers/bundle-directory.js";
import { fakeConfig, stackFileValues } from "./helpers/config-source.js";
import {
  type CapturedResource,
  installMocks,
  ofType,
  registered,
  testAccount,
} from "./helpers/pulumi-mocks.js";

const stackKey = `arn:aws:kms:ap-northeast-1:${testAccount}:key/aaaaaaaa-1111-4222-8333-444444444444`;
const otherKey = `arn:aws:kms:ap-northeast-1:${testAccount}:key/bbbbbbbb-1111-4222-8333-444444444444`;
const secret = "a-caller-key-secret-of-at-least-32-bytes-long";
const viaSsm = { StringEquals: { "kms:ViaService": ["ssm.ap-northeast-1.amazonaws.com"] } };

let captured: CapturedResource[];
let bundleDirectory: string;

beforeAll(async () => {
  captured = await installMocks();
  bundleDirectory = makeBundleDirectory();
});

afterAll(() => rmSync(bundleDirectory, { recursive: true, force: true }));

/** Deploys a stack from the prod file with `values` over it, and captures what it registers. */
async function deployWith(
  stack: string,
  values: Record<string, string>,
  secrets: Record<string, string> = {},
): Promise<CapturedResource[]> {
  const before = captured.length;
  const { routing, secrets: keys } = deployStack(
    `keys-${stack}`,
    readStackConfig(fakeConfig({ ...stackFileValues("prod"), ...values }, secrets), stack),
    { bundleDirectory },
  );
  const consumer = routing.agentEventPresence;
  const children: pulumi.Resource[] = [
    ...(keys === undefined ? [] : keys.parameters),
    ...functionNames.flatMap((name) => Object.values(routing.functions[name])),
    ...(consumer === undefined ? [] : [consumer.consumer, consumer.consumerPolicy]),
  ];
  await registered(children);
  return captured.slice(before);
}

/** Every role policy's statements, by the policy's resource name. */
function statementsByRole(
  resources: readonly CapturedResource[],
): Map<string, readonly PolicyStatement[]> {
  return new Map(
    ofType(resources, "aws:iam/rolePolicy:RolePolicy").map((policy) => [
      policy.name,
      (JSON.parse(String(policy.inputs["policy"])) as PolicyDocument).Statement,
    ]),
  );
}

function parameterKeys(resources: readonly CapturedResource[]): unknown[] {
  return ofType(resources, "aws:ssm/parameter:Parameter").map((p) => p.inputs["keyId"]);
}

describe("one customer managed key for the stack, the caller-key secret included", () => {
  let resources: CapturedResource[];

  beforeAll(async () => {
    resources = await deployWith(
      "unified",
      { callerKeySecretRef: "", kmsKeyArn: stackKey },
      { callerKeySecret: secret },
    );
  });

  it("encrypts the SecureString parameter the stack creates with the stack's key", () => {
    expect(parameterKeys(resources)).toEqual([stackKey]);
  });

  it("lets only the functions that read the secret decrypt with the key through SSM, decrypt only", () => {
    // Act
    const roles = statementsByRole(resources);
    const readers = [...roles].filter(([, statements]) =>
      statements.some((s) => s.Sid === "DecryptCallerKeySecret"),
    );

    // Assess: the five routing functions read it (next-agent for the cursor's key); the
    // agent-event consumer, the roster refresher and its schedule do not.
    const routing = [...roles.keys()].filter(
      (name) => !name.includes("agent-events") && !name.includes("roster-refresh"),
    );
    expect(routing).toHaveLength(5);
    expect(readers.map(([name]) => name).sort()).toEqual(routing.sort());
    for (const [, statements] of readers) {
      expect(statements.find((s) => s.Sid === "DecryptCallerKeySecret")).toEqual({
        Sid: "DecryptCallerKeySecret",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: [stackKey],
        Condition: viaSsm,
      });
      // The stack key's own grant stays with the services that store data under it.
      expect(JSON.stringify(statements.find((s) => s.Sid === "UseStackKey"))).not.toContain("ssm");
    }
  });
});

describe("a caller-key secret told otherwise", () => {
  it("keeps SSM's AWS managed key with aws-managed, and grants no decryption for it", async () => {
    // Act
    const resources = await deployWith(
      "awsmanaged",
      { callerKeySecretRef: "", kmsKeyArn: stackKey, callerKeySecretKmsKeyArn: "aws-managed" },
      { callerKeySecret: secret },
    );

    // Assess
    expect(parameterKeys(resources)).toEqual([undefined]);
    for (const [, statements] of statementsByRole(resources)) {
      expect(statements.some((s) => s.Sid === "DecryptCallerKeySecret")).toBe(false);
    }
  });

  it("uses its own key when callerKeySecretKmsKeyArn names one, beside the stack's", async () => {
    // Act
    const resources = await deployWith(
      "ownkey",
      { callerKeySecretRef: "", kmsKeyArn: stackKey, callerKeySecretKmsKeyArn: otherKey },
      { callerKeySecret: secret },
    );

    // Assess
    expect(parameterKeys(resources)).toEqual([otherKey]);
    const route = [...statementsByRole(resources)].find(([name]) => name.endsWith("-route"))?.[1];
    expect(route?.find((s) => s.Sid === "DecryptCallerKeySecret")?.Resource).toEqual([otherKey]);
    expect(route?.find((s) => s.Sid === "UseStackKey")?.Resource).toEqual([stackKey]);
  });

  it("does not assume the stack's key for a secret it only references", async () => {
    // Act: the prod file's reference to an existing parameter, under a stack key.
    const unknown = await deployWith("referenced", { kmsKeyArn: stackKey });
    const told = await deployWith("referencedkey", {
      kmsKeyArn: stackKey,
      callerKeySecretKmsKeyArn: otherKey,
    });

    // Assess
    expect(ofType(unknown, "aws:ssm/parameter:Parameter")).toEqual([]);
    for (const [, statements] of statementsByRole(unknown)) {
      expect(statements.some((s) => s.Sid === "DecryptCallerKeySecret")).toBe(false);
    }
    const route = [...statementsByRole(told)].find(([name]) => name.endsWith("-route"))?.[1];
    expect(route?.find((s) => s.Sid === "DecryptCallerKeySecret")).toMatchObject({
      Resource: [otherKey],
      Condition: viaSsm,
    });
  });
});
