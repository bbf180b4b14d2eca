import { rmSync } from "node:fs";
import type * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployStack, type StackDeployment } from "../src/deploy-stack.js";
import { functionNames } from "../src/function-catalog.js";
import type { PolicyDocument } from "../src/iam-policies.js";
import { alarmDefinitions, dashboardBody } from "../src/monitoring-definitions.js";
import { readStackConfig } from "../src/stack-config.js";
import { makeBundleDirectory } from "./helpers/bundle-directory.js";
import { fakeConfig, stackFileValues } from "./helpers/config-source.js";
import {
  type CapturedResource,
  installMocks,
  ofType,
  outputValue,
  registered,
  testAccount,
} from "./helpers/pulumi-mocks.js";

const topic = `arn:aws:sns:ap-northeast-1:${testAccount}:on-call`;
const kmsKey = `arn:aws:kms:ap-northeast-1:${testAccount}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

let captured: CapturedResource[];
let bundleDirectory: string;

beforeAll(async () => {
  captured = await installMocks();
  bundleDirectory = makeBundleDirectory();
});

afterAll(() => rmSync(bundleDirectory, { recursive: true, force: true }));

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
  const { routing, monitoring, secrets: keys } = deployment;
  const children: pulumi.Resource[] = [
    monitoring.dashboard,
    ...Object.values(monitoring.alarms),
    ...(keys === undefined ? [] : keys.parameters),
    ...functionNames.flatMap((name) => Object.values(routing.functions[name])),
  ];
  await registered(children);
  await outputValue(monitoring.dashboard.dashboardBody);
  return { deployment, resources: captured.slice(before) };
}

function policyOf(resources: readonly CapturedResource[], fn: string): PolicyDocument {
  const policy = ofType(resources, "aws:iam/rolePolicy:RolePolicy").find((r) =>
    r.name.endsWith(`-${fn}`),
  );
  return JSON.parse(String(policy?.inputs["policy"])) as PolicyDocument;
}

describe("the prod stack's dashboard and alarms", () => {
  let resources: CapturedResource[];

  beforeAll(async () => {
    ({ resources } = await deployFrom("prod", {
      ...stackFileValues("prod"),
      alarmTopicArn: topic,
    }));
  });

  it("creates one dashboard and five alarms, named after the stack, told to the SNS topic", () => {
    // Act
    const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
    const dashboards = ofType(resources, "aws:cloudwatch/dashboard:Dashboard");

    // Assess
    expect(dashboards.map((d) => d.inputs["dashboardName"])).toEqual(["app-prod-monitoring"]);
    expect(alarms.map((a) => a.inputs["name"]).sort()).toEqual(
      [
        "app-prod-monitoring-connect-throttles",
        "app-prod-monitoring-empty-directory",
        "app-prod-monitoring-handler-errors",
        "app-prod-monitoring-hit-rate",
        "app-prod-monitoring-stale-presence",
      ].sort(),
    );
    for (const alarm of alarms) {
      expect(alarm.inputs).toMatchObject({
        alarmActions: [topic],
        okActions: [topic],
        treatMissingData: "notBreaching",
      });
    }
  });

  it("alarms when the hit rate falls under 80 % in an hour with at least 20 returning callers", () => {
    // Act
    const alarm = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) =>
      String(a.inputs["name"]).endsWith("hit-rate"),
    );
    const queries = alarm?.inputs["metricQueries"] as {
      id: string;
      expression?: string;
      returnData: boolean;
      metric?: {
        namespace: string;
        metricName: string;
        dimensions: Record<string, string>;
        period: number;
      };
    }[];

    // Assess
    expect(alarm?.inputs).toMatchObject({ comparisonOperator: "LessThanThreshold", threshold: 80 });
    expect(queries.filter((q) => q.returnData).map((q) => q.expression)).toEqual([
      "IF((FILL(preferred, 0) + FILL(other, 0)) >= 20, 100 * FILL(preferred, 0) / (FILL(preferred, 0) + FILL(other, 0)), 100)",
    ]);
    expect(queries.flatMap((q) => (q.metric === undefined ? [] : [q.metric]))).toEqual([
      {
        namespace: "ConnectAffinity/prod",
        metricName: "ReturningCallerConnected",
        dimensions: { service: "connect-affinity", Agent: "preferred" },
        period: 3600,
        stat: "Sum",
      },
      {
        namespace: "ConnectAffinity/prod",
        metricName: "ReturningCallerConnected",
        dimensions: { service: "connect-affinity", Agent: "other" },
        period: 3600,
        stat: "Sum",
      },
    ]);
  });

  it("sums every function's Lambda errors, the consumer's included", () => {
    // Act
    const alarm = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) =>
      String(a.inputs["name"]).endsWith("handler-errors"),
    );
    const queries = alarm?.inputs["metricQueries"] as {
      metric?: { namespace: string; metricName: string; dimensions: Record<string, string> };
    }[];

    // Assess
    const functions = queries.flatMap((q) =>
      q.metric === undefined ? [] : [q.metric.dimensions["FunctionName"]],
    );
    expect(functions).toHaveLength(6);
    expect(functions.some((name) => name?.startsWith("app-prod-agent-events"))).toBe(true);
    expect(queries.every((q) => q.metric === undefined || q.metric.metricName === "Errors")).toBe(
      true,
    );
    expect(alarm?.inputs).toMatchObject({
      threshold: 5,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
    });
  });

  it("shows the promise first on the dashboard, in the stack's namespace, with the alarms", () => {
    // Act
    const [dashboard] = ofType(resources, "aws:cloudwatch/dashboard:Dashboard");
    const body = JSON.parse(String(dashboard?.inputs["dashboardBody"])) as {
      widgets: {
        type: string;
        properties: { title?: string; metrics?: unknown[][]; alarms?: string[] };
      }[];
    };

    // Assess
    const titles = body.widgets.map((widget) => widget.properties.title);
    expect(titles.slice(1, 4)).toEqual([
      "Returning callers reaching their agent (%)",
      "Returning callers answered: who, and what routing decided",
      "Wait of returning callers (ms)",
    ]);
    const metrics = body.widgets.flatMap((widget) => widget.properties.metrics ?? []);
    expect(metrics).toContainEqual(
      expect.arrayContaining(["ConnectAffinity/prod", "Decision", "Reason", "returning-caller"]),
    );
    const alarmWidget = body.widgets.find((widget) => widget.type === "alarm");
    expect(alarmWidget?.properties.alarms).toHaveLength(5);
    expect(JSON.stringify(body)).not.toContain("+81");
  });

  it("lets the functions that key callers (and next-agent, for the cursor's key) read the referenced SecureString, and nothing else", () => {
    // Act
    const readers = functionNames.filter((fn) =>
      policyOf(
        resources,
        fn === "nextAgent"
          ? "next-agent"
          : fn === "routingCriteria"
            ? "routing-criteria"
            : fn === "contactEvent"
              ? "contact-event"
              : fn,
      ).Statement.some((statement) => statement.Action.includes("ssm:GetParameter")),
    );
    const route = policyOf(resources, "route").Statement.find((statement) =>
      statement.Action.includes("ssm:GetParameter"),
    );

    // Assess
    expect(readers).toEqual(["route", "nextAgent", "record", "routingCriteria", "contactEvent"]);
    expect(route?.Resource).toEqual([
      `arn:aws:ssm:ap-northeast-1:111122223333:parameter/connect-affinity/prod/caller-key`,
    ]);
    expect(ofType(resources, "aws:ssm/parameter:Parameter")).toEqual([]);
  });
});

describe("a stack whose secret is a Pulumi secret, mid-rotation, under a customer managed key", () => {
  let resources: CapturedResource[];
  const current = "a-new-caller-key-secret-of-at-least-32-bytes";
  const previous = "the-old-caller-key-secret-of-at-least-32-bytes";

  beforeAll(async () => {
    ({ resources } = await deployFrom(
      "stage",
      {
        ...stackFileValues("prod"),
        callerKeySecretRef: "",
        callerKeySecretKmsKeyArn: kmsKey,
        presenceSource: "connect-api",
      },
      { callerKeySecret: current, callerKeyPreviousSecret: previous },
    ));
  });

  it("stores both as SecureString parameters under the key, values secret", () => {
    // Act
    const parameters = ofType(resources, "aws:ssm/parameter:Parameter");

    // Assess
    expect(parameters.map((p) => [p.inputs["name"], p.inputs["type"], p.inputs["keyId"]])).toEqual([
      ["/app-stage/caller-key", "SecureString", kmsKey],
      ["/app-stage/caller-key-previous", "SecureString", kmsKey],
    ]);
    // Both values travel as Pulumi secrets (encrypted in the stack's state).
    for (const parameter of parameters) {
      expect(parameter.inputs["value"]).toMatchObject({
        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      });
    }
  });

  it("tells the functions where the keys live, the previous only to those that read records or check cursors", () => {
    // Act
    const functions = ofType(resources, "aws:lambda/function:Function");
    const environment = (name: string): Record<string, string> => {
      const fn = functions.find((f) => f.name.endsWith(`-${name}`));
      return (
        (fn?.inputs["environment"] as { variables: Record<string, string> } | undefined)
          ?.variables ?? {}
      );
    };

    // Assess
    expect(environment("route")).toMatchObject({
      CALLER_KEY_SECRET_REF: "ssm:/app-stage/caller-key",
      CALLER_KEY_PREVIOUS_SECRET_REF: "ssm:/app-stage/caller-key-previous",
      POWERTOOLS_METRICS_NAMESPACE: "ConnectAffinity/stage",
    });
    expect(environment("record")["CALLER_KEY_PREVIOUS_SECRET_REF"]).toBeUndefined();
    // next-agent derives the cursor's keys from both (the previous one checks older cursors).
    expect(environment("next-agent")).toMatchObject({
      CALLER_KEY_SECRET_REF: "ssm:/app-stage/caller-key",
      CALLER_KEY_PREVIOUS_SECRET_REF: "ssm:/app-stage/caller-key-previous",
    });
    expect(environment("next-agent")["CURSOR_SIGNING_KEY"]).toBeUndefined();
  });

  it("lets them decrypt with the key only through SSM", () => {
    // Act
    const route = policyOf(resources, "route").Statement;

    // Assess
    expect(route.find((s) => s.Sid === "ReadCallerKeyParameter")?.Resource).toEqual([
      `arn:aws:ssm:ap-northeast-1:111122223333:parameter/app-stage/caller-key`,
      `arn:aws:ssm:ap-northeast-1:111122223333:parameter/app-stage/caller-key-previous`,
    ]);
    expect(route.find((s) => s.Sid === "DecryptCallerKeySecret")).toEqual({
      Sid: "DecryptCallerKeySecret",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: [kmsKey],
      Condition: { StringEquals: { "kms:ViaService": ["ssm.ap-northeast-1.amazonaws.com"] } },
    });
    expect(
      policyOf(resources, "record").Statement.find((s) => s.Sid === "ReadCallerKeyParameter")
        ?.Resource,
    ).toEqual([`arn:aws:ssm:ap-northeast-1:111122223333:parameter/app-stage/caller-key`]);
  });

  it("has no stale-presence alarm without the agent event stream, and no actions without a topic", () => {
    // Act
    const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");

    // Assess
    expect(alarms).toHaveLength(4);
    expect(alarms.some((a) => String(a.inputs["name"]).endsWith("stale-presence"))).toBe(false);
    expect(alarms.every((a) => a.inputs["alarmActions"] === undefined)).toBe(true);
  });
});

describe("alarm definitions", () => {
  it("take the stack's thresholds", () => {
    // Act
    const alarms = alarmDefinitions({
      namespace: "N",
      region: "eu-west-2",
      functionNames: { route: "r" },
      eventStreamPresence: true,
      thresholds: {
        hitRatePercent: 65,
        hitRateMinContacts: 50,
        handlerErrors: 2,
        connectThrottles: 30,
        stalePresence: 4,
      },
    });

    // Assess
    expect(Object.fromEntries(alarms.map((alarm) => [alarm.key, alarm.threshold]))).toEqual({
      "handler-errors": 2,
      "connect-throttles": 30,
      "stale-presence": 4,
      "empty-directory": 1,
      "hit-rate": 65,
    });
    expect(alarms.find((alarm) => alarm.key === "hit-rate")?.expression).toContain(">= 50");
  });

  it("put the alarms' ARNs on the dashboard", () => {
    // Act
    const body = dashboardBody(
      {
        namespace: "N",
        region: "eu-west-2",
        functionNames: {},
        eventStreamPresence: false,
        thresholds: {
          hitRatePercent: 80,
          hitRateMinContacts: 20,
          handlerErrors: 5,
          connectThrottles: 10,
          stalePresence: 1,
        },
      },
      ["arn:a"],
    ) as { widgets: { type: string; properties: { alarms?: string[] } }[] };

    // Assess
    expect(body.widgets.find((widget) => widget.type === "alarm")?.properties.alarms).toEqual([
      "arn:a",
    ]);
  });
});
