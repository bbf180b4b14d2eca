import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { ContactOffer, DegradationEvent } from "@connect-affinity/core";
import type { PresenceState } from "@connect-affinity/core/contract";
import {
  type AnsweringAgent,
  type DegradationCause,
  defaultMetricsNamespace,
  type FunctionName,
  type MetricKey,
  metricCatalog,
  metricsServiceName,
} from "./manifest/index.js";

/** What one `ReturningCallerConnected` data point says. */
export interface PromiseOutcome {
  readonly agent: AnsweringAgent;
  readonly decision: ContactOffer["decision"];
  /** What reaching the agent cost the caller, when the event's times tell (ms). */
  readonly waitMs: number | undefined;
}

/**
 * The functions' metrics, written as CloudWatch embedded-metric lines (Powertools Metrics) on
 * stdout, which Lambda sends to the function's log group and CloudWatch turns into metrics: no
 * API call, no latency. Each data point is its own line with its own dimensions (closed lists
 * only: see the manifest's `metricCatalog`).
 */
export class HandlerMetrics {
  readonly #metrics: Metrics;

  constructor(options: { readonly namespace?: string | undefined } = {}) {
    this.#metrics = new Metrics({
      namespace: options.namespace ?? defaultMetricsNamespace,
      serviceName: metricsServiceName,
    });
  }

  /** An answer of route, next-agent or routing-criteria. */
  decision(fn: FunctionName, reason: string, presence?: PresenceState): void {
    this.#count("decision", { Function: fn, Reason: reason });
    if (presence === "unverified") this.#count("unverifiedOffer", { Function: fn });
  }

  /**
   * A degradation the router absorbed. A directory that answered with nobody (`directory
   * empty…`, `directory garbled…`) also counts as `EmptyDirectory`, the metric its alarm
   * watches.
   */
  degraded(event: DegradationEvent): void {
    const cause = causeOf(event);
    this.#count("degraded", { Component: event.component, Cause: cause });
    if (event.component === "directory" && cause === "empty") this.#count("emptyDirectory", {});
  }

  /** A directory refresh that looked wrong (core's `DirectoryObserver`), once per refresh. */
  suspiciousDirectory(problem: "empty" | "garbled"): void {
    this.#count("suspiciousDirectory", { Problem: problem });
  }

  /** An answer of record. */
  recordOutcome(status: string, reason: string): void {
    this.#count("recordOutcome", { Status: status, Reason: reason });
  }

  /** What contact-event did with one event. */
  contactEventOutcome(status: string, reason: string): void {
    this.#count("contactEventOutcome", { Status: status, Reason: reason });
  }

  /** A returning caller reached an agent: the one they were promised, or another. */
  returningCallerConnected(outcome: PromiseOutcome): void {
    // One line per dimension set: each is its own series in CloudWatch (Powertools warns when
    // one line repeats a dimension across sets).
    this.#count("returningCallerConnected", { Agent: outcome.agent });
    this.#count("returningCallerConnected", { Agent: outcome.agent, Decision: outcome.decision });
    if (outcome.waitMs !== undefined && outcome.waitMs >= 0) {
      const wait = metricCatalog.returningCallerWait;
      this.#metrics
        .singleMetric()
        .addDimension("Agent", outcome.agent)
        .addMetric(wait.name, MetricUnit[wait.unit], outcome.waitMs);
    }
  }

  /** A failed invocation, by the error's stable code. */
  handlerError(fn: FunctionName, errorCode: string): void {
    this.#count("handlerError", { Function: fn, ErrorCode: errorCode });
  }

  /** Agent event stream records of one batch. */
  agentEventRecords(
    outcome: "written" | "refreshed" | "unchanged" | "superseded" | "refused" | "skipped",
    count: number,
  ): void {
    if (count > 0) this.#count("agentEventRecords", { Outcome: outcome }, count);
  }

  #count(key: MetricKey, dimensions: Readonly<Record<string, string>>, value = 1): void {
    const { name, unit } = metricCatalog[key];
    const line = this.#metrics.singleMetric();
    for (const [dimension, dimensionValue] of Object.entries(dimensions)) {
      line.addDimension(dimension, dimensionValue);
    }
    line.addMetric(name, MetricUnit[unit], value);
  }
}

/**
 * A degradation's cause as a closed word, read from core's reason text (which may carry detail,
 * such as how stale presence was, that must not become a dimension value).
 */
export function causeOf(event: DegradationEvent): DegradationCause {
  const reason = event.reason.toLowerCase();
  if (reason.includes("reservation")) return "reservation-failed";
  if (reason.includes("throttl")) return "throttled";
  if (reason.includes("stale")) return "stale";
  if (reason.includes("empty") || reason.includes("garbled")) return "empty";
  if (reason.includes("unwritable")) return "unwritable";
  if (reason.includes("unreadable")) return "unreadable";
  return "failed";
}
