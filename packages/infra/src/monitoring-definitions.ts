import { preferredAgentDecisions } from "@connect-affinity/core";
import { agentReasons, noneReasons } from "@connect-affinity/core/contract";
import {
  answeringAgents,
  type FunctionId,
  metricCatalog,
  metricsServiceName,
} from "@connect-affinity/handlers/manifest";

/** What the dashboard and alarms are built from, once every name is known. */
export interface MonitoringInput {
  /** The functions' metrics namespace (`ConnectAffinity/<stack>`). */
  readonly namespace: string;
  readonly region: string;
  /** The deployed Lambda function names, by the manifest's identifiers (those the stack has). */
  readonly functionNames: Readonly<Partial<Record<FunctionId, string>>>;
  /** With event-stream presence, presence can go stale: it gets its alarm and widget. */
  readonly eventStreamPresence: boolean;
  readonly thresholds: AlarmThresholds;
}

/** Per-stack alarm thresholds (the stack config's `alarm*` keys). */
export interface AlarmThresholds {
  readonly hitRatePercent: number;
  readonly hitRateMinContacts: number;
  readonly handlerErrors: number;
  readonly connectThrottles: number;
  readonly stalePresence: number;
}

/** One metric of a metric-math query: namespace, name and every dimension. */
export interface MetricReference {
  readonly id: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: "Sum";
}

/** One CloudWatch alarm, as data (`aws.cloudwatch.MetricAlarm`'s arguments without actions). */
export interface AlarmDefinition {
  /** Resource-name suffix and the alarm's key in outputs. */
  readonly key:
    | "handler-errors"
    | "connect-throttles"
    | "stale-presence"
    | "empty-directory"
    | "hit-rate";
  readonly description: string;
  readonly comparisonOperator: "GreaterThanOrEqualToThreshold" | "LessThanThreshold";
  readonly threshold: number;
  readonly evaluationPeriods: number;
  /** Seconds per period. */
  readonly period: number;
  /** The metrics, and one expression (`returnData`) the alarm watches. */
  readonly metrics: readonly MetricReference[];
  readonly expression: string;
  readonly treatMissingData: "notBreaching";
}

const fiveMinutes = 300;
const oneHour = 3_600;

/** A metric the functions write, under `service` and `dimensions`. */
function ours(
  id: string,
  input: MonitoringInput,
  metricName: string,
  dimensions: Readonly<Record<string, string>>,
): MetricReference {
  return {
    id,
    namespace: input.namespace,
    metricName,
    dimensions: { service: metricsServiceName, ...dimensions },
    stat: "Sum",
  };
}

/** `FILL(a,0) + FILL(b,0) + …`: a sum that a series without data does not blank out. */
function sumOf(metrics: readonly MetricReference[]): string {
  return metrics.map((metric) => `FILL(${metric.id}, 0)`).join(" + ");
}

/**
 * The stack's alarms:
 *
 * - `handler-errors`: failed invocations of every function (Lambda's own `Errors`), summed, at
 *   or above `handlerErrors` in five minutes.
 * - `connect-throttles`: directory and presence reads Connect throttled (`Degraded` with
 *   `Cause=throttled`), at or above `connectThrottles` in five minutes: the account's Connect
 *   API quota is spent.
 * - `stale-presence` (event-stream presence only): decisions made with presence older than its
 *   bound (`Degraded{presence, stale}`), at or above `stalePresence` in five minutes: the agent
 *   event stream or its consumer has stopped.
 * - `empty-directory`: a decision on a roster with nobody on it, once in five minutes: every
 *   contact goes to the fallback queue.
 * - `hit-rate`: fewer than `hitRatePercent` % of returning callers answered by their own agent
 *   over an hour, counted only in hours with at least `hitRateMinContacts` of them (a quiet hour
 *   cannot alarm on two calls).
 *
 * Missing data is not breaching: a stack nobody calls is not in alarm.
 */
