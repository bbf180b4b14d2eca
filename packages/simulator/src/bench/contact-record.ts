import type { ContactResult } from "../instance/simulation.js";
import type { ContactExecution } from "../interpreter/contact.js";
import type { AfterDecision, RouteVerdict } from "./route-judge.js";
import type { TrafficCall } from "./traffic.js";

/** What happened to one call. */
export interface ContactRecord {
  readonly call: TrafficCall;
  /** The verdict at the route decision; undefined when no Lambda ever ran for it. */
  readonly verdict: RouteVerdict | undefined;
  /** Left out as `busy` at the decision, but the last agent freed within the wait (see the judge). */
  readonly freeWithinWait: boolean;
  /**
   * Left out as `busy` or `claimed` only because other contacts were heading for the last
   * agent, who would still be free within the wait once they are served (see the judge's
   * `freeBehindClaims`).
   */
  readonly freeBehindClaims: boolean;
  /**
   * For a call judged at the decision or within the wait: what its last agent did after the
   * decision (see the judge); undefined for the others.
   */
  readonly afterDecision: AfterDecision | undefined;
  /** The agents (user IDs) whose personal queue the flow transferred it to, in order. */
  readonly agentQueuesEntered: readonly string[];
  /** Milliseconds spent in agents' personal queues, every stay summed (0: never queued there). */
  readonly personalQueueMs: number;
  /** It waited in a personal queue and was never answered from one (moved on or hung up). */
  readonly waitedInVain: boolean;
  /** It hung up while waiting in an agent's personal queue. */
  readonly hungUpInPersonalQueue: boolean;
  readonly outcome: "agent" | "fallback-queue" | "disconnected" | "abandoned" | "dead-end";
  readonly agentId: string | undefined;
  readonly timeToAgentMs: number | undefined;
  readonly throttled: boolean;
  /**
   * It ended at the fallback queue or was disconnected after a Lambda of its path answered that
   * no agent list was available (`no-routable-agents`) or met a failed directory read.
   */
  readonly lostToDirectory: boolean;
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
 * What happened to one call of a cell, from its result, its verdict at the route decision, and
 * what the meters saw during its invocations.
 */
export function contactRecord(
  call: TrafficCall,
  result: ContactResult | undefined,
  verdict: RouteVerdict | undefined,
  freeWithinWait: boolean,
  seen: {
    readonly throttled: ReadonlySet<string>;
    readonly directoryFailed: ReadonlySet<string>;
  },
  afterDecision?: AfterDecision,
  freeBehindClaims = false,
): ContactRecord {
  if (result === undefined) throw new Error(`No result for contact ${call.contactId}`);
  const { outcome, execution } = result;
  const fallback =
    (outcome.kind === "agent" || outcome.kind === "abandoned") &&
    outcome.queue.kind === "queue" &&
    outcome.queue.queue.role === "fallback";
  const personalQueueMs = execution.agentQueueWaitMs;
  const answeredFromPersonalQueue = outcome.kind === "agent" && outcome.queue.kind === "agent";
  return {
    call,
    verdict,
    freeWithinWait,
    freeBehindClaims,
    afterDecision,
    agentQueuesEntered: execution.trace.flatMap((step) =>
      step.kind === "transfer" && step.queue.kind === "agent" ? [step.queue.agent.id] : [],
    ),
    personalQueueMs,
    waitedInVain: personalQueueMs > 0 && !answeredFromPersonalQueue,
    hungUpInPersonalQueue: outcome.kind === "abandoned" && outcome.queue.kind === "agent",
    outcome: fallback ? "fallback-queue" : outcome.kind,
    agentId: outcome.kind === "agent" ? outcome.agent.id : undefined,
    timeToAgentMs: outcome.kind === "agent" ? outcome.connectedAt - execution.arrivedAt : undefined,
    throttled: seen.throttled.has(call.contactId),
    lostToDirectory:
      (fallback || outcome.kind === "disconnected") &&
      (seen.directoryFailed.has(call.contactId) || answeredWithoutRoster(execution)),
    firstOffer: firstOfferOf(execution),
    endCause: fallback || outcome.kind === "disconnected" ? endCauseOf(execution) : undefined,
  };
}

/** Whether a Lambda of the contact answered that it had no agent list. */
function answeredWithoutRoster(execution: ContactExecution): boolean {
  return execution.trace.some(
    (step) => step.kind === "lambda" && step.response?.["reason"] === "no-routable-agents",
  );
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
