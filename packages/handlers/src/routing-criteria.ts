import type { RoutingCriteriaResponse } from "@connect-affinity/core";
import type { Context } from "aws-lambda";
import { routingContactOf } from "./connect-event.js";
import { handleContactFlowEvent } from "./invocation.js";

/**
 * `routing-criteria`: Connect's native preferred-agent routing for the caller. The flow
 * invokes it with `ResponseValidation: JSON` and passes `$.External.routingCriteria` to "Set
 * routing criteria" when `status` is `preferred`; with `none` it skips that block.
 */
export const handler = (event: unknown, context?: Context): Promise<RoutingCriteriaResponse> =>
  handleContactFlowEvent(
    "routing-criteria",
    event,
    context,
    async ({ router, config }, contactFlowEvent, options) =>
      router.routingCriteria(routingContactOf(contactFlowEvent, config.instance), options),
    (response) => ({
      status: response.status,
      reason: response.reason,
      agentId: response.agentId,
      steps: response.routingCriteria === "none" ? 0 : response.routingCriteria.Steps.length,
    }),
    (metrics, response) => metrics.decision("routing-criteria", response.reason),
  );
