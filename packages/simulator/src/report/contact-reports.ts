import { maskPhoneNumber } from "@connect-affinity/core";
import type { ContactResult } from "../instance/simulation.js";
import type { TraceStep } from "../interpreter/contact.js";
import type { PlannedCall } from "../scenario/scenario-plan.js";
import {
  answeringAgentPolicy,
  type LastAgentPolicy,
  type PolicyCall,
} from "./last-agent-policy.js";
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
 * @param policy - who a customer is and whom a call credits (the ground truth "last agent");
 *   default: the number, whoever answers.
 * @param callOf - the policy's view of a call; default the call itself.
 * @param history - customer keys and the agent (username) last credited before the run.
 */
export function contactReports(
  calls: readonly PlannedCall[],
  results: readonly ContactResult[],
  availableOnArrival: (contactId: string) => boolean | undefined,
  functionName: (arn: string) => string,
  policy: LastAgentPolicy = answeringAgentPolicy,
  callOf: (call: PlannedCall) => PolicyCall = (call) => call,
  history: Iterable<readonly [string, string]> = [],
): ContactReport[] {
  const byContact = new Map(results.map((result) => [result.execution.input.contactId, result]));
  // The agent each customer key was last credited to, in arrival order: the ground truth.
  const lastAgentOf = new Map<string, { readonly username: string; readonly order: number }>(
    [...history].map(([key, username]) => [key, { username, order: -1 }] as const),
  );
  return calls.map((call, order) => {
    const result = byContact.get(call.contactId);
    if (result === undefined) throw new Error(`No result for contact ${call.contactId}`);
    const { execution, outcome } = result;
    // An email address has no digits: only a number can be withheld.
    const withheld = call.channel !== "EMAIL" && isWithheld(call.customerAddress);
    const policyCall = callOf(call);
    const keys = policy.keysOf(policyCall);
    const previous = keys
      .map((key) => lastAgentOf.get(key))
      .reduce<{ readonly username: string; readonly order: number } | undefined>(
        (latest, entry) =>
          entry !== undefined && (latest === undefined || entry.order > latest.order)
            ? entry
            : latest,
        undefined,
      );
    const previousAgent = previous?.username;
    const agent = outcome.kind === "agent" ? outcome.agent.username : undefined;
    const credited =
      outcome.kind === "agent" ? policy.creditedAgent(policyCall, outcome.agent) : undefined;
    if (credited !== undefined) {
      for (const key of keys) lastAgentOf.set(key, { username: credited.username, order });
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
        : withheld && keys.length === 0
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
      number:
        call.customerAddress === undefined
          ? "(none)"
          : call.channel === "EMAIL"
            ? maskEmailAddress(call.customerAddress)
            : maskPhoneNumber(call.customerAddress),
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

/**
 * An email address fit for a report line: the first character of the local part and the
 * domain survive (`y***@example.com`); anything else is masked whole.
 */
export function maskEmailAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "*".repeat(address.length);
  return `${address.slice(0, 1)}***${address.slice(at)}`;
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
