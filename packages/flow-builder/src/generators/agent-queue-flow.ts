import type { AgentReason } from "@connect-affinity/core/contract";
import { FlowBuilder } from "../builder/flow-builder.js";
import type { FlowDocument } from "../model/flow-document.js";
import { attribute, external } from "../model/json-path.js";
import { addCustomerProfileLookup, routingStart } from "./customer-profile-lookup.js";
import { type customerQueueFlow, queueWaitStates } from "./customer-queue-flow.js";
import { fallbackActions } from "./fallback-actions.js";
import {
  type AgentQueueFlowOptions,
  customerKeyParameter,
  resolveFlowOptions,
} from "./flow-options.js";

/**
 * The offer reasons that name the caller's own agents (`route`'s offer of their last agent or
 * of another of their ranked agents): the ones a caller waits for.
 */
export const preferredReasons = [
  "returning-caller",
  "ranked-agent",
] as const satisfies readonly AgentReason[];

/**
 * The sticky-agent flow done with the agent's personal queue: invoke `route`, store the offered
 * agent, set the working queue to that agent, check the agent is available, invoke `record`,
 * speak its message and transfer. An unavailable agent leads to `next-agent` through a `Loop`
 * that bounds the attempts; `none`, an exhausted loop and every error lead to the fallback
 * queue if one is configured, else to an apology and a disconnect. A failed `record` does not
 * lose the caller: the transfer goes ahead. Every path ends at a transfer or a disconnect.
 *
 * Every transfer to the agent's queue is preceded by "Set customer queue flow"
 * (`customerQueueFlowArn`, see {@link customerQueueFlow}) and the `queueWait` attribute
 * `waiting`, so a caller whose agent is claimed by another contact first waits at most the bound
 * there (the wait, or with the wait off the 5 s guard) and is then moved on; if the transfer
 * fails, the attribute becomes `done` before the fallback. With a wait (`preferredWaitSeconds`
 * above 0, or `binding: required`), an offer whose
 * `presence` is `busy` (the caller's agent is on shift but busy, and the router's wait is on)
 * skips the staffing check and goes straight to that wait, after "Change routing priority"
 * when `waitPriority` is set; so does an offer of the caller's own agent (reason
 * `returning-caller` or `ranked-agent`) that the staffing check finds unavailable while they
 * are staffed (the router's presence reading lagged behind another contact taking them).
 *
 * `maxAttempts` is the number of agents checked in all: `route`'s, then up to `maxAttempts - 1`
 * from `next-agent` (the `LoopCount`).
 *
 * @example
 * ```ts
 * const flow = agentQueueFlow({
 *   lambdaArns: { route, nextAgent, record },
 *   fallbackQueueArn: "arn:aws:connect:ap-northeast-1:123456789012:instance/…/queue/…",
 *   maxAttempts: 3,
 * });
 * ```
 */
