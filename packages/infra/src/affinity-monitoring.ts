import type { FunctionId } from "@connect-affinity/handlers/manifest";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  type AlarmDefinition,
  type AlarmThresholds,
  alarmDefinitions,
  dashboardBody,
  type MonitoringInput,
} from "./monitoring-definitions.js";

/** The arguments of {@link AffinityMonitoring}. */
export interface AffinityMonitoringArgs {
  /** The functions' metrics namespace (their `POWERTOOLS_METRICS_NAMESPACE`). */
  readonly namespace: string;
  /** The Region of the functions and their metrics. */
  readonly region: pulumi.Input<string>;
  /** The deployed Lambda functions' names, by the handlers manifest's identifiers. */
  readonly functionNames: pulumi.Input<Readonly<Partial<Record<FunctionId, pulumi.Input<string>>>>>;
  /** Presence from the agent event stream: adds the stale-presence alarm. */
  readonly eventStreamPresence: boolean;
  readonly thresholds: AlarmThresholds;
  /** An SNS topic told when an alarm fires and when it clears; without it alarms only change state. */
  readonly alarmTopicArn?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Readonly<Record<string, pulumi.Input<string>>>>;
}

/**
 * The stack's CloudWatch dashboard and alarms (see `alarmDefinitions` and `dashboardBody`):
 * whether returning callers reach their agent, what it costs them, how routing decided and
 * what degraded, from the functions' embedded metrics and Lambda's own.
 */
export class AffinityMonitoring extends pulumi.ComponentResource {
  readonly alarms: Readonly<Record<AlarmDefinition["key"], aws.cloudwatch.MetricAlarm>>;
  readonly dashboard: aws.cloudwatch.Dashboard;

  constructor(name: string, args: AffinityMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("connect-affinity:index:AffinityMonitoring", name, {}, opts);
    const input = pulumi.output({ region: args.region, functionNames: args.functionNames }).apply(
      (resolved): MonitoringInput => ({
        namespace: args.namespace,
        region: resolved.region,
        functionNames: resolved.functionNames,
        eventStreamPresence: args.eventStreamPresence,
        thresholds: args.thresholds,
      }),
    );
    // Which alarms exist depends on plain arguments only, so the resources are known up front;
    // the metrics inside them (function names) resolve later.
    const shapes = alarmDefinitions({
      namespace: args.namespace,
      region: "",
      functionNames: {},
      eventStreamPresence: args.eventStreamPresence,
      thresholds: args.thresholds,
    });
    const actions =
      args.alarmTopicArn === undefined
        ? {}
        : {
            alarmActions: [args.alarmTopicArn],
            okActions: [args.alarmTopicArn],
          };
    const alarms: Partial<Record<AlarmDefinition["key"], aws.cloudwatch.MetricAlarm>> = {};
    for (const shape of shapes) {
      const definition = input.apply(
        (resolved) =>
          alarmDefinitions(resolved).find((candidate) => candidate.key === shape.key) ?? shape,
      );
      alarms[shape.key] = new aws.cloudwatch.MetricAlarm(
        `${name}-${shape.key}`,
        {
          name: `${name}-${shape.key}`,
          alarmDescription: shape.description,
          comparisonOperator: shape.comparisonOperator,
          threshold: shape.threshold,
          evaluationPeriods: shape.evaluationPeriods,
          treatMissingData: shape.treatMissingData,
          metricQueries: definition.apply((resolved) => [
            ...resolved.metrics.map((metric) => ({
              id: metric.id,
              returnData: false,
              metric: {
                namespace: metric.namespace,
                metricName: metric.metricName,
                dimensions: { ...metric.dimensions },
                period: resolved.period,
                stat: metric.stat,
              },
            })),
            {
              id: "result",
              expression: resolved.expression,
              label: resolved.key,
              returnData: true,
            },
          ]),
          ...actions,
          tags: args.tags ?? {},
        },
        { parent: this },
      );
    }
    this.alarms = alarms as Record<AlarmDefinition["key"], aws.cloudwatch.MetricAlarm>;
    const alarmArns = pulumi.all(Object.values(this.alarms).map((alarm) => alarm.arn));
    this.dashboard = new aws.cloudwatch.Dashboard(
      name,
      {
        dashboardName: name,
        dashboardBody: pulumi
          .all([input, alarmArns])
          .apply(([resolved, arns]) => JSON.stringify(dashboardBody(resolved, arns))),
      },
      { parent: this },
    );
    this.registerOutputs({ dashboardName: this.dashboard.dashboardName });
  }
}
