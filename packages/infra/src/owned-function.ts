import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { lambdaTrustPolicy, type PolicyDocument } from "./iam-policies.js";

/** One deployed function with the resources that belong to it alone. */
export interface OwnedFunction {
  readonly function: aws.lambda.Function;
  readonly role: aws.iam.Role;
  readonly policy: aws.iam.RolePolicy;
  readonly logGroup: aws.cloudwatch.LogGroup;
}

/** What {@link createOwnedFunction} needs to know about one function. */
export interface OwnedFunctionSettings {
  /** The Lambda description; the role's description adds the component's name. */
  readonly description: string;
  readonly componentName: string;
  /** The handler bundle, packaged as `index.mjs` (handler `index.handler`). */
  readonly bundlePath: string;
  /** The function's least-privilege policy, given its own log group's ARN. */
  readonly policy: (logGroupArn: pulumi.Output<string>) => pulumi.Input<PolicyDocument>;
  readonly variables: pulumi.Input<Record<string, pulumi.Input<string>>>;
  readonly memorySize: pulumi.Input<number>;
  readonly timeout: pulumi.Input<number>;
  readonly logRetentionDays: pulumi.Input<number>;
  /** Executions reserved for the function, which also caps them (1: never two at once). */
  readonly reservedConcurrentExecutions?: pulumi.Input<number>;
  readonly tags: pulumi.Input<Readonly<Record<string, pulumi.Input<string>>>> | undefined;
  /** A customer managed key for the log group and the function's environment. */
  readonly kmsKeyArn?: pulumi.Input<string> | undefined;
}

/**
 * A Lambda function (current Node.js runtime, arm64, JSON logs) with its own log group (with
 * retention), its own role and an inline least-privilege policy, all named `childName` and
 * parented to `parent`. Every function of the stack is made this way, so they cannot drift.
 */
export function createOwnedFunction(
  childName: string,
  settings: OwnedFunctionSettings,
  parent: pulumi.Resource,
): OwnedFunction {
  const { tags, kmsKeyArn } = settings;
  const logGroup = new aws.cloudwatch.LogGroup(
    childName,
    {
      name: `/aws/lambda/${childName}`,
      retentionInDays: settings.logRetentionDays,
      ...(kmsKeyArn === undefined ? {} : { kmsKeyId: kmsKeyArn }),
      tags,
    },
    { parent },
  );
  const role = new aws.iam.Role(
    childName,
    {
      assumeRolePolicy: JSON.stringify(lambdaTrustPolicy),
      description: `${settings.description} (${settings.componentName})`,
      tags,
    },
    { parent },
  );
  const policy = new aws.iam.RolePolicy(
    childName,
    {
      role: role.id,
      policy: pulumi
        .output(settings.policy(logGroup.arn))
        .apply((document) => JSON.stringify(document)),
    },
    { parent },
  );
  const lambda = new aws.lambda.Function(
    childName,
    {
      description: settings.description,
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "index.handler",
      code: new pulumi.asset.AssetArchive({
        "index.mjs": new pulumi.asset.FileAsset(settings.bundlePath),
      }),
      role: role.arn,
      memorySize: settings.memorySize,
      timeout: settings.timeout,
      loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
      environment: { variables: settings.variables },
      ...(settings.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: settings.reservedConcurrentExecutions }),
      ...(kmsKeyArn === undefined ? {} : { kmsKeyArn }),
      tags,
    },
    // The role's policy and the log group must exist before the first invocation uses them.
    { parent, dependsOn: [policy, logGroup] },
  );
  return { function: lambda, role, policy, logGroup };
}
