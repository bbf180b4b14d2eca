import { rmSync } from "node:fs";
import { join } from "node:path";
import {
  agentIndexReservationAttributes,
  presenceTableDefinition,
} from "@connect-affinity/core/dynamodb";
import { validateFlow } from "@connect-affinity/flow-builder";
import type * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MissingBundleError, StickyAgentRoutingArgsError } from "../src/errors.js";
import { flowContent, flowOptionsFor } from "../src/flow-content.js";
import { type FunctionName, functionCatalog, functionNames } from "../src/function-catalog.js";
import type { PolicyDocument } from "../src/iam-policies.js";
import { StickyAgentRouting, type StickyAgentRoutingArgs } from "../src/sticky-agent-routing.js";
import { makeBundleDirectory } from "./helpers/bundle-directory.js";
import {
  type CapturedResource,
  installMocks,
  named,
  ofType,
  outputValue,
  registered,
  testAccount,
  testInstanceArn,
  testInstanceId,
  testQueueArn,
  testStandardQueueArn,
} from "./helpers/pulumi-mocks.js";

let captured: CapturedResource[];
// Built bundles are the handlers package's business; these tests package stand-ins, so they
// do not depend on that build (bundle-paths.test.ts checks the real ones are found).
let bundleDirectory: string;

beforeAll(async () => {
  captured = await installMocks();
  bundleDirectory = makeBundleDirectory();
});

afterAll(() => rmSync(bundleDirectory, { recursive: true, force: true }));

function bundleOf(fn: FunctionName): string {
  return join(bundleDirectory, `${functionCatalog[fn].slug}.mjs`);
}

/** Every child of the component, so a test can wait until all are registered. */
function childrenOf(routing: StickyAgentRouting): pulumi.Resource[] {
  return [
    routing.table,
    ...functionNames.flatMap((name) => Object.values(routing.functions[name])),
    ...Object.values(routing.flowAccess).flatMap((access) =>
      access === undefined ? [] : [access.permission, access.association],
    ),
    routing.contactEventRule,
    routing.contactEventTarget,
    routing.contactEventPermission,
    routing.flow,
    ...(routing.customerQueueFlow === undefined ? [] : [routing.customerQueueFlow]),
    ...(routing.generatedCursorKey === undefined ? [] : [routing.generatedCursorKey]),
    ...(routing.phoneNumberAssociation === undefined ? [] : [routing.phoneNumberAssociation]),
    ...(routing.agentEventPresence === undefined
      ? []
      : [
          routing.agentEventPresence.presenceTable,
          routing.agentEventPresence.stream,
          routing.agentEventPresence.storageConfig,
          routing.agentEventPresence.consumer,
          routing.agentEventPresence.consumerRole,
          routing.agentEventPresence.consumerPolicy,
          routing.agentEventPresence.consumerLogGroup,
          routing.agentEventPresence.eventSourceMapping,
          routing.agentEventPresence.failureQueue,
        ]),
  ];
}

/** Builds the component and waits until every child has been captured. */
async function deploy(
  name: string,
  args: Partial<StickyAgentRoutingArgs> = {},
): Promise<{ routing: StickyAgentRouting; resources: CapturedResource[] }> {
  const before = captured.length;
  const routing = new StickyAgentRouting(name, {
    instanceArn: testInstanceArn,
    bundleDirectory,
    // Where the customer queue flow moves a caller whose stay in an agent's queue reached its bound.
    standardQueueArn: testQueueArn,
    ...args,
  });
  await registered(childrenOf(routing));
  return { routing, resources: captured.slice(before) };
}

/** The customer queue flow's ARN the deployed agent-queue flow sets (from its content). */
function customerQueueFlowArnIn(resources: readonly CapturedResource[]): string {
  const main = ofType(resources, "aws:connect/contactFlow:ContactFlow").find(
    (flow) => flow.inputs["type"] === "CONTACT_FLOW",
  );
  const match = /"CustomerQueue": "([^"]+)"/.exec(String(main?.inputs["content"]));
  return match?.[1] ?? "";
}

function functionArnOf(name: string, fn: FunctionName): string {
  return `arn:aws:lambda:ap-northeast-1:${testAccount}:function:${name}-${functionCatalog[fn].slug}-0a1b2c3`;
}

