/**
 * What AWS would answer for a resource, without AWS: the IDs, ARNs and names its provider
 * computes from the inputs (an autonamed resource gets a fixed suffix). The offline preview
 * (`pnpm preview`) and the tests run the real program on Pulumi's mocks with these.
 *
 * @example
 * ```ts
 * mockOutputs("aws:dynamodb/table:Table", "t", { name: "t" }, { region: "eu-west-2", account: "111122223333" });
 * // { id: "t", state: { name: "t", arn: "arn:aws:dynamodb:eu-west-2:111122223333:table/t" } }
 * ```
 */
export function mockOutputs(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  where: { readonly region: string; readonly account: string },
): { id: string; state: Record<string, unknown> } {
  const { region: testRegion, account: testAccount } = where;
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
    case "random:index/randomPassword:RandomPassword":
      // A fixed "random" value, so a test can see where the generated key goes; the preview
      // prints secrets as [secret], never this.
      return { id: `${name}-password`, state: { result: `generated-${name}-`.padEnd(48, "x") } };
    case "aws:sqs/queue:Queue":
      return {
        id: `https://sqs.${testRegion}.amazonaws.com/${testAccount}/${physical}`,
        state: {
          name: physical,
          arn: `arn:aws:sqs:${testRegion}:${testAccount}:${physical}`,
          url: `https://sqs.${testRegion}.amazonaws.com/${testAccount}/${physical}`,
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
