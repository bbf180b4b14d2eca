import { type FunctionName, functionCatalog } from "./function-catalog.js";
import { agentsArnOf, contactsArnOf, type InstanceArn } from "./instance-arn.js";

/** One `Allow` statement of an IAM policy. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
}

/** An IAM policy document. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** How the handlers list routable agents: every user, or a `SearchUsers` filter. */
export type DirectoryAccess = "list-users" | "search-users";

/** Where the router learns who is available now. */
export type PresenceSource = "connect-api" | "none";

/** The resolved ARNs a function's policy is scoped to. */
export interface PolicyScope {
  readonly tableArn: string;
  readonly logGroupArn: string;
  readonly instance: InstanceArn;
  readonly directory: DirectoryAccess;
  readonly presence: PresenceSource;
}

/** A trust policy: who may assume a role. */
export interface TrustPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly {
    readonly Effect: "Allow";
    readonly Principal: { readonly Service: string };
    readonly Action: readonly ["sts:AssumeRole"];
  }[];
}

/** Lets the Lambda service, and nothing else, assume a function's role. */
export const lambdaTrustPolicy: TrustPolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: ["sts:AssumeRole"] },
  ],
};

/**
 * The least-privilege policy of one function, from what it calls (see `functionCatalog`) and
 * the resource types the Service Authorization Reference lists for each action:
 * `ListUsers` and `SearchUsers` authorise on the instance; `GetCurrentUserData`, filtered by
 * agents as core's presence adapter does, on the users (`instance/ID/agent/*`);
 * `DescribeContact` on the contacts (`instance/ID/contact/*`); the table actions on the table;
 * log writes on the function's own log group only (the group is created by the stack, so
 * `logs:CreateLogGroup` is not granted).
 *
 * @example
 * ```ts
 * const document = functionPolicy("record", { tableArn, logGroupArn, instance, directory: "list-users", presence: "connect-api" });
 * ```
 */
export function functionPolicy(name: FunctionName, scope: PolicyScope): PolicyDocument {
  const needs = functionCatalog[name];
  const statements: PolicyStatement[] = [
    {
      Sid: "WriteOwnLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [`${scope.logGroupArn}:*`],
    },
    {
      Sid: "ReadAgentDirectory",
      Effect: "Allow",
      Action: [scope.directory === "search-users" ? "connect:SearchUsers" : "connect:ListUsers"],
      Resource: [scope.instance.arn],
    },
  ];
  if (needs.tableActions.length > 0) {
    statements.push({
      Sid: "UseAffinityTable",
      Effect: "Allow",
      Action: [...needs.tableActions],
      Resource: [scope.tableArn],
    });
  }
  if (needs.readsPresence && scope.presence === "connect-api") {
    statements.push({
      Sid: "ReadAgentPresence",
      Effect: "Allow",
      Action: ["connect:GetCurrentUserData"],
      Resource: [agentsArnOf(scope.instance)],
    });
  }
  if (needs.describesContacts) {
    statements.push({
      Sid: "ReadContactCaller",
      Effect: "Allow",
      Action: ["connect:DescribeContact"],
      Resource: [contactsArnOf(scope.instance)],
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
