import {
  agentReasons,
  noneReasons,
  routingCriteriaNoneReasons,
} from "@connect-affinity/core/contract";

/**
 * The `service` dimension of every metric the functions write. One value for every function
 * (their log lines carry their own service name), so an alarm can sum a metric over the stack
 * without listing functions; the `Function` dimension tells them apart where it matters.
 */
export const metricsServiceName = "connect-affinity";

/** The default CloudWatch namespace when `POWERTOOLS_METRICS_NAMESPACE` is unset. */
export const defaultMetricsNamespace = "ConnectAffinity";

/** One metric: its name, unit and the dimension sets (besides `service`) it is written under. */
export interface MetricDeclaration {
  readonly name: string;
  readonly unit: "Count" | "Milliseconds";
  /** Each entry is one dimension set (one line each); `service` is added to every set. */
  readonly dimensionSets: readonly (readonly string[])[];
  /** What it counts, for the README and the dashboard. */
  readonly description: string;
}

/** Why a component degraded, as the `Cause` dimension spells it (a closed list). */
export const degradationCauses = [
  "throttled",
  "failed",
  "stale",
  "empty",
  "unreadable",
  "unwritable",
  "reservation-failed",
] as const;

/** One of {@link degradationCauses}. */
export type DegradationCause = (typeof degradationCauses)[number];

/** Whether a returning caller reached the agent they were promised, as `Agent` spells it. */
export const answeringAgents = ["preferred", "other"] as const;

/** One of {@link answeringAgents}. */
export type AnsweringAgent = (typeof answeringAgents)[number];

/**
 * Every metric the deployed functions write, as CloudWatch embedded-metric lines in their logs.
 * Dimensions are low-cardinality by construction (closed lists: reasons, statuses, components),
 * never a caller, a contact or an agent. Infra builds the dashboard and alarms from these
 * declarations, so a renamed metric is a compile error there.
 *
 * @example
 * ```ts
 * import { metricCatalog } from "@connect-affinity/handlers/manifest";
 * metricCatalog.returningCallerConnected.name; // "ReturningCallerConnected"
 * ```
 */
export const metricCatalog = {
  decision: {
    name: "Decision",
    unit: "Count",
    dimensionSets: [["Function", "Reason"]],
    description: `Every answer of route, next-agent and routing-criteria, by reason (${[
      ...agentReasons,
      ...new Set([...noneReasons, ...routingCriteriaNoneReasons]),
    ].join(", ")}).`,
  },
  unverifiedOffer: {
    name: "UnverifiedOffer",
    unit: "Count",
    dimensionSets: [["Function"]],
    description:
      "An agent offered without presence (`presence: unverified`): presence was unknown, stale or off, so the flow's own staffing check decided.",
  },
  degraded: {
    name: "Degraded",
    unit: "Count",
    dimensionSets: [["Component", "Cause"]],
    description:
      "A degradation the router absorbed: `Component` store, directory, presence or contact-index; `Cause` throttled, failed, stale, empty, unreadable, unwritable or reservation-failed.",
  },
  emptyDirectory: {
    name: "EmptyDirectory",
    unit: "Count",
    dimensionSets: [[]],
    description:
      "A routing decision made on an empty roster: every contact goes to the fallback queue.",
  },
  suspiciousDirectory: {
    name: "SuspiciousDirectory",
    unit: "Count",
    dimensionSets: [["Problem"]],
    description:
      "A directory refresh that looked wrong, once per refresh: `Problem` empty (Connect listed no routable agent) or garbled (users without an ID or a readable ARN were left out).",
  },
  recordOutcome: {
    name: "RecordOutcome",
    unit: "Count",
    dimensionSets: [["Status", "Reason"]],
    description:
      "Every answer of record: `recorded`/`none`, or `skipped` with anonymous-caller, unknown-agent or superseded.",
  },
  contactEventOutcome: {
    name: "ContactEventOutcome",
    unit: "Count",
    dimensionSets: [["Status", "Reason"]],
    description:
      "Every contact event: `ignored` (other-event-type, other-instance, monitoring), `rejected`/`invalid-event` (a poison event, answered so EventBridge does not retry it), `recorded`/`none`, or `skipped` (unknown-contact, unknown-agent, superseded).",
  },
  returningCallerConnected: {
    name: "ReturningCallerConnected",
    unit: "Count",
    dimensionSets: [["Agent"], ["Agent", "Decision"]],
    description:
      "The promise: a returning caller connected to an agent, `Agent` preferred (the one they were promised) or other, by what routing decided for the preferred agent (`Decision` offered, busy, nobody, gone). The hit rate is preferred / (preferred + other).",
  },
  returningCallerWait: {
    name: "ReturningCallerWait",
    unit: "Milliseconds",
    dimensionSets: [["Agent"]],
    description:
      "What reaching an agent cost a returning caller: from entering the queue (else from the routing decision) to the agent's answer, by `Agent` preferred or other.",
  },
  handlerError: {
    name: "HandlerError",
    unit: "Count",
    dimensionSets: [["Function", "ErrorCode"]],
    description:
      "An invocation that failed, by the error's stable code (INVALID_EVENT, INVALID_CONFIGURATION, SECRET_UNAVAILABLE, …; UNEXPECTED for the rest).",
  },
  agentEventRecords: {
    name: "AgentEventRecords",
    unit: "Count",
    dimensionSets: [["Outcome"]],
    description:
      "Agent event stream records: `written` (in full), `refreshed` (times only), `unchanged` (nothing routing reads changed, written recently), `superseded` and `refused` (dated beyond the clock-skew allowance) agent states, `skipped` records that were not agent events.",
  },
} as const satisfies { readonly [key: string]: MetricDeclaration };

/** A metric's key in {@link metricCatalog}. */
export type MetricKey = keyof typeof metricCatalog;