export function alarmDefinitions(input: MonitoringInput): AlarmDefinition[] {
  const { thresholds } = input;
  const errors = Object.values(input.functionNames).map(
    (functionName, index): MetricReference => ({
      id: `e${index}`,
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: functionName },
      stat: "Sum",
    }),
  );
  const throttles = ["directory", "presence"].map((component, index) =>
    ours(`t${index}`, input, metricCatalog.degraded.name, {
      Component: component,
      Cause: "throttled",
    }),
  );
  const stale = ours("s0", input, metricCatalog.degraded.name, {
    Component: "presence",
    Cause: "stale",
  });
  const empty = ours("d0", input, metricCatalog.emptyDirectory.name, {});
  const [preferred, other] = answeringAgents.map((agent) =>
    ours(agent, input, metricCatalog.returningCallerConnected.name, { Agent: agent }),
  ) as [MetricReference, MetricReference];
  const answered = `(FILL(${preferred.id}, 0) + FILL(${other.id}, 0))`;
  const alarms: AlarmDefinition[] = [
    {
      key: "handler-errors",
      description: `connect-affinity: at least ${thresholds.handlerErrors} failed Lambda invocations in 5 minutes (every function): see the functions' ERROR log lines (errorCode) and the HandlerError metric.`,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: thresholds.handlerErrors,
      evaluationPeriods: 1,
      period: fiveMinutes,
      metrics: errors,
      expression: sumOf(errors),
      treatMissingData: "notBreaching",
    },
    {
      key: "connect-throttles",
      description: `connect-affinity: Connect throttled at least ${thresholds.connectThrottles} directory or presence reads in 5 minutes; calls are routed unverified. Raise the Connect API quota, or use event-stream presence.`,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: thresholds.connectThrottles,
      evaluationPeriods: 1,
      period: fiveMinutes,
      metrics: throttles,
      expression: sumOf(throttles),
      treatMissingData: "notBreaching",
    },
    ...(input.eventStreamPresence
      ? [
          {
            key: "stale-presence",
            description: `connect-affinity: at least ${thresholds.stalePresence} routing decisions on stale presence in 5 minutes: check the agent event stream (IncomingRecords) and the agent-events function's errors.`,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: thresholds.stalePresence,
            evaluationPeriods: 1,
            period: fiveMinutes,
            metrics: [stale],
            expression: sumOf([stale]),
            treatMissingData: "notBreaching",
          } satisfies AlarmDefinition,
        ]
      : []),
    {
      key: "empty-directory",
      description:
        "connect-affinity: routing found nobody on the agent roster, so every contact goes to the fallback queue: check ROUTING_PROFILE_IDS / HIERARCHY_GROUP_IDS and that the instance has users.",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      evaluationPeriods: 1,
      period: fiveMinutes,
      metrics: [empty],
      expression: sumOf([empty]),
      treatMissingData: "notBreaching",
    },
    {
      key: "hit-rate",
      description: `connect-affinity: under ${thresholds.hitRatePercent} % of returning callers reached their own agent in the last hour (hours with at least ${thresholds.hitRateMinContacts} of them). See the dashboard's "why" split: busy agents, nobody available, agents gone.`,
      comparisonOperator: "LessThanThreshold",
      threshold: thresholds.hitRatePercent,
      evaluationPeriods: 1,
      period: oneHour,
      metrics: [preferred, other],
      expression: `IF(${answered} >= ${thresholds.hitRateMinContacts}, 100 * FILL(${preferred.id}, 0) / ${answered}, 100)`,
      treatMissingData: "notBreaching",
    },
  ];
  return alarms;
}

/** One line of a dashboard graph: `[namespace, metric, dimension, value, …, options]`. */
type DashboardMetric = readonly (string | Readonly<Record<string, unknown>>)[];

function line(
  input: MonitoringInput,
  metricName: string,
  dimensions: Readonly<Record<string, string>>,
  options: Readonly<Record<string, unknown>> = {},
): DashboardMetric {
  return [
    input.namespace,
    metricName,
    "service",
    metricsServiceName,
    ...Object.entries(dimensions).flat(),
    { stat: "Sum", ...options },
  ];
}

function graph(
  input: MonitoringInput,
  title: string,
  metrics: readonly DashboardMetric[],
  place: { readonly x: number; readonly y: number; readonly width?: number },
  extra: Readonly<Record<string, unknown>> = {},
): Readonly<Record<string, unknown>> {
  return {
    type: "metric",
    x: place.x,
    y: place.y,
    width: place.width ?? 12,
    height: 6,
    properties: {
      title,
      region: input.region,
      view: "timeSeries",
      stacked: false,
      period: fiveMinutes,
      metrics,
      ...extra,
    },
  };
}

/**
 * The dashboard's body (CloudWatch's dashboard JSON): the promise first (the hit rate, who
 * answered returning callers and why, what they waited), then how routing decided, what
 * degraded, what record and contact-event did, the functions' Lambda health, and the alarms.
 *
 * @example
 * ```ts
 * const body = dashboardBody(input, alarmArns);
 * new aws.cloudwatch.Dashboard("d", { dashboardName, dashboardBody: JSON.stringify(body) });
 * ```
 */
