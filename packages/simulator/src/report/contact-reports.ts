import { maskPhoneNumber } from "@connect-affinity/core";
import type { ContactResult } from "../instance/simulation.js";
import type { TraceStep } from "../interpreter/contact.js";
import type { PlannedCall } from "../scenario/scenario-plan.js";
import { pathLine } from "./path-line.js";
import type { ContactReport, LastAgentMatch, ReportOutcome } from "./run-report.js";
import { isWithheld } from "./withheld-number.js";

/**
 * One report per call, in arrival order: the masked caller, the path, the outcome, and whether
 * the agent who answered had answered this caller's previous call in the run.
 *
 * @param availableOnArrival - for a caller answered before in the run, whether that agent could
 *   take this call when it arrived (undefined for other calls).
 * @param functionName - a short name for a Lambda ARN.
 */
export function contactReports(
  calls: readonly PlannedCall[],
  results: readonly ContactResult[],
  availableOnArrival: (contactId: string) => boolean | undefined,
  functionName: (arn: string) => string,
): ContactReport[] {
  const byContact = new Map(results.map((result) => [result.execution.input.contactId, result]));
  // Who answered each caller last, in arrival order: the ground truth "last agent".
  const lastAgentOf = new Map<string, string>();
  return calls.map((call) => {
    const result = byContact.get(call.contactId);
    if (result === undefined) throw new Error(`No result for contact ${call.contactId}`);
    const { execution, outcome } = result;
    const withheld = isWithheld(call.customerAddress);
    const previousAgent =
      withheld || call.customerAddress === undefined
        ? undefined
        : lastAgentOf.get(call.customerAddress);
    const agent = outcome.kind === "agent" ? outcome.agent.username : undefined;
    if (agent !== undefined && !withheld && call.customerAddress !== undefined) {
      lastAgentOf.set(call.customerAddress, agent);
    }
    const reportOutcome: ReportOutcome =
      outcome.kind === "agent"
        ? outcome.queue.kind === "queue" && outcome.queue.queue.role === "fallback"
          ? "fallback-queue"
          : "agent"
        : outcome.kind === "abandoned" &&
            outcome.queue.kind === "queue" &&
            outcome.queue.queue.role === "fallback"
          ? "fallback-queue"
          : outcome.kind;
    const lastAgent: LastAgentMatch =
      agent === undefined
        ? "not-connected"
        : withheld
          ? "withheld"
          : previousAgent === undefined
            ? "first-call"
            : previousAgent === agent
              ? "same"
              : "other";
    const lastAgentAvailableOnArrival = availableOnArrival(call.contactId);
    return {
      contactId: call.contactId,
      caller: call.callerName,
      number: call.customerAddress === undefined ? "(none)" : maskPhoneNumber(call.customerAddress),
      channel: call.channel,
      arrivedAtSeconds: call.atMs / 1000,
      path: pathLine(execution.trace, functionName),
      outcome: reportOutcome,
      ...(agent === undefined ? {} : { agent }),
      ...(previousAgent === undefined ? {} : { previousAgent }),
      lastAgent,
      ...(lastAgentAvailableOnArrival === undefined ? {} : { lastAgentAvailableOnArrival }),
      ...(outcome.kind === "agent"
        ? { timeToAgentSeconds: (outcome.connectedAt - execution.arrivedAt) / 1000 }
        : {}),
      messages: [...execution.transcript],
      ...(outcome.kind === "dead-end"
        ? { deadEnd: { actionId: outcome.actionId, reason: outcome.reason } }
        : {}),
      lambdaInvocations: execution.trace.filter((step) => step.kind === "lambda").length,
      decisions: execution.trace.flatMap((step) =>
        step.kind === "lambda" ? [`${functionName(step.functionArn)}:${decisionOf(step)}`] : [],
      ),
      ...(call.note === undefined ? {} : { note: call.note }),
    };
  });
}

/** `status/reason` of a Lambda's answer, or why the invocation failed. */
function decisionOf(step: Extract<TraceStep, { readonly kind: "lambda" }>): string {
  if (step.response === undefined) return step.result;
  const { status, reason } = step.response as {
    readonly status?: unknown;
    readonly reason?: unknown;
  };
  return `${String(status ?? "?")}/${String(reason ?? "?")}`;
}
