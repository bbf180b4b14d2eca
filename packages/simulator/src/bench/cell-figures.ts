import type { CellResult } from "./bench-result.js";
import type { CellRun } from "./run-cell.js";
import { percentage, percentile, ratio, rounded, spread } from "./statistics.js";

/** Measurements made outside the simulation, per system and agent count. */
export interface OutsideMeasures {
  readonly decisionMs: readonly number[];
  readonly bundleBytes: number | null;
  readonly coldStartImportMs: number | null;
}

/**
 * The figures of one run, as `results.json` carries them.
 *
 * - Per contact: every request or invocation counted after preparation, over the calls of the
 *   window (the drain after the last arrival included, so nothing is left out).
 * - Last agent: among returning calls whose last agent (from history, or whoever answered
 *   their earlier call in the window) could take a call at the moment they arrived, the share
 *   that reached that agent, through any queue.
 * - Spread: new-caller calls answered per agent, max over mean of the agents who answered any;
 *   coverage: those agents over the available ones.
 */
export function cellFigures(run: CellRun, outside: OutsideMeasures): CellResult {
  const { contacts } = run;
  const total = contacts.length;
  const perContact = (value: number): number | null => rounded(ratio(value, total), 3);
  const judged = contacts.filter(
    (contact) =>
      contact.call.kind === "returning" &&
      contact.lastAgentId !== undefined &&
      contact.lastAgentAvailable,
  );
  const reached = judged.filter((contact) => contact.agentId === contact.lastAgentId);
  const lastAgentMisses: Record<string, number> = {};
  for (const contact of judged) {
    if (contact.agentId === contact.lastAgentId) continue;
    const offer = contact.firstOffer;
    const key =
      offer === undefined
        ? "no-offer"
        : offer.agentId === contact.lastAgentId
          ? "offered-then-lost"
          : `offered-elsewhere:${offer.reason}`;
    lastAgentMisses[key] = (lastAgentMisses[key] ?? 0) + 1;
  }
  const newCallerCounts = new Map<string, number>();
  for (const contact of contacts) {
    if (contact.call.kind !== "new" || contact.agentId === undefined) continue;
    newCallerCounts.set(contact.agentId, (newCallerCounts.get(contact.agentId) ?? 0) + 1);
  }
  const endCauses: Record<string, number> = {};
  for (const contact of contacts) {
    if (contact.endCause !== undefined) {
      endCauses[contact.endCause] = (endCauses[contact.endCause] ?? 0) + 1;
    }
  }
  const times = contacts.flatMap((contact) =>
    contact.timeToAgentMs === undefined ? [] : [contact.timeToAgentMs / 1000],
  );
  const count = (outcome: CellRun["contacts"][number]["outcome"]): number =>
    contacts.filter((contact) => contact.outcome === outcome).length;
  const lambdas = run.flowLambdaInvocations + run.contactEventInvocations + run.consumerInvocations;
  return {
    system: run.system,
    agents: run.traffic.spec.agents,
    ratePerSecond: run.traffic.spec.ratePerSecond,
    durationSeconds: run.traffic.spec.durationMs / 1000,
    contacts: total,
    returningContacts: contacts.filter((contact) => contact.call.kind === "returning").length,
    newContacts: contacts.filter((contact) => contact.call.kind === "new").length,
    connectApiCallsPerContact: perContact(run.connectApiCalls),
    connectApiThrottlesPerContact: perContact(run.connectApiThrottles),
    lambdaInvocationsPerContact: perContact(lambdas),
    flowLambdaInvocationsPerContact: perContact(run.flowLambdaInvocations),
    consumerInvocationsPerContact: perContact(run.consumerInvocations),
    dynamoDbRequestsPerContact: perContact(run.dynamoDbRequests),
    consumerDynamoDbRequestsPerContact: perContact(run.consumerDynamoDbRequests),
    throttledContactsPercent: rounded(
      percentage(contacts.filter((contact) => contact.throttled).length, total),
      1,
    ),
    lastAgentAvailableContacts: judged.length,
    reachedLastAgentPercent: rounded(percentage(reached.length, judged.length), 1),
    lastAgentMisses,
    newCallerSpread: rounded(spread(newCallerCounts), 2),
    newCallerCoveragePercent: rounded(
      percentage(newCallerCounts.size, run.availableAgentIds.size),
      1,
    ),
    timeToAgentP50Seconds: rounded(percentile(times, 50), 2),
    timeToAgentP99Seconds: rounded(percentile(times, 99), 2),
    decisionP50Ms: rounded(percentile(outside.decisionMs, 50), 3),
    decisionP99Ms: rounded(percentile(outside.decisionMs, 99), 3),
    handlerWallP50Ms: rounded(percentile(run.handlerWallMs, 50), 2),
    handlerWallP99Ms: rounded(percentile(run.handlerWallMs, 99), 2),
    bundleBytes: outside.bundleBytes,
    coldStartImportMs: outside.coldStartImportMs,
    endCauses,
    outcomes: {
      agent: count("agent"),
      fallbackQueue: count("fallback-queue"),
      disconnected: count("disconnected"),
      abandoned: count("abandoned"),
      deadEnd: count("dead-end"),
    },
    wallSeconds: rounded(run.wallMs / 1000, 1) ?? 0,
  };
}
