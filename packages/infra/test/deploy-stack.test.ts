import { rmSync } from "node:fs";
import type * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployStack, type StackDeployment } from "../src/deploy-stack.js";
import { functionNames } from "../src/function-catalog.js";
import { readStackConfig } from "../src/stack-config.js";
import { makeBundleDirectory } from "./helpers/bundle-directory.js";
import { fakeConfig, stackFileValues } from "./helpers/config-source.js";
import {
  type CapturedResource,
  demoSecurityProfileId,
  installMocks,
  named,
  ofType,
  outputValue,
  registered,
  testAccount,
} from "./helpers/pulumi-mocks.js";

// How Pulumi marks a secret value on the wire (sdk/nodejs/runtime/rpc.ts).
const secretSignatureKey = "4dabf18193072939515e22adb298388d";
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";

let captured: CapturedResource[];
let bundleDirectory: string;

beforeAll(async () => {
  captured = await installMocks();
  bundleDirectory = makeBundleDirectory();
});

afterAll(() => rmSync(bundleDirectory, { recursive: true, force: true }));

function resourcesOf(deployment: StackDeployment): pulumi.Resource[] {
  const { routing, demo, monitoring, secrets } = deployment;
  return [
    monitoring.dashboard,
    ...Object.values(monitoring.alarms),
    ...(secrets === undefined ? [] : secrets.parameters),
    routing.table,
    routing.flow,
    routing.contactEventTarget,
    ...functionNames.flatMap((name) => Object.values(routing.functions[name])),
    ...Object.values(routing.flowAccess).flatMap((access) =>
      access === undefined ? [] : [access.permission, access.association],
    ),
    ...(demo === undefined
      ? []
      : [demo.instance, demo.hours, demo.queue, demo.routingProfile, ...demo.agents]),
    ...(routing.agentEventPresence === undefined
      ? []
      : [
          routing.agentEventPresence.presenceTable,
          routing.agentEventPresence.storageConfig,
          routing.agentEventPresence.eventSourceMapping,
        ]),
  ];
}

async function deployFrom(
  stack: string,
  values: Record<string, string>,
  secrets: Record<string, string> = {},
): Promise<{ deployment: StackDeployment; resources: CapturedResource[] }> {
  const before = captured.length;
  const deployment = deployStack(
    `app-${stack}`,
    readStackConfig(fakeConfig(values, secrets), stack),
    {
      bundleDirectory,
    },
  );
  await registered(resourcesOf(deployment));
  return { deployment, resources: captured.slice(before) };
}

describe("deployStack with the committed prod stack file", () => {
  let resources: CapturedResource[];

  beforeAll(async () => {
    ({ resources } = await deployFrom("prod", stackFileValues("prod")));
  });

  it("protects both tables from deletion and keeps every function's logs for a year", () => {
    // Act
    const tables = ofType(resources, "aws:dynamodb/table:Table");
    const retention = ofType(resources, "aws:cloudwatch/logGroup:LogGroup").map(
      (r) => r.inputs["retentionInDays"],
    );

    // Assess
    expect(tables.map((t) => [t.name, t.inputs["deletionProtectionEnabled"]])).toEqual([
      ["app-prod-affinity", true],
      ["app-prod-presence", true],
    ]);
    expect(retention).toEqual([365, 365, 365, 365, 365, 365, 365]);
    expect(ofType(resources, "aws:connect/instance:Instance")).toEqual([]);
    for (const fn of ofType(resources, "aws:lambda/function:Function")) {
      expect(fn.inputs["memorySize"]).toBe(512);
    }
  });

  it("reads presence from the agent event stream: one shard, a day of retention", () => {
    // Act
    const streams = ofType(resources, "aws:kinesis/stream:Stream");
    const storage = ofType(resources, "aws:connect/instanceStorageConfig:InstanceStorageConfig");
    const route = named(ofType(resources, "aws:lambda/function:Function"), "app-prod-route");

    // Assess
    expect(streams.map((s) => [s.inputs["shardCount"], s.inputs["retentionPeriod"]])).toEqual([
      [1, 24],
    ]);
    expect(storage.map((s) => s.inputs["resourceType"])).toEqual(["AGENT_EVENTS"]);
    expect(
      (route.inputs["environment"] as { variables: Record<string, string> }).variables,
    ).toMatchObject({
      PRESENCE_SOURCE: "event-stream",
      PRESENCE_TABLE_NAME: "app-prod-presence-0a1b2c3",
    });
  });
});

describe("deployStack with the committed dev stack file", () => {
  let resources: CapturedResource[];
  let deployment: StackDeployment;

  beforeAll(async () => {
    ({ deployment, resources } = await deployFrom("dev", stackFileValues("dev"), {
      demoAgentPassword: "Passw0rd-for-demo",
    }));
  });

  it("creates a demo instance with always-open hours, a queue, a routing profile and three agents", () => {
    // Act
    const [instance] = ofType(resources, "aws:connect/instance:Instance");
    const agents = ofType(resources, "aws:connect/user:User");

    // Assess
    expect(instance?.inputs).toMatchObject({
      instanceAlias: "connect-affinity-dev",
      identityManagementType: "CONNECT_MANAGED",
      inboundCallsEnabled: true,
    });
    expect(
      ofType(resources, "aws:connect/hoursOfOperation:HoursOfOperation")[0]?.inputs["configs"],
    ).toHaveLength(7);
    expect(ofType(resources, "aws:connect/queue:Queue")).toHaveLength(1);
    expect(ofType(resources, "aws:connect/routingProfile:RoutingProfile")[0]?.inputs).toMatchObject(
      {
        mediaConcurrencies: [{ channel: "VOICE", concurrency: 1 }],
        queueConfigs: [{ channel: "VOICE", queueId: "app-dev-demo-queue-queue-id" }],
      },
    );
    expect(agents.map((agent) => agent.inputs["name"])).toEqual(["agent1", "agent2", "agent3"]);
    for (const agent of agents) {
      expect(agent.inputs).toMatchObject({
        routingProfileId: "app-dev-demo-agents-profile-id",
        securityProfileIds: [demoSecurityProfileId],
      });
      // Still wrapped as a Pulumi secret: the state and the CLI never show it.
      expect(agent.inputs["password"]).toEqual({
        [secretSignatureKey]: secretSignature,
        value: "Passw0rd-for-demo",
      });
    }
  });

  it("routes on the demo instance and falls back to its queue", async () => {
    // Prepare
    const instanceArn = `arn:aws:connect:ap-northeast-1:${testAccount}:instance/app-dev-demo-instance-id`;

    // Act
    const flow = ofType(resources, "aws:connect/contactFlow:ContactFlow").find(
      (f) => f.inputs["type"] === "CONTACT_FLOW",
    );
    const permissions = ofType(resources, "aws:lambda/permission:Permission").filter(
      (r) => r.inputs["principal"] === "connect.amazonaws.com",
    );

    // Assess
    expect(await outputValue(deployment.instanceArn)).toBe(instanceArn);
    expect(flow?.inputs["instanceId"]).toBe("app-dev-demo-instance-id");
    expect(flow?.inputs["content"]).toContain(`${instanceArn}/queue/app-dev-demo-queue-queue-id`);
    for (const permission of permissions) expect(permission.inputs["sourceArn"]).toBe(instanceArn);
    expect(
      ofType(resources, "aws:dynamodb/table:Table")[0]?.inputs["deletionProtectionEnabled"],
    ).toBe(false);
  });
});
