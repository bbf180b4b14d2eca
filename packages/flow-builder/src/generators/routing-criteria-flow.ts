import { FlowBuilder } from "../builder/flow-builder.js";
import type { FlowDocument } from "../model/flow-document.js";
import { external } from "../model/json-path.js";
import { addCustomerProfileLookup, routingStart } from "./customer-profile-lookup.js";
import { fallbackActions } from "./fallback-actions.js";
import {
  customerKeyParameter,
  type RoutingCriteriaFlowOptions,
  resolveFlowOptions,
} from "./flow-options.js";
import { addRoutingCriteriaSteps } from "./routing-criteria-steps.js";

/**
 * The sticky-agent flow done with Connect's native preferred-agent routing: invoke the
 * `routing-criteria` Lambda (JSON response); when it says `preferred`, store the preferred agent
 * and the reason as contact attributes (visible in the contact's details), branch on how many
 * agents it named (`agentCount`, 1 to 10, and `ringCount`) to the "Set routing criteria" block written for that
 * many, set the working queue to the standard queue and transfer.
 *
 * Each "Set routing criteria" block holds static `Steps` whose agent IDs are JSONPaths into the
 * answer's agent slots (`$.External.agent1`…), the form Connect is known to accept: up to six
 * widening rings, the first naming the caller's first-ranked agent (their last one, unless pinned), each next one adding their
 * next ranked agent, the last adding the further available agents; a step's expiry can only be
 * static, so it comes from the options (the first ring's is `preferredWaitSeconds` when the
 * wait is on, `requiredWaitSeconds` with `binding: required`, else
 * `preferredAgentExpirySeconds`; every later ring's is `preferredAgentExpirySeconds`). Once the
 * rings expire, any agent of the queue may take the contact, so no loop is needed. Branching
 * on the agent and ring counts means no step ever names an unused slot. With `waitPriority`
 * (and the wait on) a caller with criteria gets that routing priority before being queued. `none`, a count out of range and
 * Lambda or criteria errors skip the criteria and still route through the standard queue; a
 * failure to queue there goes to the fallback queue if configured, else to an apology and a
 * disconnect.
 *
 * @example
 * ```ts
 * const flow = routingCriteriaFlow({
 *   lambdaArns: { routingCriteria: "arn:aws:lambda:ap-northeast-1:123456789012:function:routing-criteria" },
 *   standardQueueArn: "arn:aws:connect:ap-northeast-1:123456789012:instance/…/queue/…",
 * });
 * ```
 */
export function routingCriteriaFlow(options: RoutingCriteriaFlowOptions): FlowDocument {
  const resolved = resolveFlowOptions(options, "routing-criteria", [
    "lambdaArns.routingCriteria",
    "standardQueueArn",
  ]);
  // resolveFlowOptions has thrown unless both are present.
  const functionArn = resolved.lambdaArns.routingCriteria as string;
  const standardQueue = resolved.standardQueueArn as string;
  const fallback = fallbackActions(resolved);

  const routing = routingStart(resolved, "invoke-routing-criteria");
  const builder = new FlowBuilder("set-voice").setVoice("set-voice", {
    voice: resolved.voice,
    engine: resolved.voiceEngine,
    next: routing,
    onError: routing,
  });
  addCustomerProfileLookup(builder, resolved, "invoke-routing-criteria")
    .invokeLambda("invoke-routing-criteria", {
      lambda: "routingCriteria",
      functionArn,
      timeLimitSeconds: resolved.lambdaTimeLimitSeconds,
      responseType: "JSON",
      parameters: customerKeyParameter(resolved),
      next: "check-criteria-status",
      onError: "set-standard-queue",
    })
    .compare("check-criteria-status", {
      value: external<"routingCriteria">("status"),
      cases: [{ operand: "preferred", next: "save-preferred-agent" }],
      otherwise: "set-standard-queue",
    })
    // Kept on the contact so an operator can see in its details whom the criteria preferred.
    .setContactAttributes("save-preferred-agent", {
      values: {
        agentId: external<"routingCriteria">("agentId"),
        reason: external<"routingCriteria">("reason"),
      },
      next: "count-criteria-agents",
      onError: "count-criteria-agents",
    });
  // With `waitPriority`, a caller whose criteria name their agents first waits with it.
  const afterCriteria =
    resolved.waitPriority === undefined ? "set-standard-queue" : "set-wait-priority";
  addRoutingCriteriaSteps(builder, {
    id: (name) => name,
    next: afterCriteria,
    resolved,
  });
  if (resolved.waitPriority !== undefined) {
    builder.setQueuePriority("set-wait-priority", {
      priority: resolved.waitPriority,
      next: "set-standard-queue",
    });
  }
  builder
    .setWorkingQueue("set-standard-queue", {
      queue: standardQueue,
      next: "transfer-to-queue",
      onError: fallback.entry,
    })
    .transferToQueue("transfer-to-queue", {
      onAtCapacity: fallback.entry,
      onError: fallback.entry,
    });
  return fallback.addTo(builder).build();
}
