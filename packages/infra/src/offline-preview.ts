import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { deployStack } from "./deploy-stack.js";
import { mockOutputs } from "./offline-mocks.js";
import { type ConfigSource, readStackConfig, secretConfigKeys } from "./stack-config.js";

/** Where the offline preview pretends to be (the stack file's Region wins when it has one). */
const account = "111122223333";

/** One resource the program registered, with its inputs. */
interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** A stack file's config: plain values, and the keys it holds encrypted (`secure:`). */
interface StackFile {
  readonly values: Readonly<Record<string, string>>;
  readonly secureKeys: ReadonlySet<string>;
  readonly region: string;
}

/**
 * What `pulumi preview` would create for a stack, without the Pulumi CLI, credentials or AWS:
 * the real program runs on Pulumi's mocks with the committed `Pulumi.yaml` defaults and
 * `Pulumi.<stack>.yaml`, and the resources come back as a tree (components and their children)
 * with each one's key settings. Secrets the stack holds encrypted, or must have (the demo's
 * agents' password), are stand-ins: their values are never needed to know the resources.
 *
 * @throws StackConfigError exactly as `pulumi preview` would for the stack's configuration.
 * @example
 * ```ts
 * console.log(await offlinePreview("prod", new URL("../", import.meta.url)));
 * ```
 */
export async function offlinePreview(stack: string, packageDirectory: URL): Promise<string> {
  const file = readStackFile(stack, packageDirectory);
  const registered: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: ({ type, name, inputs }) => {
        registered.push({ type, name, inputs });
        const { id, state } = mockOutputs(type, name, inputs, { region: file.region, account });
        return { id, state: { ...inputs, ...state } };
      },
      call: ({ token, inputs }) => {
        if (token === "aws:connect/getSecurityProfile:getSecurityProfile") {
          return {
            ...inputs,
            id: "agent-security-profile",
            securityProfileId: "agent-security-profile",
          };
        }
        throw new Error(`The offline preview cannot answer ${token}`);
      },
    },
    "connect-affinity",
    stack,
    true,
  );
  const config = readStackConfig(sourceOf(file), stack);
  const deployment = deployStack(`connect-affinity-${stack}`, config);
  const roots: pulumi.Resource[] = [
    ...(deployment.demo === undefined ? [] : [deployment.demo]),
    ...(deployment.secrets === undefined ? [] : [deployment.secrets]),
    deployment.routing,
    deployment.monitoring,
  ];
  const everything = roots.flatMap(withDescendants);
  await Promise.all(everything.map((resource) => settled(resource.urn)));
  await settled(deployment.monitoring.dashboard.dashboardBody);
  const byKey = new Map(
    registered.map((resource) => [`${resource.type}::${resource.name}`, resource]),
  );
  const lines = [
    `Stack ${stack}: ${everything.filter((r) => r instanceof pulumi.CustomResource).length} AWS resources in ${everything.filter((r) => r instanceof pulumi.ComponentResource).length} components (offline: Pulumi mocks, no AWS call; secrets are stand-ins)`,
    ...roots.flatMap((root, index) => treeLines(root, byKey, "", index === roots.length - 1)),
  ];
  return lines.join("\n");
}

function readStackFile(stack: string, packageDirectory: URL): StackFile {
  const project = parse(readFileSync(new URL("Pulumi.yaml", packageDirectory), "utf8")) as {
    config: Record<string, { default?: unknown }>;
  };
  let stackText: string;
  try {
    stackText = readFileSync(new URL(`Pulumi.${stack}.yaml`, packageDirectory), "utf8");
  } catch {
    throw new Error(
      `No Pulumi.${stack}.yaml in ${packageDirectory.pathname}: try --stack dev or --stack prod`,
    );
  }
  const stackFile = parse(stackText) as { config?: Record<string, unknown> };
  const prefix = "connect-affinity:";
  const values: Record<string, string> = Object.fromEntries(
    Object.entries(project.config).map(([key, declared]) => [key, String(declared.default ?? "")]),
  );
  const secureKeys = new Set<string>();
  for (const [key, value] of Object.entries(stackFile.config ?? {})) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (typeof value === "object" && value !== null && "secure" in value) secureKeys.add(name);
    else values[name] = String(value);
  }
  const region = String(stackFile.config?.["aws:region"] ?? "us-east-1");
  return { values, secureKeys, region };
}

/**
 * The stack file as the program reads it. A secret the file holds encrypted, and the demo's
 * agents' password (set with `pulumi config set --secret` before `pulumi up`), stand in as
 * encrypted placeholders of enough length.
 */
function sourceOf(file: StackFile): ConfigSource {
  return {
    get: (key) => file.values[key],
    secret: (key) => {
      const known = (secretConfigKeys as readonly string[]).includes(key);
      if (known && file.secureKeys.has(key)) return { value: "x".repeat(48), encrypted: true };
      if (key === "demoAgentPassword" && file.values["createDemoInstance"] === "true") {
        return { value: "Stand-in-Passw0rd", encrypted: true };
      }
      const plain = file.values[key];
      return plain === undefined ? undefined : { value: plain, encrypted: false };
    },
  };
}

function withDescendants(resource: pulumi.Resource): pulumi.Resource[] {
  return [resource, ...childrenOf(resource).flatMap(withDescendants)];
}

