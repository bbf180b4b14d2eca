import { type Channel, channels } from "@connect-affinity/core";
import { parseAgentArn } from "@connect-affinity/core/connect";
import { clockSkewAllowanceMs, identifierLimits } from "@connect-affinity/core/contract";
import * as z from "zod";
import { describeIssues } from "./connect-event.js";
import { InvalidEventError } from "./errors.js";

/** The EventBridge `detail-type` of Amazon Connect contact events. */
export const contactEventDetailType = "Amazon Connect Contact Event";

/** The contact event that means "an agent answered". */
export const connectedToAgent = "CONNECTED_TO_AGENT";

/**
 * The contact event that means "the contact ended". For a contact an agent handled it carries
 * the agent (`agentInfo.agentArn`), when they were connected
 * (`agentInfo.connectedToAgentTimestamp`) and when the contact ended (`disconnectTimestamp`):
 * what a minimum talk time is judged from. An abandoned contact's carries no agent.
 */
export const disconnected = "DISCONNECTED";

// The documentation's samples spell the detail's keys both camelCase (`agentInfo.agentArn`,
// the form of the event-pattern examples) and PascalCase (`AgentInfo.AgentArn`, in the
// routing-criteria samples). Reading both costs one small function.
const camelKeys = (value: unknown): unknown => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key.charAt(0).toLowerCase() + key.slice(1),
      inner,
    ]),
  );
};

const envelopeSchema = z.looseObject({
  source: z.literal("aws.connect"),
  "detail-type": z.literal(contactEventDetailType),
  time: z.string().max(identifierLimits.timestamp).optional(),
  detail: z.preprocess(
    camelKeys,
    z.looseObject({
      eventType: z.string().min(1).max(64),
      contactId: z.string().min(1).max(identifierLimits.contactId),
    }),
  ),
});

const connectedDetailSchema = z.preprocess(
  camelKeys,
  z.looseObject({
    contactId: z.string().min(1).max(identifierLimits.contactId),
    initialContactId: z.string().min(1).max(identifierLimits.contactId).optional(),
    previousContactId: z.string().min(1).max(identifierLimits.contactId).optional(),
    // Documented samples show both "VOICE" and "Voice".
    channel: z
      .string()
      .transform((text) => text.toUpperCase())
      .pipe(z.enum(channels)),
    instanceArn: z.string().min(1).max(identifierLimits.agentArn).optional(),
    initiationMethod: z.string().max(64).optional(),
    agentInfo: z.preprocess(
      camelKeys,
      z.looseObject({
        // Bounded parts and Connect's ID alphabet (core's `parseAgentArn`).
        agentArn: z.string().transform((arn, ctx) => {
          const parts = parseAgentArn(arn);
          if (parts === undefined) {
            ctx.addIssue({
              code: "custom",
              message: "must be an agent ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID/agent/ID)",
            });
            return z.NEVER;
          }
          return { arn, ...parts };
        }),
        connectedToAgentTimestamp: z.iso
          .datetime({ offset: true })
          .max(identifierLimits.timestamp)
          .optional(),
      }),
    ),
    // When the contact entered the queue; with the agent's answer it gives the caller's wait.
    queueInfo: z
      .preprocess(
        camelKeys,
        z.looseObject({
          enqueueTimestamp: z.iso
            .datetime({ offset: true })
            .max(identifierLimits.timestamp)
            .optional(),
        }),
      )
      .optional(),
    // Not in the documented data model today; used when a future event carries it.
    customerEndpoint: z
      .preprocess(
        camelKeys,
        z.looseObject({ address: z.string().max(identifierLimits.customerAddress) }),
      )
      .optional(),
    disconnectTimestamp: z.iso
      .datetime({ offset: true })
      .max(identifierLimits.timestamp)
      .optional(),
  }),
);

/** A contact event this function does not act on, and why. */
export interface IgnoredContactEvent {
  readonly kind: "ignored";
  readonly contactId: string;
  readonly eventType: string;
}

/**
 * A `CONNECTED_TO_AGENT` event (`connected`), or the `DISCONNECTED` event of a contact an agent
 * handled (`disconnected`), reduced to what crediting the agent needs.
 */
export interface ConnectedToAgentEvent {
  readonly kind: "connected" | "disconnected";
  readonly contactId: string;
  /** The first contact of a transfer chain; the contact itself when it was not transferred. */
  readonly initialContactId?: string;
  /** The contact this one was transferred from, when it is a transfer. */
  readonly previousContactId?: string;
  readonly channel: Channel;
  readonly instanceArn?: string;
  readonly initiationMethod?: string;
  /** Connect user ID of the agent who answered (the last segment of the agent ARN). */
  readonly agentId: string;
  readonly agentArn: string;
  /** The instance the agent ARN names. */
  readonly agentInstanceArn: string;
  /** When the contact entered the queue (epoch ms), when the event says. */
  readonly enqueuedAt?: number;
  /** When the agent was connected (epoch ms): the event's own timestamp, else its `time`. */
  readonly connectedAt: number;
  /** When the contact ended (epoch ms), for a `DISCONNECTED` event: its `disconnectTimestamp`, else its `time`. */
  readonly disconnectedAt?: number;
  /** The customer's address when the event carries one (it usually does not). */
  readonly customerAddress?: string;
}

