import { type ConnectClient, DescribeContactCommand } from "@aws-sdk/client-connect";
import type {
  AnsweredContact,
  AnsweredContactOutcome,
  AnsweredContactSkipReason,
  ContactOffer,
  RecordStatus,
  SkipReason,
  StickyRouting,
} from "@connect-affinity/core";
import { type CallOptions, logExcerpt, systemClock } from "@connect-affinity/core";
import { identifierLimits } from "@connect-affinity/core/contract";
import type { Context } from "aws-lambda";
import type { HandlerConfig } from "./config.js";
import { getLogger, getMetrics } from "./container.js";
import { InvalidEventError } from "./errors.js";
import { type ConnectedToAgentEvent, parseContactEvent } from "./eventbridge-contact-event.js";
import { containerWithin, logFailure } from "./invocation.js";
import { startInvocationBudget } from "./invocation-budget.js";
import type { PromiseOutcome } from "./metrics.js";
import { isConfiguredInstance, trustedInstanceArn } from "./trusted-instance.js";

/**
 * Why the contact-event function left an event alone: an event type it does not credit on
 * (`CONNECTED_TO_AGENT` without a minimum talk time, `DISCONNECTED` with one; any other type;
 * a `DISCONNECTED` event no agent handled), another instance's event, or a monitoring contact.
 */
export type IgnoreReason = "other-event-type" | "other-instance" | "monitoring";

/** Why the contact-event function refused an event. */
export type RejectReason = "invalid-event";

/** What the contact-event function did with one event (EventBridge discards it; logs keep it). */
export type ContactEventOutcome =
  | { readonly status: "ignored"; readonly reason: IgnoreReason }
  | { readonly status: "rejected"; readonly reason: RejectReason }
  | { readonly status: Extract<RecordStatus, "recorded">; readonly reason: "none" }
  | {
      readonly status: Extract<RecordStatus, "skipped">;
      readonly reason: SkipReason | AnsweredContactSkipReason;
    };

// Monitoring a contact connects a supervisor, not the agent who serves the caller.
const ignoredInitiationMethods = new Set(["MONITOR"]);

// A transfer makes a new contact of the same chain (its initial contact is the customer's).
const transferInitiationMethods = new Set(["TRANSFER", "QUEUE_TRANSFER"]);

/**
 * `contact-event`: the target of an EventBridge rule for "Amazon Connect Contact Event".
 * Without a minimum talk time it credits the agent of every `CONNECTED_TO_AGENT` event; with
 * one (`MINIMUM_TALK_SECONDS`), the agent of every `DISCONNECTED` event who handled the contact
 * at least that long. Either way at the time the event says the agent was connected, so a late
 * or repeated event never overwrites a newer assignment. Transfers are credited by
 * `TRANSFER_CREDIT`; outbound contacts only with `CREDIT_OUTBOUND` (then `DescribeContact` says
 * who the customer is).
 *
 * Contact events do not carry the customer's number. `route` and `routing-criteria` remember
 * each known caller's contact in the affinity table (the contact index), and this function
 * reads it back: one DynamoDB read, no Connect API call per contact (the directory that checks
 * the agent is cached per container). A contact with no entry (anonymous caller, or a contact
 * that never passed the router) is skipped.
 *
 * An event that is not a valid contact event (a wrong trigger, a field missing, an identifier
 * over its limit) is answered `rejected` with an ERROR line naming the problem: it would fail
 * the same way every time, so it is handled, not thrown, and EventBridge does not retry it. Any
 * other failure (the table unreachable) is logged and thrown, and EventBridge's asynchronous
 * invocation retries the event.
 */
export const handler = async (event: unknown, context?: Context): Promise<ContactEventOutcome> => {
  const logger = getLogger();
  if (context !== undefined) logger.addContext(context);
  // Cut off with its dependencies, the write rejects and EventBridge retries the event.
  const budget = startInvocationBudget(context);
  try {
    const parsed = parseOrReject(event);
    if (parsed === undefined) return measured({ status: "rejected", reason: "invalid-event" });
    logger.appendKeys({ contactId: parsed.contactId });
    if (parsed.kind === "ignored") {
      logger.debug("Contact event ignored", { eventType: parsed.eventType });
      return measured({ status: "ignored", reason: "other-event-type" });
    }
    const { config, router, connect } = await containerWithin(budget.signal);
    if (parsed.kind !== creditEvent(config)) {
      logger.debug("Contact event not credited on", { kind: parsed.kind });
      return measured({ status: "ignored", reason: "other-event-type" });
    }
    // Only the configured instance counts: the event's instance and its agent's, whole ARNs.
    const foreign = [parsed.instanceArn, parsed.agentInstanceArn].find(
      (arn) => arn !== undefined && !isConfiguredInstance(config.instance, arn),
    );
    if (foreign !== undefined) {
      logger.debug("Contact event of another instance ignored", {
        instanceArn: logExcerpt(foreign, identifierLimits.agentArn),
      });
      return measured({ status: "ignored", reason: "other-instance" });
    }
    if (
      parsed.initiationMethod !== undefined &&
      ignoredInitiationMethods.has(parsed.initiationMethod)
    ) {
      logger.debug("Monitoring contact ignored", { initiationMethod: parsed.initiationMethod });
      return measured({ status: "ignored", reason: "monitoring" });
    }
    const response = await recordAnswer(router, parsed, config, connect, {
      signal: budget.signal,
    });
    const outcome: ContactEventOutcome =
      response.status === "recorded"
        ? { status: "recorded", reason: "none" }
        : { status: "skipped", reason: response.reason };
    const promise = "offer" in response ? promiseOutcome(parsed, response.offer) : undefined;
    logger.info("contact-event answered", {
      ...outcome,
      agentId: parsed.agentId,
      ...(promise === undefined ? {} : { preferredAgent: promise.agent, waitMs: promise.waitMs }),
    });
    if (promise !== undefined) getMetrics().returningCallerConnected(promise);
    return measured(outcome);
  } catch (error) {
    logFailure("contact-event", error);
    throw error;
  } finally {
    budget.dispose();
    logger.resetKeys();
  }
};

