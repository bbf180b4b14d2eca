import type { ContactResult } from "../instance/simulation.js";
import type { ContactExecution } from "../interpreter/contact.js";
import type { LastAgentOnArrival } from "../report/last-agent-ledger.js";
import type { TrafficCall } from "./traffic.js";

/** What happened to one call. */
export interface ContactRecord {
  readonly call: TrafficCall;
  /** The caller's last agent when they arrived (history or an earlier call), if any. */
  readonly lastAgentId: string | undefined;
  /** Whether that agent could take a call when this one arrived. */
  readonly lastAgentAvailable: boolean;
  readonly outcome: "agent" | "fallback-queue" | "disconnected" | "abandoned" | "dead-end";
  readonly agentId: string | undefined;
  readonly timeToAgentMs: number | undefined;
  readonly throttled: boolean;
  /**
   * For a call that went to the fallback queue or was hung up on, what sent it there: the last
   * deciding step of its path (`error:<reason>`, `offers-exhausted`, `none:<reason>`,
   * `lambda:<failure>`).
   */
  readonly endCause: string | undefined;
  /** The first agent the flow's first Lambda offered, and why (for diagnosing misses). */
  readonly firstOffer:
    | { readonly agentId: string | undefined; readonly reason: string }
    | undefined;
}

/**
 * What happened to one call of a cell, from its result, the caller's last agent when it arrived
 * and the contacts that met a throttled Connect API.
 */
export function contactRecord(
  call: TrafficCall,
  result: ContactResult | undefined,
  arrival: LastAgentOnArrival | undefined,
  throttled: ReadonlySet<string>,
): ContactRecord {
  if (result === undefined) throw new Error(`No result for contact ${call.contactId}`);
  const { outcome, execution } = result;
  const fallback =
    (outcome.kind === "agent" || outcome.kind === "abandoned") &&
    outcome.queue.kind === "queue" &&
    outcome.queue.queue.role === "fallback";
  return {
    call,
    lastAgentId: arrival?.agentId,
    lastAgentAvailable: arrival?.available ?? false,
    outcome: fallback ? "fallback-queue" : outcome.kind,
    agentId: outcome.kind === "agent" ? outcome.agent.id : undefined,
    timeToAgentMs: outcome.kind === "agent" ? outcome.connectedAt - execution.arrivedAt : undefined,
    throttled: throttled.has(call.contactId),
    firstOffer: firstOfferOf(execution),
    endCause: fallback || outcome.kind === "disconnected" ? endCauseOf(execution) : undefined,
  };
}

function endCauseOf(execution: ContactExecution): string {
  for (let index = execution.trace.length - 1; index >= 0; index -= 1) {
    const step = execution.trace[index];
    if (step === undefined) continue;
    if (step.kind === "error") return `error:${step.reason}`;
    if (step.kind === "loop" && step.done) return "offers-exhausted";
    if (step.kind === "lambda") {
      if (step.result !== "ok") return `lambda:${step.result}`;
      const { status, reason } = step.response ?? {};
      if (status === "none" || status === "unavailable") {
        return `none:${typeof reason === "string" ? reason : String(status)}`;
      }
    }
  }
  return "other";
}

function firstOfferOf(
  execution: ContactExecution,
): { readonly agentId: string | undefined; readonly reason: string } | undefined {
  const first = execution.trace.find((step) => step.kind === "lambda");
  if (first === undefined || first.kind !== "lambda") return undefined;
  if (first.response === undefined) return { agentId: undefined, reason: `error:${first.result}` };
  const { agentId, user, reason, presence } = first.response;
  const offered =
    typeof agentId === "string" ? agentId : typeof user === "string" ? user : undefined;
  const why = typeof reason === "string" ? reason : "seed-lookup";
  return {
    agentId: offered === "none" ? undefined : offered,
    reason: typeof presence === "string" ? `${why}/${presence}` : why,
  };
}
