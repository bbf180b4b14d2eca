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

/**
 * The sticky-agent flow done with Connect's native preferred-agent routing: invoke the
 * `routing-criteria` Lambda (JSON response); when it says `preferred`, store the preferred agent
 * and the reason as contact attributes (visible in the contact's details) and set the contact's
 * routing criteria from its `routingCriteria`; set the working queue to the standard queue and
 * transfer. The criteria offer the contact to the preferred agent first and, once their steps
 * expire, to the whole queue, so no loop is needed. `none` and Lambda or criteria errors skip
 * the criteria and still route through the standard queue; a failure to queue there goes to
 * the fallback queue if configured, else to an apology and a disconnect.
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
      next: "set-routing-criteria",
      onError: "set-routing-criteria",
    })
    .setRoutingCriteria("set-routing-criteria", {
      criteria: external<"routingCriteria">("routingCriteria"),
      next: "set-standard-queue",
      onError: "set-standard-queue",
    })
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