describe("StickyAgentRouting (agent-queue variant)", () => {
  let resources: CapturedResource[];
  let routing: StickyAgentRouting;

  beforeAll(async () => {
    ({ routing, resources } = await deploy("sticky", {
      fallbackQueueArn: testQueueArn,
      deletionProtection: true,
      logRetentionDays: 30,
      maxAttempts: 4,
    }));
  });

  it("creates the table, five functions with roles and log groups, the flow and the event rule", () => {
    // Act
    const counts = Object.fromEntries(
      [...new Set(resources.map((r) => r.type))].map((type) => [
        type,
        ofType(resources, type).length,
      ]),
    );

    // Assess
    expect(counts).toEqual({
      "connect-affinity:index:StickyAgentRouting": 1,
      "aws:dynamodb/table:Table": 1,
      "aws:cloudwatch/logGroup:LogGroup": 5,
      "aws:iam/role:Role": 5,
      "aws:iam/rolePolicy:RolePolicy": 5,
      "aws:lambda/function:Function": 5,
      "aws:lambda/permission:Permission": 4,
      "aws:connect/lambdaFunctionAssociation:LambdaFunctionAssociation": 3,
      "aws:cloudwatch/eventRule:EventRule": 1,
      "aws:cloudwatch/eventTarget:EventTarget": 1,
      "aws:connect/contactFlow:ContactFlow": 2,
      "random:index/randomPassword:RandomPassword": 1,
    });
  });

  it("names every child after the component and parents it to the component", async () => {
    // Act
    const urns = await Promise.all(childrenOf(routing).map((child) => outputValue(child.urn)));

    // Assess
    for (const resource of resources) expect(resource.name).toMatch(/^sticky(-|$)/);
    for (const urn of urns) {
      expect(urn).toContain("connect-affinity:index:StickyAgentRouting$");
    }
  });

  it("makes the affinity table on-demand, with TTL, point-in-time recovery, encryption and deletion protection", () => {
    // Act
    const [table] = ofType(resources, "aws:dynamodb/table:Table");

    // Assess
    expect(table?.inputs).toMatchObject({
      billingMode: "PAY_PER_REQUEST",
      hashKey: "callerKey",
      attributes: [{ name: "callerKey", type: "S" }],
      ttl: { attributeName: "expiresAt", enabled: true },
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: true,
    });
  });

  it.each(functionNames)("runs %s on Node.js 22 on arm64 within Connect's 8 seconds", (fn) => {
    // Act
    const lambdaInputs = named(
      ofType(resources, "aws:lambda/function:Function"),
      `sticky-${functionCatalog[fn].slug}`,
    ).inputs;

    // Assess
    expect(lambdaInputs).toMatchObject({
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "index.handler",
      memorySize: 256,
      timeout: 5,
      loggingConfig: {
        logFormat: "JSON",
        logGroup: `/aws/lambda/sticky-${functionCatalog[fn].slug}`,
      },
    });
    expect(lambdaInputs["timeout"] as number).toBeLessThan(8);
  });

  it.each(functionNames)("packages the %s bundle alone, as index.mjs", async (fn) => {
    // Act
    const code = named(
      ofType(resources, "aws:lambda/function:Function"),
      `sticky-${functionCatalog[fn].slug}`,
    ).inputs["code"] as pulumi.asset.AssetArchive;
    const assets = await code.assets;

    // Assess
    expect(Object.keys(assets)).toEqual(["index.mjs"]);
    expect(await (assets["index.mjs"] as pulumi.asset.FileAsset).path).toBe(bundleOf(fn));
  });

  it("configures each function with the real table name and instance ARN", () => {
    // Act
    const environments = ofType(resources, "aws:lambda/function:Function").map(
      (r) => (r.inputs["environment"] as { variables: Record<string, string> }).variables,
    );

    // Assess
    for (const variables of environments) {
      expect(variables["AFFINITY_TABLE_NAME"]).toBe("sticky-affinity-0a1b2c3");
      expect(variables["CONNECT_INSTANCE_ID"]).toBe(testInstanceArn);
    }
  });

  it("keeps each function's logs in its own group for the configured days", () => {
    // Act
    const groups = ofType(resources, "aws:cloudwatch/logGroup:LogGroup").map((r) => r.inputs);

    // Assess
    expect(groups.map((g) => g["name"]).sort()).toEqual(
      functionNames.map((fn) => `/aws/lambda/sticky-${functionCatalog[fn].slug}`).sort(),
    );
    for (const group of groups) expect(group["retentionInDays"]).toBe(30);
  });

  it("gives every role policy statement specific actions and scoped resources", () => {
    // Act
    const documents = ofType(resources, "aws:iam/rolePolicy:RolePolicy").map(
      (r) => JSON.parse(r.inputs["policy"] as string) as PolicyDocument,
    );

    // Assess
    expect(documents).toHaveLength(5);
    for (const document of documents) {
      for (const statement of document.Statement) {
        for (const action of statement.Action) {
          expect(action).not.toContain("*");
        }
        for (const resource of statement.Resource) {
          expect(resource).not.toBe("*");
          expect(
            resource.startsWith(testInstanceArn) ||
              resource ===
                `arn:aws:dynamodb:ap-northeast-1:${testAccount}:table/sticky-affinity-0a1b2c3` ||
              resource.startsWith(
                `arn:aws:logs:ap-northeast-1:${testAccount}:log-group:/aws/lambda/sticky-`,
              ),
          ).toBe(true);
        }
      }
    }
  });

  it("scopes each function's log writes to its own log group", () => {
    // Act
    const policy = named(ofType(resources, "aws:iam/rolePolicy:RolePolicy"), "sticky-next-agent")
      .inputs["policy"] as string;

    // Assess
    const logs = (JSON.parse(policy) as PolicyDocument).Statement.find(
      (s) => s.Sid === "WriteOwnLogs",
    );
    expect(logs?.Resource).toEqual([
      `arn:aws:logs:ap-northeast-1:${testAccount}:log-group:/aws/lambda/sticky-next-agent:*`,
    ]);
  });

  it("lets Connect invoke the flow's functions only from this instance and account", () => {
    // Act
    const permissions = ofType(resources, "aws:lambda/permission:Permission").filter(
      (r) => r.inputs["principal"] === "connect.amazonaws.com",
    );

    // Assess
    expect(permissions.map((p) => p.inputs["function"]).sort()).toEqual(
      ["route", "next-agent", "record"].map((slug) => `sticky-${slug}-0a1b2c3`).sort(),
    );
    for (const permission of permissions) {
      expect(permission.inputs).toMatchObject({
        action: "lambda:InvokeFunction",
        sourceArn: testInstanceArn,
        sourceAccount: testAccount,
      });
    }
  });

  it("associates exactly the functions the flow calls with the instance", () => {
    // Act
    const associations = ofType(
      resources,
      "aws:connect/lambdaFunctionAssociation:LambdaFunctionAssociation",
    ).map((r) => r.inputs);

    // Assess: in any order (the mocks register them as their functions' ARNs resolve).
    expect(associations).toHaveLength(3);
    expect(associations).toEqual(
      expect.arrayContaining(
        (["route", "nextAgent", "record"] as const).map((fn) => ({
          instanceId: testInstanceId,
          functionArn: functionArnOf("sticky", fn),
        })),
      ),
    );
  });

  it("sends this instance's CONNECTED_TO_AGENT events to the contact-event function", () => {
    // Act
    const rule = ofType(resources, "aws:cloudwatch/eventRule:EventRule")[0];
    const target = ofType(resources, "aws:cloudwatch/eventTarget:EventTarget")[0];
    const permission = ofType(resources, "aws:lambda/permission:Permission").find(
      (r) => r.inputs["principal"] === "events.amazonaws.com",
    );

    // Assess
    expect(JSON.parse(rule?.inputs["eventPattern"] as string)).toEqual({
      source: ["aws.connect"],
      "detail-type": ["Amazon Connect Contact Event"],
      detail: { eventType: ["CONNECTED_TO_AGENT"], instanceArn: [testInstanceArn] },
    });
    expect(target?.inputs).toMatchObject({
      rule: "sticky-connected-to-agent-0a1b2c3",
      arn: functionArnOf("sticky", "contactEvent"),
    });
    expect(permission?.inputs).toMatchObject({
      action: "lambda:InvokeFunction",
      function: "sticky-contact-event-0a1b2c3",
      sourceArn: `arn:aws:events:ap-northeast-1:${testAccount}:rule/sticky-connected-to-agent-0a1b2c3`,
    });
  });

  it("deploys flow-builder's validated flow with the real function ARNs and the fallback queue", () => {
    // Prepare
    const arns = Object.fromEntries(
      functionNames.map((fn) => [fn, functionArnOf("sticky", fn)]),
    ) as {
      [F in FunctionName]: string;
    };
    const expected = flowContent(
      "agent-queue",
      flowOptionsFor(
        {
          variant: "agent-queue",
          maxAttempts: 4,
          lambdaTimeLimitSeconds: 5,
          language: "en-US",
          fallbackQueueArn: testQueueArn,
          standardQueueArn: testQueueArn,
          customerQueueFlowArn: customerQueueFlowArnIn(resources),
        },
        arns,
      ),
    );

    // Act
    const flow = ofType(resources, "aws:connect/contactFlow:ContactFlow").find(
      (f) => f.inputs["type"] === "CONTACT_FLOW",
    );

    // Assess
    expect(flow?.inputs).toMatchObject({ instanceId: testInstanceId, type: "CONTACT_FLOW" });
    expect(flow?.inputs["content"]).toBe(expected);
    expect(
      validateFlow(JSON.parse(flow?.inputs["content"] as string), { profile: "strict" }),
    ).toEqual([]);
    expect(flow?.inputs["content"]).toContain(testQueueArn);
  });

  it("deploys no agent event stream, consumer or presence table with connect-api presence", () => {
    // Act
    const types = new Set(resources.map((r) => r.type));

    // Assess
    expect(routing.agentEventPresence).toBeUndefined();
    expect(types).not.toContain("aws:kinesis/stream:Stream");
    expect(types).not.toContain("aws:connect/instanceStorageConfig:InstanceStorageConfig");
    expect(types).not.toContain("aws:lambda/eventSourceMapping:EventSourceMapping");
    expect(types).not.toContain("connect-affinity:index:AgentEventPresence");
    expect(ofType(resources, "aws:dynamodb/table:Table").map((r) => r.name)).toEqual([
      "sticky-affinity",
    ]);
  });

  it("exports the table name, function ARNs and the flow's ID and ARN", async () => {
    // Act
    const outputs = await outputValue(routing.functionArns);
    const flowId = await outputValue(routing.flow.contactFlowId);

    // Assess
    expect(outputs.route).toBe(functionArnOf("sticky", "route"));
    expect(flowId).toBe("sticky-flow-flow-id");
    expect(await outputValue(routing.table.name)).toBe("sticky-affinity-0a1b2c3");
  });
});

