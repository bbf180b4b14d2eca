import { type RecordResponse, recordResponseKeys } from "@connect-affinity/core/contract";
import type { Context } from "aws-lambda";
import { requiredParameter, routingContactOf } from "./connect-event.js";
import { handleContactFlowEvent } from "./invocation.js";
import { recordSummary, toStringMap } from "./response.js";

/**
 * `record`: remembers that this contact's caller went to `Details.Parameters.agentId` (a
 * Connect user ID; an agent ARN is accepted too). Answers `status` `recorded` or `skipped`
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
    async ({ router }, contactFlowEvent) => {
      const agent = requiredParameter(contactFlowEvent, "record", "agentId");
      return toStringMap(
        "record",
        await router.record(routingContactOf(contactFlowEvent), agentIdOf(agent)),
        recordResponseKeys,
      );
    },
    recordSummary,
    (metrics, answer) => metrics.recordOutcome(answer.status, answer.reason),
  );

/** The user ID, whether the flow passed the ID or the agent ARN ending in `/agent/<id>`. */
function agentIdOf(value: string): string {
  const marker = value.lastIndexOf("/agent/");
  return marker === -1 ? value : value.slice(marker + "/agent/".length);
}
