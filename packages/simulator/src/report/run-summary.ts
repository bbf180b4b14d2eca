import type { ContactReport, ReportOutcome, RunSummary } from "./run-report.js";
import { summarizeSeconds } from "./run-report.js";

/** What the run counted besides the contacts themselves. */
export interface RunCounters {
  /** Invocations by function name (`route`, `next-agent`…). */
  readonly lambdaInvocations: Readonly<Record<string, number>>;
  /** Contact events delivered again after a failure, and those given up on. */
  readonly contactEvents: { readonly retries: number; readonly lost: number };
  /** The Connect emulator's counters, per API. */
  readonly connect: {
    readonly calls: Readonly<Record<string, number>>;
    readonly throttled: Readonly<Record<string, number>>;
  };
  /** DynamoDB requests by operation. */
  readonly dynamoDbRequests: Readonly<Record<string, number>>;
  readonly simulatedSeconds: number;
}

/** The totals of a run: outcomes, what sticky routing achieved, and what it cost. */
export function summarizeRun(
  contacts: readonly ContactReport[],
  counters: RunCounters,
): RunSummary {
  const calls = contacts.length;
  const lambdaInvocations = sum(counters.lambdaInvocations);
  const connectApiCalls = sum(counters.connect.calls);
  const dynamoDbRequests = sum(counters.dynamoDbRequests);
  const perContact = (value: number): number =>
    calls === 0 ? 0 : Math.round((value / calls) * 100) / 100;
  const where = (test: (contact: ContactReport) => boolean): number => contacts.filter(test).length;
  const outcome = (kind: ReportOutcome): number => where((contact) => contact.outcome === kind);
  const timeToAgent = summarizeSeconds(
    contacts.flatMap((contact) =>
      contact.timeToAgentSeconds === undefined ? [] : [contact.timeToAgentSeconds],
    ),
  );
  return {
    calls,
    returningCalls: where((contact) => contact.previousAgent !== undefined),
    reachedLastAgent: where(
      (contact) => contact.outcome === "agent" && contact.lastAgent === "same",
    ),
    reachedAnotherAgent: where(
      (contact) => contact.outcome === "agent" && contact.lastAgent !== "same",
    ),
    lastAgentAvailableOnArrival: where((contact) => contact.lastAgentAvailableOnArrival === true),
    reachedLastAgentWhenAvailable: where(
      (contact) => contact.lastAgentAvailableOnArrival === true && contact.lastAgent === "same",
    ),
    fellBack: outcome("fallback-queue"),
    abandoned: outcome("abandoned"),
    disconnected: outcome("disconnected"),
    deadEnds: outcome("dead-end"),
    connectApiCalls,
    connectApiThrottles: sum(counters.connect.throttled),
    lambdaInvocations,
    lambdaInvocationsByFunction: counters.lambdaInvocations,
    contactEventRetries: counters.contactEvents.retries,
    contactEventsLost: counters.contactEvents.lost,
    dynamoDbRequests,
    perContact: {
      lambdaInvocations: perContact(lambdaInvocations),
      connectApiCalls: perContact(connectApiCalls),
      dynamoDbRequests: perContact(dynamoDbRequests),
    },
    ...(timeToAgent === undefined ? {} : { timeToAgentSeconds: timeToAgent }),
    simulatedSeconds: counters.simulatedSeconds,
  };
}

function sum(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}