describe("StickyAgentRouting with a bounded wait", () => {
  it("deploys the customer queue flow as a CUSTOMER_QUEUE flow and the agent-queue flow sets its ARN", async () => {
    // Act
    const { routing, resources } = await deploy("wait", {
      fallbackQueueArn: testQueueArn,
      standardQueueArn: testStandardQueueArn,
      preferredWaitSeconds: 30,
    });

    // Assess
    const flows = ofType(resources, "aws:connect/contactFlow:ContactFlow");
    expect(flows.map((flow) => flow.inputs["type"]).sort()).toEqual([
      "CONTACT_FLOW",
      "CUSTOMER_QUEUE",
    ]);
    const queueFlow = flows.find((flow) => flow.inputs["type"] === "CUSTOMER_QUEUE");
    const queueContent = JSON.parse(String(queueFlow?.inputs["content"]));
    expect(validateFlow(queueContent, { flowType: "CUSTOMER_QUEUE", profile: "strict" })).toEqual(
      [],
    );
    expect(JSON.stringify(queueContent)).toContain(`"InterruptFrequencySeconds":"30"`);
    expect(JSON.stringify(queueContent)).toContain(`"QueueId":"${testStandardQueueArn}"`);
    if (routing.customerQueueFlow === undefined) throw new Error("no customer queue flow");
    const queueFlowArn = await outputValue(routing.customerQueueFlow.arn);
    const main = flows.find((flow) => flow.inputs["type"] === "CONTACT_FLOW");
    const content = JSON.parse(String(main?.inputs["content"]));
    expect(JSON.stringify(content)).toContain(`"CustomerQueue":"${queueFlowArn}"`);
    expect(validateFlow(content, { profile: "strict" })).toEqual([]);
  });

  it("deploys the customer queue flow with the 5 s guard without a wait, and none for the routing-criteria variant", async () => {
    const { routing: without } = await deploy("no-wait", {
      fallbackQueueArn: testQueueArn,
      preferredWaitSeconds: 0,
    });
    const { routing: native, resources } = await deploy("native-wait", {
      flowVariant: "routing-criteria",
      standardQueueArn: testStandardQueueArn,
      preferredWaitSeconds: 12,
      preferredAgentExpirySeconds: 40,
    });
    const guard = await new Promise<string>((resolve) => {
      without.customerQueueFlow?.content.apply((content) => resolve(content ?? ""));
    });
    expect(guard).toContain(`"InterruptFrequencySeconds": "5"`);
    expect(native.customerQueueFlow).toBeUndefined();
    // The native variant waits in its first routing step instead; the others keep the expiry.
    const content = String(
      ofType(resources, "aws:connect/contactFlow:ContactFlow").find(
        (f) => f.inputs["type"] === "CONTACT_FLOW",
      )?.inputs["content"],
    );
    expect(content).toContain(`"DurationInSeconds": "12"`);
    expect(content).toContain(`"DurationInSeconds": "40"`);
  });

  it("tells route and routing-criteria the wait the flow bounds, and raises a waiting caller's priority", async () => {
    // Act
    const { resources } = await deploy("told", {
      fallbackQueueArn: testQueueArn,
      binding: "required",
      requiredWaitSeconds: 75,
      waitPriority: 2,
    });

    // Assess
    const variablesOf = (slug: string): Record<string, string> =>
      (
        named(ofType(resources, "aws:lambda/function:Function"), `told-${slug}`).inputs[
          "environment"
        ] as { variables: Record<string, string> }
      ).variables;
    expect(variablesOf(functionCatalog.route.slug)["PREFERRED_WAIT_SECONDS"]).toBe("75");
    expect(variablesOf(functionCatalog.routingCriteria.slug)["PREFERRED_WAIT_SECONDS"]).toBe("75");
    expect(variablesOf(functionCatalog.nextAgent.slug)["PREFERRED_WAIT_SECONDS"]).toBeUndefined();
    const main = ofType(resources, "aws:connect/contactFlow:ContactFlow").find(
      (flow) => flow.inputs["type"] === "CONTACT_FLOW",
    );
    expect(String(main?.inputs["content"])).toContain(`"QueuePriority": "2"`);
  });

  it("refuses a wait with no queue to move the caller to", () => {
    const act = (): StickyAgentRouting =>
      new StickyAgentRouting("nowhere", {
        instanceArn: testInstanceArn,
        bundleDirectory,
        preferredWaitSeconds: 30,
      });
    expect(act).toThrow(StickyAgentRoutingArgsError);
    expect(act).toThrow(/standardQueueArn or fallbackQueueArn/);
  });
});

