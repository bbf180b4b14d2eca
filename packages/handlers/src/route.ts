import { type CandidateResponse, candidateResponseKeys } from "@connect-affinity/core/contract";
import type { Context } from "aws-lambda";
import { routingContactOf } from "./connect-event.js";
import { handleContactFlowEvent } from "./invocation.js";
import { candidateSummary, toStringMap } from "./response.js";

/**
 * `route`: the first agent for a contact, preferably one who is available now. No
 * parameters; the caller is `Details.ContactData.CustomerEndpoint.Address`.
 *
 * Answers a `CandidateResponse` (flat string map). A store, directory or presence failure
 * degrades the answer (new-caller order, `presence: unverified`) and never fails the contact.
 */
export const handler = (event: unknown, context?: Context): Promise<CandidateResponse> =>
  handleContactFlowEvent(
    "route",
    event,
    context,
    async ({ router, config }, contactFlowEvent, options) =>
      toStringMap(
        "route",
        await router.route(routingContactOf(contactFlowEvent, config.instance), options),
        candidateResponseKeys,
      ),
    candidateSummary,
    (metrics, answer) => metrics.decision("route", answer.reason, answer.presence),
  );