export function dashboardBody(
  input: MonitoringInput,
  alarmArns: readonly string[],
): Readonly<Record<string, unknown>> {
  const connected = metricCatalog.returningCallerConnected.name;
  const hitRate: DashboardMetric[] = [
    [
      {
        expression: "100 * FILL(p, 0) / (FILL(p, 0) + FILL(o, 0))",
        label: "hit rate (%)",
        id: "rate",
      },
    ],
    line(input, connected, { Agent: "preferred" }, { id: "p", visible: false }),
    line(input, connected, { Agent: "other" }, { id: "o", visible: false }),
  ];
  const byDecision = answeringAgents.flatMap((agent) =>
    preferredAgentDecisions.map((decision) =>
      line(
        input,
        connected,
        { Agent: agent, Decision: decision },
        { label: `${agent} / ${decision}` },
      ),
    ),
  );
  const wait = answeringAgents.flatMap((agent) =>
    ["p50", "p90"].map((stat) =>
      line(
        input,
        metricCatalog.returningCallerWait.name,
        { Agent: agent },
        { stat, label: `${agent} ${stat}` },
      ),
    ),
  );
  const routeReasons = [
    ...agentReasons.filter((reason) => reason !== "next-candidate"),
    ...noneReasons,
  ];
  const decisions = routeReasons.map((reason) =>
    line(
      input,
      metricCatalog.decision.name,
      { Function: "route", Reason: reason },
      { label: reason },
    ),
  );
  const degradations = [
    ["store", "unreadable"],
    ["directory", "throttled"],
    ["directory", "failed"],
    ["directory", "empty"],
    ["presence", "throttled"],
    ["presence", "failed"],
    ["presence", "stale"],
    ["presence", "reservation-failed"],
    ["contact-index", "unwritable"],
  ].map(([component = "", cause = ""]) =>
    line(
      input,
      metricCatalog.degraded.name,
      { Component: component, Cause: cause },
      { label: `${component} ${cause}` },
    ),
  );
  const outcomes = [
    ...[
      ["recorded", "none"],
      ["skipped", "anonymous-caller"],
      ["skipped", "unknown-agent"],
      ["skipped", "superseded"],
    ].map(([status = "", reason = ""]) =>
      line(
        input,
        metricCatalog.recordOutcome.name,
        { Status: status, Reason: reason },
        { label: `record ${status} ${reason}` },
      ),
    ),
    ...[
      ["recorded", "none"],
      ["skipped", "unknown-contact"],
      ["skipped", "unknown-agent"],
      ["skipped", "superseded"],
    ].map(([status = "", reason = ""]) =>
      line(
        input,
        metricCatalog.contactEventOutcome.name,
        { Status: status, Reason: reason },
        { label: `contact-event ${status} ${reason}` },
      ),
    ),
  ];
  const lambda = (metricName: string, stat: string): DashboardMetric[] =>
    Object.entries(input.functionNames).map(([id, functionName]) => [
      "AWS/Lambda",
      metricName,
      "FunctionName",
      functionName ?? "",
      { stat, label: id },
    ]);
  return {
    widgets: [
      {
        type: "text",
        x: 0,
        y: 0,
        width: 24,
        height: 2,
        properties: {
          markdown: `## connect-affinity (${input.namespace})\nThe promise: returning callers answered by their own agent. Metrics are the functions' embedded-metric log lines; the alarms are below.`,
        },
      },
      graph(
        input,
        "Returning callers reaching their agent (%)",
        hitRate,
        { x: 0, y: 2 },
        {
          yAxis: { left: { min: 0, max: 100 } },
        },
      ),
      graph(
        input,
        "Returning callers answered: who, and what routing decided",
        byDecision,
        { x: 12, y: 2 },
        {
          stacked: true,
        },
      ),
      graph(input, "Wait of returning callers (ms)", wait, { x: 0, y: 8 }),
      graph(input, "route decisions by reason", decisions, { x: 12, y: 8 }, { stacked: true }),
      graph(input, "Degradations absorbed", degradations, { x: 0, y: 14 }),
      graph(input, "record and contact-event outcomes", outcomes, { x: 12, y: 14 }),
      graph(input, "Lambda errors", lambda("Errors", "Sum"), { x: 0, y: 20, width: 8 }),
      graph(input, "Lambda throttles", lambda("Throttles", "Sum"), { x: 8, y: 20, width: 8 }),
      graph(input, "Lambda duration p99 (ms)", lambda("Duration", "p99"), {
        x: 16,
        y: 20,
        width: 8,
      }),
      {
        type: "alarm",
        x: 0,
        y: 26,
        width: 24,
        height: 3,
        properties: { title: "Alarms", alarms: alarmArns },
      },
    ],
  };
}