/** The event kind this deployment credits on: the end of the contact with a minimum talk time. */
function creditEvent(config: HandlerConfig): ConnectedToAgentEvent["kind"] {
  return (config.router.minimumTalkSeconds ?? 0) > 0 ? "disconnected" : "connected";
}

/** Counts the outcome, then returns it. */
function measured(outcome: ContactEventOutcome): ContactEventOutcome {
  getMetrics().contactEventOutcome(outcome.status, outcome.reason);
  return outcome;
}

/**
 * Whether a returning caller reached the agent routing promised them, and what the wait cost:
 * from entering the queue (the event's `queueInfo.enqueueTimestamp`), else from the routing
 * decision, to the agent's answer.
 */
export function promiseOutcome(
  event: ConnectedToAgentEvent,
  offer: ContactOffer | undefined,
): PromiseOutcome | undefined {
  if (offer === undefined) return undefined;
  const since = event.enqueuedAt ?? offer.decidedAt;
  return {
    agent: event.agentId === offer.preferredAgentId ? "preferred" : "other",
    decision: offer.decision,
    waitMs: event.connectedAt >= since ? event.connectedAt - since : undefined,
  };
}

/**
 * The event, or `undefined` after logging why it is refused: a poison event is answered, not
 * thrown, so EventBridge does not retry it.
 */
function parseOrReject(event: unknown): ReturnType<typeof parseContactEvent> | undefined {
  try {
    return parseContactEvent(event, systemClock.now());
  } catch (error) {
    if (!(error instanceof InvalidEventError)) throw error;
    getLogger().error("Contact event rejected", {
      errorCode: error.code,
      problems: error.issues,
    });
    return undefined;
  }
}

/**
 * Credits through the contact index; the customer the event names (not in today's documented
 * data model) or, for an outbound contact when outbound contacts are credited, the one
 * `DescribeContact` names, stand in for a contact the router never saw. The instance ARN the
 * router may derive an agent ARN from is the configured instance's, never the event's.
 */
async function recordAnswer(
  router: StickyRouting,
  event: ConnectedToAgentEvent,
  config: HandlerConfig,
  connect: ConnectClient,
  options: CallOptions,
): Promise<AnsweredContactOutcome> {
  const outbound = event.initiationMethod === "OUTBOUND";
  const transferred =
    (event.initiationMethod !== undefined &&
      transferInitiationMethods.has(event.initiationMethod)) ||
    (event.initialContactId !== undefined && event.initialContactId !== event.contactId);
  const customerAddress =
    event.customerAddress ??
    (outbound && config.router.creditOutbound === true
      ? await customerAddressOf(connect, config, event.contactId, options)
      : undefined);
  // The configured instance's ARN (the agent's, already checked to be it), never the event's.
  const instanceArn = trustedInstanceArn(config.instance, event.agentInstanceArn);
  const answer: AnsweredContact = {
    contactId: event.contactId,
    agentId: event.agentId,
    at: event.connectedAt,
    transferred,
    outbound,
    ...(instanceArn === undefined ? {} : { instanceArn }),
    ...(event.initialContactId === undefined ? {} : { initialContactId: event.initialContactId }),
    ...(event.disconnectedAt === undefined ? {} : { disconnectedAt: event.disconnectedAt }),
    ...(customerAddress === undefined
      ? {}
      : { customer: { channel: event.channel, customerAddress } }),
  };
  return router.recordAnsweredContact(answer, options);
}

/**
 * The customer's address of a contact, as `DescribeContact` reports it (`CustomerEndpoint`):
 * one Connect call, made only for outbound contacts when they are credited, within the
 * invocation's time budget.
 */
async function customerAddressOf(
  connect: ConnectClient,
  config: HandlerConfig,
  contactId: string,
  options: CallOptions,
): Promise<string | undefined> {
  const { Contact } = await connect.send(
    new DescribeContactCommand({ InstanceId: config.instance.instanceId, ContactId: contactId }),
    options.signal === undefined ? {} : { abortSignal: options.signal },
  );
  const address = Contact?.CustomerEndpoint?.Address;
  // Connect's answer is bounded like an event's address before it becomes a key or a log field.
  return address !== undefined && address.length <= identifierLimits.customerAddress
    ? address
    : undefined;
}