export function agentQueueFlow(options: AgentQueueFlowOptions): FlowDocument {
  const resolved = resolveFlowOptions(options, "agent-queue", [
    "lambdaArns.route",
    "lambdaArns.nextAgent",
    "lambdaArns.record",
    "customerQueueFlowArn",
  ]);
  // resolveFlowOptions has thrown unless the three ARNs named above are present.
  const arns = resolved.lambdaArns as Required<typeof resolved.lambdaArns>;
  const timeLimitSeconds = resolved.lambdaTimeLimitSeconds;
  const fallback = fallbackActions(resolved);
  // resolveFlowOptions has thrown without a customer queue flow: every transfer to an agent's
  // queue is bounded, by the wait or, with the wait off, by the guard.
  const customerQueueFlow = resolved.customerQueueFlowArn as string;
  const waits = resolved.waitSeconds > 0;
  const transfer = "start-queue-wait";
  const transferFailed = "stop-queue-wait";
  const customerKey = customerKeyParameter(resolved);

  const routing = routingStart(resolved, "invoke-route");
  const builder = new FlowBuilder("set-voice").setVoice("set-voice", {
    voice: resolved.voice,
    engine: resolved.voiceEngine,
    next: routing,
    onError: routing,
  });
  addCustomerProfileLookup(builder, resolved, "invoke-route")
    .invokeLambda("invoke-route", {
      lambda: "route",
      functionArn: arns.route,
      timeLimitSeconds,
      responseType: "STRING_MAP",
      parameters: customerKey,
      next: "check-route-status",
      onError: fallback.entry,
    })
    .compare("check-route-status", {
      value: external<"route">("status"),
      cases: [{ operand: "agent", next: "save-agent" }],
      otherwise: fallback.entry,
    })
    .setContactAttributes("save-agent", {
      values: {
        agentId: external<"route">("agentId"),
        agentArn: external<"route">("agentArn"),
        cursor: external<"route">("cursor"),
        reason: external<"route">("reason"),
      },
      next: "set-agent-queue",
      onError: fallback.entry,
    })
    .setWorkingQueue("set-agent-queue", {
      agent: attribute("agentArn"),
      next: waits ? "check-offer-presence" : "check-agent-available",
      onError: fallback.entry,
    })
    .checkStaffing("check-agent-available", {
      metric: "NumberOfAgentsAvailable",
      agent: attribute("agentArn"),
      whenAvailable: "invoke-record",
      otherwise: waits ? "check-offer-reason" : "count-attempts",
      onError: fallback.entry,
    })
    .invokeLambda("invoke-record", {
      lambda: "record",
      functionArn: arns.record,
      timeLimitSeconds,
      responseType: "STRING_MAP",
      parameters: { agentId: attribute("agentId"), ...customerKey },
      next: "play-agent-message",
      // The record is best effort: without it the caller still reaches the agent.
      onError: "play-connecting",
    })
    .playMessage("play-agent-message", {
      message: external<"record">("message"),
      next: transfer,
      onError: transfer,
    })
    .playMessage("play-connecting", {
      message: resolved.messages.connecting,
      next: transfer,
      onError: transfer,
    });
  if (waits) {
    // `busy`: the caller's agent is on shift but busy or claimed, and the router says wait for
    // them: no staffing check (it would send the caller on), straight to the bounded wait.
    const waiting = resolved.waitPriority === undefined ? "invoke-record" : "set-wait-priority";
    builder.compare("check-offer-presence", {
      value: external<"route">("presence"),
      cases: [{ operand: "busy", next: waiting }],
      otherwise: "check-agent-available",
    });
    // The router read the caller's own agent as free, but the staffing check, which reads
    // Connect's own state, found them taken: the reading lagged (another contact took them a
    // moment ago). They are still the caller's agent and on shift, so the caller waits for
    // them as for a `busy` offer instead of moving on; an agent no longer staffed (logged
    // out), or an offer that was not the caller's own agent, continues the candidate order.
    builder
      .compare("check-offer-reason", {
        value: attribute("reason"),
        cases: preferredReasons.map((operand) => ({ operand, next: "check-agent-staffed" })),
        otherwise: "count-attempts",
      })
      .checkStaffing("check-agent-staffed", {
        metric: "NumberOfAgentsStaffed",
        agent: attribute("agentArn"),
        whenAvailable: waiting,
        otherwise: "count-attempts",
        onError: "count-attempts",
      });
    if (resolved.waitPriority !== undefined) {
      // Before the contact is queued, as the documentation advises: it then holds in the
      // queue the customer queue flow moves the caller to after a wait in vain.
      builder.setQueuePriority("set-wait-priority", {
        priority: resolved.waitPriority,
        next: "invoke-record",
      });
    }
  }
  // The agent was free a moment ago (or the caller waits for them), but another contact may
  // claim them first: the customer queue flow bounds the stay in their queue and then moves
  // the caller on.
  builder
    .setContactAttributes("start-queue-wait", {
      values: { queueWait: queueWaitStates.waiting },
      next: "set-customer-queue-flow",
      onError: "set-customer-queue-flow",
    })
    .setEventHook("set-customer-queue-flow", {
      event: "CustomerQueue",
      flow: customerQueueFlow,
      next: "transfer-to-agent",
      onError: "transfer-to-agent",
    })
    // The hook stays set: a caller sent to the fallback queue instead must only be held there.
    .setContactAttributes("stop-queue-wait", {
      values: { queueWait: queueWaitStates.done },
      next: fallback.entry,
      onError: fallback.entry,
    });
  builder
    .transferToQueue("transfer-to-agent", {
      onAtCapacity: transferFailed,
      onError: transferFailed,
    })
    .loop("count-attempts", {
      times: resolved.maxAttempts - 1,
      continue: "invoke-next-agent",
      done: fallback.entry,
    })
    .invokeLambda("invoke-next-agent", {
      lambda: "nextAgent",
      functionArn: arns.nextAgent,
      timeLimitSeconds,
      responseType: "STRING_MAP",
      parameters: { cursor: attribute("cursor") },
      next: "check-next-agent-status",
      onError: fallback.entry,
    })
    .compare("check-next-agent-status", {
      value: external<"nextAgent">("status"),
      cases: [{ operand: "agent", next: "save-agent" }],
      otherwise: fallback.entry,
    });
  return fallback.addTo(builder).build();
}