/**
 * Validates an EventBridge contact event. Event types other than `CONNECTED_TO_AGENT` and
 * `DISCONNECTED`, and the `DISCONNECTED` event of a contact no agent handled (abandoned in a
 * queue, ended in the flow), are returned as `ignored` after only the envelope is checked, so a
 * new or unusual event never fails the function.
 *
 * @throws InvalidEventError for an event that is not an Amazon Connect contact event, or a
 *   `CONNECTED_TO_AGENT` or agent-handled `DISCONNECTED` event without a usable agent, channel
 *   or time, or with a connection or disconnect time more than `clockSkewAllowanceMs` after
 *   `now` (epoch ms).
 */
export function parseContactEvent(
  event: unknown,
  now: number,
): IgnoredContactEvent | ConnectedToAgentEvent {
  const envelope = envelopeSchema.safeParse(event);
  if (!envelope.success) {
    throw new InvalidEventError("Amazon Connect contact event", describeIssues(envelope.error));
  }
  const { eventType, contactId } = envelope.data.detail;
  if (eventType !== connectedToAgent && eventType !== disconnected) {
    return { kind: "ignored", contactId, eventType };
  }
  // The detail's keys are camel-cased already: `AgentInfo` (the disconnect sample's spelling)
  // reads as `agentInfo`. No agent: a contact abandoned in a queue or ended in the flow.
  const { agentInfo: handledBy } = envelope.data.detail as { readonly agentInfo?: unknown };
  if (eventType === disconnected && (handledBy === undefined || handledBy === null)) {
    return { kind: "ignored", contactId, eventType };
  }

  const detail = connectedDetailSchema.safeParse(envelope.data.detail);
  if (!detail.success) {
    throw new InvalidEventError(
      `${eventType} contact event`,
      describeIssues(detail.error).map((issue) => `detail.${issue}`),
    );
  }
  const {
    agentInfo,
    channel,
    instanceArn,
    initiationMethod,
    customerEndpoint,
    initialContactId,
    queueInfo,
  } = detail.data;
  const { previousContactId, disconnectTimestamp } = detail.data;
  const enqueuedAt = Date.parse(queueInfo?.enqueueTimestamp ?? "");
  const connectedAt = Date.parse(
    agentInfo.connectedToAgentTimestamp ??
      (eventType === connectedToAgent ? (envelope.data.time ?? "") : ""),
  );
  if (Number.isNaN(connectedAt)) {
    throw new InvalidEventError(`${eventType} contact event`, [
      eventType === connectedToAgent
        ? "neither detail.agentInfo.connectedToAgentTimestamp nor time is a timestamp"
        : "detail.agentInfo.connectedToAgentTimestamp is not a timestamp",
    ]);
  }
  const disconnectedAt =
    eventType === disconnected
      ? Date.parse(disconnectTimestamp ?? envelope.data.time ?? "")
      : undefined;
  if (disconnectedAt !== undefined && Number.isNaN(disconnectedAt)) {
    throw new InvalidEventError(`${eventType} contact event`, [
      "neither detail.disconnectTimestamp nor time is a timestamp",
    ]);
  }
  // An assignment from the future would outrank every real one until then; the end of a
  // contact from the future would credit talk time nobody has had yet.
  if (connectedAt > now + clockSkewAllowanceMs) {
    throw new InvalidEventError(`${eventType} contact event`, [
      `the connection time is ${Math.round((connectedAt - now) / 1000)} s ahead of the clock`,
    ]);
  }
  if (disconnectedAt !== undefined && disconnectedAt > now + clockSkewAllowanceMs) {
    throw new InvalidEventError(`${eventType} contact event`, [
      `the disconnect time is ${Math.round((disconnectedAt - now) / 1000)} s ahead of the clock`,
    ]);
  }
  return {
    kind: eventType === connectedToAgent ? "connected" : "disconnected",
    contactId,
    ...(initialContactId === undefined ? {} : { initialContactId }),
    ...(previousContactId === undefined ? {} : { previousContactId }),
    ...(disconnectedAt === undefined ? {} : { disconnectedAt }),
    channel,
    ...(instanceArn === undefined ? {} : { instanceArn }),
    ...(initiationMethod === undefined ? {} : { initiationMethod }),
    agentId: agentInfo.agentArn.agentId,
    agentArn: agentInfo.agentArn.arn,
    agentInstanceArn: agentInfo.agentArn.instanceArn,
    connectedAt,
    ...(Number.isNaN(enqueuedAt) ? {} : { enqueuedAt }),
    ...(customerEndpoint === undefined ? {} : { customerAddress: customerEndpoint.address }),
  };
}