/**
 * A component's children. Pulumi keeps them on the parent (`__childResources`, how it waits
 * for a component's outputs); the SDK exports no accessor, so the preview reads that field.
 */
function childrenOf(resource: pulumi.Resource): pulumi.Resource[] {
  const children = (resource as unknown as { __childResources?: Set<pulumi.Resource> })
    .__childResources;
  return children === undefined ? [] : [...children];
}

function settled<T>(output: pulumi.Output<T>): Promise<void> {
  return new Promise((resolve) => {
    output.apply((value) => {
      resolve();
      return value;
    });
  });
}

function treeLines(
  resource: pulumi.Resource,
  byKey: ReadonlyMap<string, Registered>,
  indent: string,
  last: boolean,
): string[] {
  const type = pulumi.resourceType(resource);
  const name = pulumi.resourceName(resource);
  const inputs = byKey.get(`${type}::${name}`)?.inputs ?? {};
  const settings = keySettings(type, inputs);
  const line = `${indent}${last ? "└─ " : "├─ "}${shortType(type)} ${name}${settings === "" ? "" : `  ${settings}`}`;
  const children = childrenOf(resource);
  const childIndent = `${indent}${last ? "   " : "│  "}`;
  return [
    line,
    ...children.flatMap((child, index) =>
      treeLines(child, byKey, childIndent, index === children.length - 1),
    ),
  ];
}

/** `aws:lambda/function:Function` → `aws.lambda.Function`; components keep their name. */
function shortType(type: string): string {
  const match = /^aws:([a-z0-9]+)\/[a-zA-Z0-9]+:([A-Za-z0-9]+)$/.exec(type);
  if (match !== null) return `aws.${match[1]}.${match[2]}`;
  return type.replace(/^connect-affinity:index:/, "");
}

/** The settings a reviewer checks, per resource type. */
export function keySettings(type: string, inputs: Readonly<Record<string, unknown>>): string {
  const get = (key: string): unknown => inputs[key];
  switch (type) {
    case "aws:dynamodb/table:Table": {
      const ttl = get("ttl") as { attributeName?: string } | undefined;
      const pitr = get("pointInTimeRecovery") as { enabled?: boolean } | undefined;
      return [
        String(get("billingMode")),
        `key ${String(get("hashKey"))}`,
        ttl?.attributeName === undefined ? "" : `TTL ${ttl.attributeName}`,
        pitr?.enabled === true ? "PITR" : "",
        get("deletionProtectionEnabled") === true ? "deletion protection" : "",
      ]
        .filter((part) => part !== "")
        .join(", ");
    }
    case "aws:lambda/function:Function": {
      const variables =
        (get("environment") as { variables?: Record<string, unknown> } | undefined)?.variables ??
        {};
      return `${String(get("runtime"))} ${((get("architectures") as string[] | undefined) ?? []).join(",")}, ${String(get("memorySize"))} MB, ${String(get("timeout"))} s, env ${Object.keys(variables).sort().join(" ")}`;
    }
    case "aws:cloudwatch/logGroup:LogGroup":
      return `retention ${String(get("retentionInDays"))} days`;
    case "aws:iam/rolePolicy:RolePolicy": {
      const document = JSON.parse(String(get("policy") ?? "{}")) as {
        Statement?: { Action: string[] }[];
      };
      return `allows ${(document.Statement ?? []).flatMap((statement) => statement.Action).join(" ")}`;
    }
    case "aws:lambda/permission:Permission":
      return `${String(get("principal"))} may invoke`;
    case "aws:cloudwatch/eventRule:EventRule":
      return "Amazon Connect CONNECTED_TO_AGENT events of the instance";
    case "aws:connect/contactFlow:ContactFlow": {
      const content = JSON.parse(String(get("content") ?? "{}")) as { Actions?: unknown[] };
      return `${String(get("type"))}, ${content.Actions?.length ?? 0} actions`;
    }
    case "aws:kinesis/stream:Stream":
      return `${String(get("shardCount"))} shard(s), ${String(get("retentionPeriod"))} h, ${String(get("encryptionType"))}`;
    case "aws:connect/instanceStorageConfig:InstanceStorageConfig":
      return `${String(get("resourceType"))} → the stream`;
    case "aws:lambda/eventSourceMapping:EventSourceMapping":
      return `${String(get("startingPosition"))}, batches of ${String(get("batchSize"))}, ${((get("functionResponseTypes") as string[] | undefined) ?? []).join(",")}`;
    case "aws:ssm/parameter:Parameter":
      return `${String(get("name"))} ${String(get("type"))} (value: secret)${get("keyId") === undefined ? "" : `, KMS ${String(get("keyId"))}`}`;
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return `${String(get("comparisonOperator"))} ${String(get("threshold"))}${get("alarmActions") === undefined ? "" : " → SNS"}`;
    case "aws:cloudwatch/dashboard:Dashboard": {
      const body = JSON.parse(String(get("dashboardBody") ?? "{}")) as { widgets?: unknown[] };
      return `${body.widgets?.length ?? 0} widgets`;
    }
    case "aws:connect/instance:Instance":
      return `alias ${String(get("instanceAlias"))}, inbound calls`;
    case "aws:connect/user:User":
      return `agent ${String(get("name"))}`;
    default:
      return "";
  }
}