describe("StickyAgentRouting (routing-criteria variant)", () => {
  it("associates only the routing-criteria function and routes through the standard queue", async () => {
    // Act
    const { resources } = await deploy("native", {
      flowVariant: "routing-criteria",
      standardQueueArn: testStandardQueueArn,
    });

    // Assess
    const associations = ofType(
      resources,
      "aws:connect/lambdaFunctionAssociation:LambdaFunctionAssociation",
    );
    expect(associations.map((r) => r.inputs["functionArn"])).toEqual([
      functionArnOf("native", "routingCriteria"),
    ]);
    const content = ofType(resources, "aws:connect/contactFlow:ContactFlow").find(
      (f) => f.inputs["type"] === "CONTACT_FLOW",
    )?.inputs["content"] as string;
    expect(content).toContain(testStandardQueueArn);
    expect(content).toContain(functionArnOf("native", "routingCriteria"));
    expect(validateFlow(JSON.parse(content), { profile: "strict" })).toEqual([]);
  });

  it("refuses to build without a standard queue", () => {
    // Act
    const act = (): StickyAgentRouting =>
      new StickyAgentRouting("no-queue", {
        instanceArn: testInstanceArn,
        bundleDirectory,
        flowVariant: "routing-criteria",
      });

    // Assess
    expect(act).toThrow(StickyAgentRoutingArgsError);
    expect(act).toThrow(/standardQueueArn is required by the routing-criteria variant/);
  });

  it("refuses opt-outs with event-stream presence, whose shared roster does not carry them", () => {
    // Act
    const act = (): StickyAgentRouting =>
      new StickyAgentRouting("opt-out-stream", {
        standardQueueArn: testQueueArn,
        instanceArn: testInstanceArn,
        bundleDirectory,
        presence: { source: "event-stream" },
        optOut: { tags: { sticky: "off" } },
      });

    // Assess
    expect(act).toThrow(StickyAgentRoutingArgsError);
    expect(act).toThrow(/optOut is not supported with event-stream presence/);
  });
});

describe("StickyAgentRouting with a customer managed KMS key", () => {
  const key = "arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  it("encrypts the tables, log groups, environments, stream and failure queue with it", async () => {
    // Act
    const { resources } = await deploy("kms", {
      kmsKeyArn: key,
      presence: { source: "event-stream" },
    });

    // Assess
    for (const table of ofType(resources, "aws:dynamodb/table:Table")) {
      expect(table.inputs["serverSideEncryption"]).toEqual({ enabled: true, kmsKeyArn: key });
    }
    for (const group of ofType(resources, "aws:cloudwatch/logGroup:LogGroup")) {
      expect(group.inputs["kmsKeyId"]).toBe(key);
    }
    for (const lambda of ofType(resources, "aws:lambda/function:Function")) {
      expect(lambda.inputs["kmsKeyArn"]).toBe(key);
    }
    expect(ofType(resources, "aws:kinesis/stream:Stream")[0]?.inputs["kmsKeyId"]).toBe(key);
    expect(ofType(resources, "aws:sqs/queue:Queue")[0]?.inputs).toMatchObject({
      kmsMasterKeyId: key,
    });
    // Every function's role; the refresher's schedule only invokes it, and holds no data.
    const policies = ofType(resources, "aws:iam/rolePolicy:RolePolicy")
      .filter((r) => !r.name.endsWith("-schedule"))
      .map((r) => JSON.parse(r.inputs["policy"] as string) as PolicyDocument);
    expect(policies).toHaveLength(7);
    for (const policy of policies) {
      expect(policy.Statement.find((s) => s.Sid === "UseStackKey")?.Resource).toEqual([key]);
    }
  });

  it("leaves AWS managed keys in place without it", async () => {
    // Act
    const { resources } = await deploy("nokms");

    // Assess
    expect(
      ofType(resources, "aws:dynamodb/table:Table")[0]?.inputs["serverSideEncryption"],
    ).toEqual({
      enabled: true,
    });
    expect(ofType(resources, "aws:lambda/function:Function")[0]?.inputs).not.toHaveProperty(
      "kmsKeyArn",
    );
  });
});

describe("StickyAgentRouting cursor signing key", () => {
  function environmentOf(resources: CapturedResource[], name: string, fn: FunctionName) {
    return (
      named(
        ofType(resources, "aws:lambda/function:Function"),
        `${name}-${functionCatalog[fn].slug}`,
      ).inputs["environment"] as { variables: Record<string, string> }
    ).variables;
  }

  it("generates a key for route and next-agent when the stack sets no caller-key secret", async () => {
    // Act
    const { routing, resources } = await deploy("keyed");

    // Assess
    expect(routing.generatedCursorKey).toBeDefined();
    expect(named(resources, "keyed-cursor-signing-key").inputs).toMatchObject({
      length: 48,
      special: false,
    });
    const generated = "generated-keyed-cursor-signing-key-".padEnd(48, "x");
    expect(environmentOf(resources, "keyed", "route")["CURSOR_SIGNING_KEY"]).toBe(generated);
    expect(environmentOf(resources, "keyed", "nextAgent")["CURSOR_SIGNING_KEY"]).toBe(generated);
    expect(environmentOf(resources, "keyed", "record")).not.toHaveProperty("CURSOR_SIGNING_KEY");
  });

  it("generates none when the caller-key secret is set: the handlers derive the key from it", async () => {
    // Act
    const { routing, resources } = await deploy("secretkeyed", {
      callerKeySecret: { reference: "ssm:/connect-affinity/test/caller-key" },
    });

    // Assess
    expect(routing.generatedCursorKey).toBeUndefined();
    expect(ofType(resources, "random:index/randomPassword:RandomPassword")).toEqual([]);
    const nextAgent = environmentOf(resources, "secretkeyed", "nextAgent");
    expect(nextAgent["CALLER_KEY_SECRET_REF"]).toBe("ssm:/connect-affinity/test/caller-key");
    expect(nextAgent).not.toHaveProperty("CALLER_KEY_SECRET");
    expect(nextAgent).not.toHaveProperty("CURSOR_SIGNING_KEY");
  });

  it("keeps the generated key while a table of raw numbers moves to its first secret", async () => {
    // Act
    const { routing, resources } = await deploy("moving", {
      callerKeySecret: { reference: "ssm:/connect-affinity/test/caller-key" },
      previousCallerKey: "raw-number",
    });

    // Assess: the same resource name, so the same key the cursors in flight were signed with.
    expect(routing.generatedCursorKey).toBeDefined();
    const generated = "generated-moving-cursor-signing-key-".padEnd(48, "x");
    const nextAgent = environmentOf(resources, "moving", "nextAgent");
    expect(nextAgent).toMatchObject({
      CALLER_KEY_SECRET_REF: "ssm:/connect-affinity/test/caller-key",
      CALLER_KEY_PREVIOUS_SECRET_REF: "raw-number",
      CURSOR_SIGNING_KEY: generated,
    });
    expect(environmentOf(resources, "moving", "record")).not.toHaveProperty("CURSOR_SIGNING_KEY");
  });
});

