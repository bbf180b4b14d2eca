import { type RecordResponse, recordResponseKeys } from "@connect-affinity/core/contract";
import type { Context } from "aws-lambda";
import { agentParameter, routingContactOf } from "./connect-event.js";
import { handleContactFlowEvent } from "./invocation.js";
import { recordSummary, toStringMap } from "./response.js";

/**
 * `record`: remembers that this contact's caller went to `Details.Parameters.agentId` (a
 * Connect user ID; an agent ARN is accepted too; anything else is `InvalidEventError`). Answers `status` `recorded` or `skipped`
 * (anonymous caller, unknown agent, superseded by a newer contact) and the `message` the flow
 * plays.
 *
 * When the table cannot be written the failure is logged and thrown: the flow takes its
 * error branch and the contact continues to its transfer.
 */
export const handler = (event: unknown, context?: Context): Promise<RecordResponse> =>
  handleContactFlowEvent(
    "record",
    event,
    context,
    async ({ router, config }, contactFlowEvent, options) => {
      const agentId = agentParameter(contactFlowEvent, "record", "agentId", config.instance);
      return toStringMap(
        "record",
        await router.record(
          routingContactOf(contactFlowEvent, config.instance),
          agentId,
          undefined,
          options,
        ),
        recordResponseKeys,
      );
    },
    recordSummary,
    (metrics, answer) => metrics.recordOutcome(answer.status, answer.reason),
  );
