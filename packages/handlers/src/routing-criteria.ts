import { type RoutingCriteriaAnswer, routingCriteriaSlots } from "@connect-affinity/core/contract";
import type { Context } from "aws-lambda";
import { routingContactOf } from "./connect-event.js";
import { handleContactFlowEvent } from "./invocation.js";

/**
 * `routing-criteria`: Connect's native preferred-agent routing for the caller. The flow
 * invokes it with `ResponseValidation: JSON` and, when `status` is `preferred`, branches on
 * `agentCount` to a "Set routing criteria" block whose static steps name `$.External.agent1`…
 * (the contract's agent slots); with `none` it skips that block. The `routingCriteria` object
 * stays in the answer for the logs and for flows that still read it whole.
 */
export const handler = (event: unknown, context?: Context): Promise<RoutingCriteriaAnswer> =>
  handleContactFlowEvent(
    "routing-criteria",
    event,
    context,
    async ({ router, config }, contactFlowEvent, options) => {
      const response = await router.routingCriteria(
        routingContactOf(contactFlowEvent, config.instance),
        options,
      );
      return { ...response, ...routingCriteriaSlots(response) };
    },
    (answer) => ({
      status: answer.status,
      reason: answer.reason,
      agentId: answer.agentId,
      agentCount: answer.agentCount,
      ringCount: answer.ringCount,
      steps: answer.routingCriteria === "none" ? 0 : answer.routingCriteria.Steps.length,
    }),
    (metrics, response) => metrics.decision("routing-criteria", response.reason),
  );