describe("StickyAgentRouting options", () => {
  it.each([4, 9, 5.5])(
    "refuses a Lambda timeout of %s s: it must sit above the 4 s budget, within Connect's 8",
    (seconds) => {
      // Act
      const act = () =>
        new StickyAgentRouting("timeout", {
          standardQueueArn: testQueueArn,
          instanceArn: testInstanceArn,
          bundleDirectory,
          lambdaTimeoutSeconds: seconds,
        });

      // Assess
      expect(act).toThrow(/lambdaTimeoutSeconds.*4-second answer budget/);
    },
  );

  it("gives the functions and the flow's Lambda calls the same time limit, above the budget", async () => {
    // Act
    const { resources } = await deploy("timed", { lambdaTimeoutSeconds: 6 });

    // Assess
    const timeouts = ofType(resources, "aws:lambda/function:Function").map(
      (r) => r.inputs["timeout"],
    );
    expect(new Set(timeouts)).toEqual(new Set([6]));
    const content = JSON.parse(
      String(
        ofType(resources, "aws:connect/contactFlow:ContactFlow").find(
          (f) => f.inputs["type"] === "CONTACT_FLOW",
        )?.inputs["content"],
      ),
    ) as { Actions: { Type: string; Parameters: Record<string, unknown> }[] };
    const limits = content.Actions.filter((action) => action.Type === "InvokeLambdaFunction").map(
      (action) => action.Parameters["InvocationTimeLimitSeconds"],
    );
    expect(limits.length).toBeGreaterThan(0);
    expect(new Set(limits)).toEqual(new Set(["6"]));
  });

  it("points a configured phone number at the flow", async () => {
    // Act
    const { resources } = await deploy("phone", { phoneNumberId: "phone-number-1" });

    // Assess
    const [association] = ofType(
      resources,
      "aws:connect/phoneNumberContactFlowAssociation:PhoneNumberContactFlowAssociation",
    );
    expect(association?.inputs).toEqual({
      instanceId: testInstanceId,
      phoneNumberId: "phone-number-1",
      contactFlowId: "phone-flow-flow-id",
    });
  });

  it("leaves deletion protection off unless asked", async () => {
    // Act
    const { resources } = await deploy("unprotected");

    // Assess
    expect(
      ofType(resources, "aws:dynamodb/table:Table")[0]?.inputs["deletionProtectionEnabled"],
    ).toBe(false);
  });

  it("rejects an instance ARN that is not one before creating anything", () => {
    // Act
    const act = (): StickyAgentRouting =>
      new StickyAgentRouting("bad-arn", {
        standardQueueArn: testQueueArn,
        instanceArn: testQueueArn,
        bundleDirectory,
      });

    // Assess
    expect(act).toThrow(/Expected an Amazon Connect instance ARN/);
  });

  describe("with a bundle directory", () => {
    let directory: string;

    beforeAll(() => {
      directory = makeBundleDirectory(functionNames.filter((fn) => fn !== "contactEvent"));
    });

    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it("names the missing bundle and how to build it", () => {
      // Act
      const act = (): StickyAgentRouting =>
        new StickyAgentRouting("partial", {
          standardQueueArn: testQueueArn,
          instanceArn: testInstanceArn,
          bundleDirectory: directory,
        });

      // Assess
      expect(act).toThrow(MissingBundleError);
      expect(act).toThrow(
        /contactEvent Lambda bundle is missing .*contact-event\.mjs.*pnpm turbo run build/,
      );
    });

    it("names the missing agent-event consumer bundle with event-stream presence", () => {
      // Prepare
      const withoutConsumer = makeBundleDirectory(functionNames);

      // Act
      const act = (): StickyAgentRouting =>
        new StickyAgentRouting("no-consumer", {
          standardQueueArn: testQueueArn,
          instanceArn: testInstanceArn,
          bundleDirectory: withoutConsumer,
          presence: { source: "event-stream" },
        });

      // Assess
      try {
        expect(act).toThrow(/agentEvents Lambda bundle is missing .*agent-events\.mjs/);
      } finally {
        rmSync(withoutConsumer, { recursive: true, force: true });
      }
    });
  });
});

