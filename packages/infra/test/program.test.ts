import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type CapturedResource,
  installMocks,
  ofType,
  outputValue,
  testAccount,
  testInstanceArn,
  testQueueArn,
} from "./helpers/pulumi-mocks.js";

interface ProgramOutputs {
  readonly instanceArn: pulumi.Output<string>;
  readonly tableName: pulumi.Output<string>;
  readonly functionArns: pulumi.Output<Record<string, string>>;
  readonly flowId: pulumi.Output<string>;
  readonly flowArn: pulumi.Output<string>;
  readonly demoQueueArn: pulumi.Output<string> | undefined;
  readonly presenceTableName: pulumi.Output<string> | undefined;
  readonly agentEventStreamArn: pulumi.Output<string> | undefined;
  readonly region: pulumi.Output<string>;
  readonly callerKeySecretRef: pulumi.Output<string> | undefined;
  readonly callerKeyPreviousSecretRef: pulumi.Output<string> | undefined;
  readonly metricsNamespace: string;
  readonly dashboardName: pulumi.Output<string>;
}

let captured: CapturedResource[];
let program: ProgramOutputs;

// The built program, as `pulumi up` runs it (dist/index.js, Pulumi.yaml's `main`), with the
// stack's config where the Pulumi CLI would put it and the bundles the handlers' build wrote.
beforeAll(async () => {
  captured = await installMocks();
  pulumi.runtime.setAllConfig(
    {
      "connect-affinity:connectInstanceArn": testInstanceArn,
      "connect-affinity:fallbackQueueArn": testQueueArn,
      "connect-affinity:deletionProtection": "true",
      "connect-affinity:callerKeySecret": "a-caller-key-secret-of-at-least-32-bytes",
    },
    ["connect-affinity:callerKeySecret"],
  );
  const builtProgram: string = new URL("../dist/index.js", import.meta.url).href;
  program = (await import(builtProgram)) as ProgramOutputs;
  await Promise.all([
    outputValue(program.flowArn),
    outputValue(program.functionArns),
    outputValue(program.tableName),
  ]);
  // Packaging real bundles: generous on a shared machine.
}, 60_000);

describe("the built Pulumi program", () => {
  it("exports the instance, table name, function ARNs and the flow's ID and ARN", async () => {
    // Act
    const outputs = {
      instanceArn: await outputValue(program.instanceArn),
      tableName: await outputValue(program.tableName),
      functionArns: await outputValue(program.functionArns),
      flowId: await outputValue(program.flowId),
      flowArn: await outputValue(program.flowArn),
    };

    // Assess
    expect(outputs.instanceArn).toBe(testInstanceArn);
    expect(outputs.tableName).toBe("connect-affinity-test-affinity-0a1b2c3");
    expect(Object.keys(outputs.functionArns).sort()).toEqual([
      "contactEvent",
      "nextAgent",
      "record",
      "route",
      "routingCriteria",
    ]);
    expect(outputs.functionArns["route"]).toBe(
      `arn:aws:lambda:ap-northeast-1:${testAccount}:function:connect-affinity-test-route-0a1b2c3`,
    );
    expect(outputs.flowId).toBe("connect-affinity-test-flow-flow-id");
    expect(outputs.flowArn).toBe(
      `${testInstanceArn}/contact-flow/connect-affinity-test-flow-flow-id`,
    );
    expect(program.demoQueueArn).toBeUndefined();
    // The default presence source asks Connect: no stream, no presence table to export.
    expect(program.presenceTableName).toBeUndefined();
    expect(program.agentEventStreamArn).toBeUndefined();
  });

  it("deploys what the stack's config says", () => {
    // Act
    const table = ofType(captured, "aws:dynamodb/table:Table")[0];
    const flow = ofType(captured, "aws:connect/contactFlow:ContactFlow").find(
      (f) => f.inputs["type"] === "CONTACT_FLOW",
    );

    // Assess
    expect(table?.inputs["deletionProtectionEnabled"]).toBe(true);
    expect(flow?.inputs["content"]).toContain(testQueueArn);
  });

  it("keeps the caller-key secret out of the functions' environment, in a SecureString parameter", () => {
    // Act
    const route = ofType(captured, "aws:lambda/function:Function").find((r) =>
      r.name.endsWith("-route"),
    );
    const [parameter] = ofType(captured, "aws:ssm/parameter:Parameter");

    // Assess
    const environment = JSON.stringify(route?.inputs["environment"]);
    expect(environment).toContain(
      '"CALLER_KEY_SECRET_REF":"ssm:/connect-affinity-test/caller-key"',
    );
    expect(environment).not.toContain('CALLER_KEY_SECRET"');
    expect(environment).not.toContain("a-caller-key-secret");
    expect(parameter?.inputs).toMatchObject({
      name: "/connect-affinity-test/caller-key",
      type: "SecureString",
    });
    // The value stays a Pulumi secret (encrypted in the state).
    expect(JSON.stringify(parameter?.inputs["value"])).toContain(
      "4dabf18193072939515e22adb298388d",
    );
  });

  it("exports what the admin tool reads with --stack-outputs, and the dashboard", async () => {
    // Act
    const outputs = {
      region: await outputValue(program.region),
      callerKeySecretRef: await outputValue(program.callerKeySecretRef as pulumi.Output<string>),
      metricsNamespace: program.metricsNamespace,
      dashboardName: await outputValue(program.dashboardName),
    };

    // Assess
    expect(outputs).toEqual({
      region: "ap-northeast-1",
      callerKeySecretRef: "ssm:/connect-affinity-test/caller-key",
      metricsNamespace: "ConnectAffinity/test",
      dashboardName: "connect-affinity-test-monitoring",
    });
    expect(program.callerKeyPreviousSecretRef).toBeUndefined();
  });
});
