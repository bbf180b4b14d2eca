import type { RecordStatus, SkipReason } from "@connect-affinity/core";
import type { Context } from "aws-lambda";
import { getContainer, getLogger } from "./container.js";
import { parseContactEvent } from "./eventbridge-contact-event.js";
import { logFailure } from "./invocation.js";

/** Why the contact-event function left an event alone. */
export type IgnoreReason = "other-event-type" | "other-instance" | "monitoring";

/** What the contact-event function did with one event (EventBridge discards it; logs keep it). */
export type ContactEventOutcome =
  | { readonly status: "ignored"; readonly reason: IgnoreReason }
  | { readonly status: Extract<RecordStatus, "recorded">; readonly reason: "none" }
  | { readonly status: Extract<RecordStatus, "skipped">; readonly reason: SkipReason };

// Monitoring a contact connects a supervisor, not the agent who serves the caller.
const ignoredInitiationMethods = new Set(["MONITOR"]);

/**
 * `contact-event`: the target of an EventBridge rule for "Amazon Connect Contact Event".
 * On `CONNECTED_TO_AGENT` it records the agent who really answered, at the time the event
 * says they were connected, so a late or repeated event never overwrites a newer assignment.
 *
 * Contact events do not carry the customer's number, so it is read with `DescribeContact`
 * (one Connect API call per answered contact). A failure is logged and thrown, and
 * EventBridge's asynchronous invocation retries the event.
 */
export const handler = async (event: unknown, context?: Context): Promise<ContactEventOutcome> => {
  const logger = getLogger();
  if (context !== undefined) logger.addContext(context);
  try {
    const parsed = parseContactEvent(event);
    logger.appendKeys({ contactId: parsed.contactId });
    if (parsed.kind === "ignored") {
      logger.debug("Contact event ignored", { eventType: parsed.eventType });
      return { status: "ignored", reason: "other-event-type" };
    }
    const { config, contacts, router } = getContainer();
    const eventInstanceId = parsed.instanceArn?.slice(parsed.instanceArn.lastIndexOf("/") + 1);
    if (eventInstanceId !== undefined && eventInstanceId !== config.instance.instanceId) {
      logger.debug("Contact event of another instance ignored", { instanceId: eventInstanceId });
      return { status: "ignored", reason: "other-instance" };
    }
    if (
      parsed.initiationMethod !== undefined &&
      ignoredInitiationMethods.has(parsed.initiationMethod)
    ) {
      logger.debug("Monitoring contact ignored", { initiationMethod: parsed.initiationMethod });
      return { status: "ignored", reason: "monitoring" };
    }
    const customerAddress =
      parsed.customerAddress ?? (await contacts.customerAddress(parsed.contactId));
    const response = await router.record(
      {
        contactId: parsed.contactId,
        channel: parsed.channel,
        customerAddress,
        ...(parsed.instanceArn === undefined ? {} : { instanceArn: parsed.instanceArn }),
      },
      parsed.agentId,
      parsed.connectedAt,
    );
    const outcome: ContactEventOutcome =
      response.status === "recorded"
        ? { status: "recorded", reason: "none" }
        : { status: "skipped", reason: response.reason };
    logger.info("contact-event answered", { ...outcome, agentId: parsed.agentId });
    return outcome;
  } catch (error) {
    logFailure("contact-event", error);
    throw error;
  } finally {
    logger.resetKeys();
  }
};