describe("StickyAgentRouting (identity, scope and credit)", () => {
  let resources: CapturedResource[];

  beforeAll(async () => {
    ({ resources } = await deploy("credit", {
      identitySources: ["customer-key", "phone"],
      customerKey: "$.Attributes.crmCustomerId",
      affinityScope: "channel",
      affinityScopeLifetimes: { CHAT: 1, VOICE: 30 },
      minimumTalkSeconds: 45,
      transferCredit: "first",
      creditOutbound: true,
      optOut: { tags: { "sticky-routing": "off" } },
    }));
  });

  function environmentOf(fn: FunctionName): Record<string, string> {
    return (
      named(ofType(resources, "aws:lambda/function:Function"), `credit-${functionCatalog[fn].slug}`)
        .inputs["environment"] as { variables: Record<string, string> }
    ).variables;
  }

  function policyOf(fn: FunctionName): PolicyDocument {
    return JSON.parse(
      named(
        ofType(resources, "aws:iam/rolePolicy:RolePolicy"),
        `credit-${functionCatalog[fn].slug}`,
      ).inputs["policy"] as string,
    ) as PolicyDocument;
  }

  const actionsOf = (fn: FunctionName): string[] =>
    policyOf(fn).Statement.flatMap((statement) => [...statement.Action]);

  it("subscribes to DISCONNECTED contact events when a minimum talk time is set", () => {
    const rule = ofType(resources, "aws:cloudwatch/eventRule:EventRule")[0];
    expect(JSON.parse(rule?.inputs["eventPattern"] as string)).toEqual({
      source: ["aws.connect"],
      "detail-type": ["Amazon Connect Contact Event"],
      detail: { eventType: ["DISCONNECTED"], instanceArn: [testInstanceArn] },
    });
  });

  it("gives each function the identity, scope and credit settings it reads", () => {
    expect(environmentOf("route")).toMatchObject({
      IDENTITY_SOURCES: "customer-key,phone",
      AFFINITY_SCOPE: "channel",
      OPT_OUT_TAGS: "sticky-routing=off",
    });
    expect(environmentOf("route")["MINIMUM_TALK_SECONDS"]).toBeUndefined();
    expect(environmentOf("contactEvent")).toMatchObject({
      AFFINITY_SCOPE_LIFETIMES: "CHAT=1,VOICE=30",
      MINIMUM_TALK_SECONDS: "45",
      TRANSFER_CREDIT: "first",
      CREDIT_OUTBOUND: "true",
    });
  });

  it("lets contact-event describe contacts, and reads agents with SearchUsers for the opt-out", () => {
    expect(actionsOf("contactEvent")).toContain("connect:DescribeContact");
    expect(actionsOf("route")).not.toContain("connect:DescribeContact");
    for (const fn of functionNames) {
      expect(actionsOf(fn)).toContain("connect:SearchUsers");
      expect(actionsOf(fn)).not.toContain("connect:ListUsers");
    }
  });

  it("passes the customer key to the Lambdas in the flow", () => {
    const flow = JSON.parse(
      ofType(resources, "aws:connect/contactFlow:ContactFlow").find(
        (f) => f.inputs["type"] === "CONTACT_FLOW",
      )?.inputs["content"] as string,
    ) as { Actions: { Identifier: string; Parameters: Record<string, unknown> }[] };
    const route = flow.Actions.find((action) => action.Identifier === "invoke-route");
    expect(route?.Parameters["LambdaInvocationAttributes"]).toEqual({
      customerKey: "$.Attributes.crmCustomerId",
    });
  });

  it("looks callers up in Customer Profiles when asked, and refuses it with a customer key", async () => {
    // Act
    const { resources: profiled } = await deploy("profiled", { customerProfile: true });
    const both = (): StickyAgentRouting =>
      new StickyAgentRouting("both", {
        standardQueueArn: testQueueArn,
        instanceArn: testInstanceArn,
        bundleDirectory,
        customerKey: "$.Attributes.crmCustomerId",
        customerProfile: true,
      });

    // Assess
    const content = ofType(profiled, "aws:connect/contactFlow:ContactFlow").find(
      (f) => f.inputs["type"] === "CONTACT_FLOW",
    )?.inputs["content"] as string;
    expect(content).toContain('"Type": "GetCustomerProfile"');
    expect(content).toContain("$.Customer.ProfileId");
    expect(both).toThrow(StickyAgentRoutingArgsError);
  });
});

