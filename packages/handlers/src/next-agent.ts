import { type CandidateResponse, candidateResponseKeys } from "@connect-affinity/core/contract";
import type { Context } from "aws-lambda";
import { requiredParameter, routingContactOf } from "./connect-event.js";
import { handleContactFlowEvent } from "./invocation.js";
import { candidateSummary, toStringMap } from "./response.js";

/**
 * `next-agent`: the next candidate after `Details.Parameters.cursor` (as `route` or an
 * earlier `next-agent` returned it), or `status: none` when the candidates or the attempt
 * bound are exhausted.
 *
 * A missing or unreadable cursor is logged and thrown (`MissingParameterError`,
 * `InvalidCursorError`): the flow takes its error branch.
 */
export const handler = (event: unknown, context?: Context): Promise<CandidateResponse> =>
  handleContactFlowEvent(
    "next-agent",
    event,
    context,
    async ({ router, config }, contactFlowEvent, options) => {
      const cursor = requiredParameter(contactFlowEvent, "next-agent", "cursor");
      return toStringMap(
        "next-agent",
        await router.next(routingContactOf(contactFlowEvent, config.instance), cursor, options),
        candidateResponseKeys,
      );
    },
    candidateSummary,
    (metrics, answer) => metrics.decision("next-agent", answer.reason, answer.presence),
  );
