import * as pulumi from "@pulumi/pulumi";

/** One resource the program registered, with the inputs it gave. */
export interface CapturedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export const testRegion = "ap-northeast-1";
export const testAccount = "111122223333";
export const testInstanceId = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
export const testInstanceArn = `arn:aws:connect:${testRegion}:${testAccount}:instance/${testInstanceId}`;
export const testQueueArn = `${testInstanceArn}/queue/11111111-2222-4333-8444-555555555555`;
export const testStandardQueueArn = `${testInstanceArn}/queue/66666666-7777-4888-8999-000000000000`;
export const demoSecurityProfileId = "agent-security-profile";

/**
 * Replaces the Pulumi engine for this test file: every registered resource is captured with
 * its inputs and answered with the outputs its real provider computes (ARNs, IDs, autonames),
 * and any provider function call other than the ones listed here throws, so a test cannot
 * pass by reaching something it did not mean to.
 */
export async function installMocks(): Promise<CapturedResource[]> {
  const captured: CapturedResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: ({ type, name, inputs }) => {
        captured.push({ type, name, inputs });
        const { id, state } = outputsOf(type, name, inputs);
        return { id, state: { ...inputs, ...state } };
      },
      call: ({ token, inputs }) => {
        if (token === "aws:connect/getSecurityProfile:getSecurityProfile") {
          return { ...inputs, id: demoSecurityProfileId, securityProfileId: demoSecurityProfileId };
        }
        throw new Error(`Unmocked provider call ${token} ${JSON.stringify(inputs)}`);
      },
    },
    "connect-affinity",
    "test",
    false,
  );
  return captured;
}

function outputsOf(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): { id: string; state: Record<string, unknown> } {
  const autoname = `${name}-0a1b2c3`;
  const physical = typeof inputs["name"] === "string" ? inputs["name"] : autoname;
  const instanceId = typeof inputs["instanceId"] === "string" ? inputs["instanceId"] : "";
  const instanceArn = `arn:aws:connect:${testRegion}:${testAccount}:instance/${instanceId}`;
  switch (type) {
    case "aws:dynamodb/table:Table":
      return {
        id: physical,
        state: {
          name: physical,
          arn: `arn:aws:dynamodb:${testRegion}:${testAccount}:table/${physical}`,
        },
      };
    case "aws:lambda/function:Function":
      return {
        id: physical,
        state: {
          name: physical,
          arn: `arn:aws:lambda:${testRegion}:${testAccount}:function:${physical}`,
        },
      };
    case "aws:iam/role:Role":
      return {
        id: physical,
        state: { name: physical, arn: `arn:aws:iam::${testAccount}:role/${physical}` },
      };
    case "aws:cloudwatch/logGroup:LogGroup":
      return {
        id: physical,
        state: {
          name: physical,
          arn: `arn:aws:logs:${testRegion}:${testAccount}:log-group:${physical}`,
        },
      };
    case "aws:kinesis/stream:Stream":
      return {
        id: physical,
        state: {
          name: physical,
          arn: `arn:aws:kinesis:${testRegion}:${testAccount}:stream/${physical}`,
        },
      };
    case "aws:ssm/parameter:Parameter":
      return {
        id: physical,
        state: {
          name: physical,
          arn: `arn:aws:ssm:${testRegion}:${testAccount}:parameter${physical.startsWith("/") ? "" : "/"}${physical}`,
        },
      };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return {
        id: physical,
        state: {
          name: physical,
          arn: `arn:aws:cloudwatch:${testRegion}:${testAccount}:alarm:${physical}`,
        },
      };
    case "aws:cloudwatch/dashboard:Dashboard":
      return {
        id: String(inputs["dashboardName"]),
        state: { dashboardName: inputs["dashboardName"] },
      };
    case "aws:cloudwatch/eventRule:EventRule":
      return {
        id: physical,
        state: {
          name: physical,
          arn: `arn:aws:events:${testRegion}:${testAccount}:rule/${physical}`,
        },
      };
    case "aws:connect/instance:Instance": {
      const id = `${name}-instance-id`;
      return {
        id,
        state: { arn: `arn:aws:connect:${testRegion}:${testAccount}:instance/${id}` },
      };
    }
    case "aws:connect/contactFlow:ContactFlow":
      return {
        id: `${instanceId}:${name}-flow-id`,
        state: {
          contactFlowId: `${name}-flow-id`,
          arn: `${instanceArn}/contact-flow/${name}-flow-id`,
        },
      };
    case "aws:connect/queue:Queue":
      return {
        id: `${instanceId}:${name}-queue-id`,
        state: { queueId: `${name}-queue-id`, arn: `${instanceArn}/queue/${name}-queue-id` },
      };
    case "aws:connect/hoursOfOperation:HoursOfOperation":
      return {
        id: `${instanceId}:${name}-hours-id`,
        state: {
          hoursOfOperationId: `${name}-hours-id`,
          arn: `${instanceArn}/operating-hours/${name}-hours-id`,
        },
      };
    case "aws:connect/routingProfile:RoutingProfile":
      return {
        id: `${instanceId}:${name}-profile-id`,
        state: {
          routingProfileId: `${name}-profile-id`,
          arn: `${instanceArn}/routing-profile/${name}-profile-id`,
        },
      };
    case "aws:connect/user:User":
      return {
        id: `${instanceId}:${name}-user-id`,
        state: { userId: `${name}-user-id`, arn: `${instanceArn}/agent/${name}-user-id` },
      };
    default:
      return { id: `${name}-id`, state: {} };
  }
}

/** The value of an output, once known. */
export function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => {
    output.apply((value) => {
      resolve(value);
      return value;
    });
  });
}

/** Waits until every resource is registered, so its inputs have been captured. */
export async function registered(resources: readonly pulumi.Resource[]): Promise<void> {
  await Promise.all(resources.map((resource) => outputValue(resource.urn)));
}

/** The captured resources of `type`. */
export function ofType(captured: readonly CapturedResource[], type: string): CapturedResource[] {
  return captured.filter((resource) => resource.type === type);
}

/** The one captured resource called `name`. */
export function named(captured: readonly CapturedResource[], name: string): CapturedResource {
  const matches = captured.filter((resource) => resource.name === name);
  if (matches.length !== 1) {
    throw new Error(`Expected one resource named ${name}, found ${matches.length}`);
  }
  return matches[0] as CapturedResource;
}