describe("StickyAgentRouting (event-stream presence)", () => {
  const presenceTableArn = `arn:aws:dynamodb:ap-northeast-1:${testAccount}:table/stream-presence-0a1b2c3`;
  const streamArn = `arn:aws:kinesis:ap-northeast-1:${testAccount}:stream/stream-agent-events-0a1b2c3`;
  const failureQueueArn = `arn:aws:sqs:ap-northeast-1:${testAccount}:stream-agent-events-failures-0a1b2c3`;
  const consumerArn = `arn:aws:lambda:ap-northeast-1:${testAccount}:function:stream-agent-events-0a1b2c3`;
  const refresherArn = `arn:aws:lambda:ap-northeast-1:${testAccount}:function:stream-roster-refresh-0a1b2c3`;
  const readers = ["route", "nextAgent", "routingCriteria"] as const;
  let resources: CapturedResource[];
  let routing: StickyAgentRouting;

  function policyOf(childName: string): PolicyDocument {
    return JSON.parse(
      named(ofType(resources, "aws:iam/rolePolicy:RolePolicy"), childName).inputs[
        "policy"
      ] as string,
    ) as PolicyDocument;
  }

  beforeAll(async () => {
    ({ routing, resources } = await deploy("stream", {
      presence: {
        source: "event-stream",
        maxAgeSeconds: 120,
        shardCount: 2,
        retentionHours: 48,
        presenceTtlSeconds: 7200,
        indexShards: 8,
        rosterRefreshMinutes: 30,
      },
      routingProfileIds: ["rp-sales"],
      deletionProtection: true,
      logRetentionDays: 30,
      logLevel: "WARN",
    }));
  });

  it("adds the stream, its storage config, the presence table, the consumer with its mapping, and the scheduled roster refresher", () => {
    // Act
    const counts = Object.fromEntries(
      [...new Set(resources.map((r) => r.type))].map((type) => [
        type,
        ofType(resources, type).length,
      ]),
    );

    // Assess
    expect(counts).toEqual({
      "connect-affinity:index:StickyAgentRouting": 1,
      "connect-affinity:index:AgentEventPresence": 1,
      "aws:dynamodb/table:Table": 2,
      "aws:kinesis/stream:Stream": 1,
      "aws:connect/instanceStorageConfig:InstanceStorageConfig": 1,
      "aws:cloudwatch/logGroup:LogGroup": 7,
      "aws:iam/role:Role": 8,
      "aws:iam/rolePolicy:RolePolicy": 8,
      "aws:lambda/function:Function": 7,
      "aws:lambda/eventSourceMapping:EventSourceMapping": 1,
      "aws:scheduler/schedule:Schedule": 1,
      "aws:sqs/queue:Queue": 1,
      "aws:lambda/permission:Permission": 4,
      "aws:connect/lambdaFunctionAssociation:LambdaFunctionAssociation": 3,
      "aws:cloudwatch/eventRule:EventRule": 1,
      "aws:cloudwatch/eventTarget:EventTarget": 1,
      "aws:connect/contactFlow:ContactFlow": 2,
      "random:index/randomPassword:RandomPassword": 1,
    });
  });

  it("names the new children after the component and keeps them inside it", async () => {
    // Prepare
    const presence = routing.agentEventPresence;
    if (presence === undefined) throw new Error("expected the agent event presence component");

    // Act
    const componentUrn = await outputValue(presence.urn);
    const childUrns = await Promise.all(
      [
        presence.presenceTable,
        presence.stream,
        presence.storageConfig,
        presence.consumer,
        presence.consumerRole,
        presence.consumerPolicy,
        presence.consumerLogGroup,
        presence.eventSourceMapping,
        presence.rosterRefresh,
        presence.rosterRefreshRole,
        presence.rosterRefreshPolicy,
        presence.rosterRefreshLogGroup,
        presence.rosterRefreshSchedule,
        presence.rosterRefreshScheduleRole,
      ].map((child) => outputValue(child.urn)),
    );

    // Assess
    for (const resource of resources) expect(resource.name).toMatch(/^stream(-|$)/);
    expect(componentUrn).toContain("connect-affinity:index:StickyAgentRouting$");
    for (const urn of childUrns)
      expect(urn).toContain("connect-affinity:index:AgentEventPresence$");
  });

  it("makes an encrypted, provisioned Kinesis stream of the configured shards and retention", () => {
    // Act
    const [stream] = ofType(resources, "aws:kinesis/stream:Stream");

    // Assess
    expect(stream?.inputs).toMatchObject({
      streamModeDetails: { streamMode: "PROVISIONED" },
      shardCount: 2,
      retentionPeriod: 48,
      encryptionType: "KMS",
      kmsKeyId: "alias/aws/kinesis",
    });
  });

  it("sends the instance's agent events to that stream", () => {
    // Act
    const [storage] = ofType(resources, "aws:connect/instanceStorageConfig:InstanceStorageConfig");

    // Assess
    expect(storage?.inputs).toEqual({
      instanceId: testInstanceId,
      resourceType: "AGENT_EVENTS",
      storageConfig: { storageType: "KINESIS_STREAM", kinesisStreamConfig: { streamArn } },
    });
  });

  it("shapes the presence table by core's definition: on-demand, TTL, PITR, encryption, protection", () => {
    // Act
    const table = named(ofType(resources, "aws:dynamodb/table:Table"), "stream-presence");

    // Assess
    expect(table.inputs).toMatchObject({
      billingMode: presenceTableDefinition.BillingMode,
      hashKey: presenceTableDefinition.KeySchema[0].AttributeName,
      attributes: presenceTableDefinition.AttributeDefinitions.map((a) => ({
        name: a.AttributeName,
        type: a.AttributeType,
      })),
      ttl: { attributeName: presenceTableDefinition.ttlAttributeName, enabled: true },
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: true,
    });
    expect(table.inputs["billingMode"]).toBe("PAY_PER_REQUEST");
    // The agent index: one sparse index per channel, keyed by shard and ready time, projecting
    // only the agent ARN besides the keys.
    expect(table.inputs["globalSecondaryIndexes"]).toEqual(
      ["VOICE", "CHAT", "TASK", "EMAIL"].map((channel) => ({
        name: `available-${channel}`,
        keySchemas: [
          { attributeName: `avail${channel}`, keyType: "HASH" },
          { attributeName: "readySince", keyType: "RANGE" },
        ],
        projectionType: "INCLUDE",
        nonKeyAttributes: ["agentArn"],
      })),
    );
  });

  it("runs the consumer like the other functions, packaging agent-events.mjs with its own logs", async () => {
    // Act
    const consumer = named(
      ofType(resources, "aws:lambda/function:Function"),
      "stream-agent-events",
    );
    const assets = await (consumer.inputs["code"] as pulumi.asset.AssetArchive).assets;
    const logGroup = named(
      ofType(resources, "aws:cloudwatch/logGroup:LogGroup"),
      "stream-agent-events",
    );

    // Assess
    expect(consumer.inputs).toMatchObject({
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "index.handler",
      loggingConfig: { logFormat: "JSON", logGroup: "/aws/lambda/stream-agent-events" },
      environment: {
        variables: {
          PRESENCE_TABLE_NAME: "stream-presence-0a1b2c3",
          PRESENCE_TTL_SECONDS: "7200",
          PRESENCE_INDEX_SHARDS: "8",
          ROUTING_PROFILE_IDS: "rp-sales",
          LOG_LEVEL: "WARN",
          POWERTOOLS_SERVICE_NAME: "connect-affinity-agent-events",
        },
      },
    });
    expect(await (assets["index.mjs"] as pulumi.asset.FileAsset).path).toBe(
      join(bundleDirectory, "agent-events.mjs"),
    );
    expect(logGroup.inputs["retentionInDays"]).toBe(30);
  });

  it("feeds the consumer from the stream with partial-batch failures, bisection and bounded retries", () => {
    // Act
    const [mapping] = ofType(resources, "aws:lambda/eventSourceMapping:EventSourceMapping");

    // Assess
    expect(mapping?.inputs).toMatchObject({
      eventSourceArn: streamArn,
      functionName: consumerArn,
      startingPosition: "LATEST",
      batchSize: 100,
      functionResponseTypes: ["ReportBatchItemFailures"],
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 3,
      maximumRecordAgeInSeconds: 600,
    });
  });

  it("lets the consumer read only the stream, update only the presence table and send failed batches to its queue", () => {
    // Act
    const statements = policyOf("stream-agent-events").Statement;

    // Assess
    expect(statements.map((s) => [s.Action, s.Resource])).toEqual([
      [
        ["logs:CreateLogStream", "logs:PutLogEvents"],
        [`arn:aws:logs:ap-northeast-1:${testAccount}:log-group:/aws/lambda/stream-agent-events:*`],
      ],
      [
        [
          "kinesis:DescribeStream",
          "kinesis:DescribeStreamSummary",
          "kinesis:GetRecords",
          "kinesis:GetShardIterator",
          "kinesis:ListShards",
        ],
        [streamArn],
      ],
      [["dynamodb:UpdateItem", "dynamodb:GetItem"], [presenceTableArn]],
      [["sqs:SendMessage"], [failureQueueArn]],
    ]);
  });

  it("runs the roster refresher alone (reserved concurrency 1) within a minute, with its table, instance, filter and pace", async () => {
    // Act
    const refresher = named(
      ofType(resources, "aws:lambda/function:Function"),
      "stream-roster-refresh",
    );
    const assets = await (refresher.inputs["code"] as pulumi.asset.AssetArchive).assets;

    // Assess
    expect(refresher.inputs).toMatchObject({
      runtime: "nodejs22.x",
      timeout: 60,
      reservedConcurrentExecutions: 1,
      environment: {
        variables: {
          PRESENCE_TABLE_NAME: "stream-presence-0a1b2c3",
          CONNECT_INSTANCE_ID: testInstanceArn,
          ROUTING_PROFILE_IDS: "rp-sales",
          ROSTER_REFRESH_MINUTES: "30",
          LOG_LEVEL: "WARN",
          POWERTOOLS_SERVICE_NAME: "connect-affinity-roster-refresh",
        },
      },
    });
    expect(await (assets["index.mjs"] as pulumi.asset.FileAsset).path).toBe(
      join(bundleDirectory, "roster-refresh.mjs"),
    );
  });

  it("lets the refresher search the filtered directory and keep the roster, and nothing else", () => {
    // Act
    const statements = policyOf("stream-roster-refresh").Statement;

    // Assess
    expect(statements.slice(1).map((s) => [s.Action, s.Resource])).toEqual([
      [["connect:SearchUsers"], [testInstanceArn]],
      [
        [
          "dynamodb:GetItem",
          "dynamodb:Scan",
          "dynamodb:BatchGetItem",
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
        ],
        [presenceTableArn],
      ],
    ]);
  });

  it("starts the refresher every minute with EventBridge Scheduler, no retry, through a role that may invoke it only", () => {
    // Act
    const [schedule] = ofType(resources, "aws:scheduler/schedule:Schedule");
    const role = named(ofType(resources, "aws:iam/role:Role"), "stream-roster-refresh-schedule");
    const invoke = policyOf("stream-roster-refresh-schedule");

    // Assess
    expect(schedule?.inputs).toMatchObject({
      scheduleExpression: "rate(1 minute)",
      flexibleTimeWindow: { mode: "OFF" },
      target: {
        arn: refresherArn,
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 },
      },
    });
    expect(JSON.parse(role.inputs["assumeRolePolicy"] as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "scheduler.amazonaws.com" },
          Action: ["sts:AssumeRole"],
          Condition: { StringEquals: { "aws:SourceAccount": testAccount } },
        },
      ],
    });
    expect(invoke.Statement.map((s) => [s.Action, s.Resource])).toEqual([
      [["lambda:InvokeFunction"], [refresherArn]],
    ]);
  });

  it("sends a batch the mapping gives up on to an encrypted queue kept 14 days", () => {
    // Act
    const mapping = ofType(resources, "aws:lambda/eventSourceMapping:EventSourceMapping")[0];
    const queue = ofType(resources, "aws:sqs/queue:Queue")[0];

    // Assess
    expect(mapping?.inputs["destinationConfig"]).toEqual({
      onFailure: { destinationArn: failureQueueArn },
    });
    expect(queue?.inputs).toMatchObject({
      messageRetentionSeconds: 1_209_600,
      sqsManagedSseEnabled: true,
    });
  });

  it("gives every role statement specific actions and scoped resources", () => {
    // Act
    const documents = ofType(resources, "aws:iam/rolePolicy:RolePolicy").map(
      (r) => JSON.parse(r.inputs["policy"] as string) as PolicyDocument,
    );

    // Assess
    expect(documents).toHaveLength(8);
    for (const statement of documents.flatMap((d) => d.Statement)) {
      for (const action of statement.Action) expect(action).toMatch(/^[a-z]+:[A-Z][A-Za-z]+$/);
      for (const resource of statement.Resource) {
        expect(
          resource.startsWith(testInstanceArn) ||
            resource === presenceTableArn ||
            resource === `${presenceTableArn}/index/available-*` ||
            resource === streamArn ||
            resource === refresherArn ||
            resource === failureQueueArn ||
            resource ===
              `arn:aws:dynamodb:ap-northeast-1:${testAccount}:table/stream-affinity-0a1b2c3` ||
            resource.startsWith(
              `arn:aws:logs:ap-northeast-1:${testAccount}:log-group:/aws/lambda/stream-`,
            ),
        ).toBe(true);
      }
    }
  });

  it.each(readers)(
    "lets %s read the shared roster and query the agent index instead of asking Connect",
    (fn) => {
      // Act
      const statements = policyOf(`stream-${functionCatalog[fn].slug}`).Statement;

      // Assess
      expect(
        statements.filter((s) => s.Resource.some((r) => r.startsWith(presenceTableArn))),
      ).toEqual([
        {
          Sid: "ReadSharedRoster",
          Effect: "Allow",
          Action: ["dynamodb:GetItem"],
          Resource: [presenceTableArn],
        },
        {
          Sid: "QueryAgentIndex",
          Effect: "Allow",
          Action: ["dynamodb:Query"],
          Resource: [`${presenceTableArn}/index/available-*`],
        },
        // A reservation names only the key, its own attributes and the index keys it removes.
        ...(functionCatalog[fn].reservesAgents
          ? [
              {
                Sid: "ReserveAgents",
                Effect: "Allow",
                Action: ["dynamodb:UpdateItem"],
                Resource: [presenceTableArn],
                Condition: {
                  "ForAllValues:StringEquals": {
                    "dynamodb:Attributes": [...agentIndexReservationAttributes],
                  },
                  StringEqualsIfExists: { "dynamodb:ReturnValues": ["NONE"] },
                },
              },
            ]
          : []),
      ]);
      expect(statements.flatMap((s) => s.Action).filter((a) => a.startsWith("connect:"))).toEqual(
        [],
      );
    },
  );

  it("gives no routing role any Connect action, and the writers only single roster entries", () => {
    // Act
    const byFunction = Object.fromEntries(
      functionNames.map((fn) => [fn, policyOf(`stream-${functionCatalog[fn].slug}`).Statement]),
    );

    // Assess
    for (const fn of functionNames) {
      expect(
        byFunction[fn]?.flatMap((s) => s.Action).filter((a) => a.startsWith("connect:")),
      ).toEqual([]);
    }
    for (const fn of ["record", "contactEvent"] as const) {
      expect(
        byFunction[fn]?.filter((s) => s.Resource.some((r) => r.startsWith(presenceTableArn))),
      ).toEqual([
        {
          Sid: "ReadSharedRoster",
          Effect: "Allow",
          Action: ["dynamodb:GetItem"],
          Resource: [presenceTableArn],
        },
      ]);
    }
  });

  it.each(readers)("tells %s to read presence from the presence table", (fn) => {
    // Act
    const variables = (
      named(ofType(resources, "aws:lambda/function:Function"), `stream-${functionCatalog[fn].slug}`)
        .inputs["environment"] as { variables: Record<string, string> }
    ).variables;

    // Assess
    expect(variables).toMatchObject({
      PRESENCE_SOURCE: "event-stream",
      PRESENCE_TABLE_NAME: "stream-presence-0a1b2c3",
      PRESENCE_MAX_AGE_SECONDS: "120",
    });
  });

  it("exposes the presence table's name and the stream's ARN", async () => {
    // Act
    const presence = routing.agentEventPresence;
    const tableName =
      presence === undefined ? undefined : await outputValue(presence.presenceTable.name);
    const arn = presence === undefined ? undefined : await outputValue(presence.stream.arn);

    // Assess
    expect(tableName).toBe("stream-presence-0a1b2c3");
    expect(arn).toBe(streamArn);
  });
});
