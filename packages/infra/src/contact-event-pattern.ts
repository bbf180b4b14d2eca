/**
 * The contact event the contact-event function credits agents on: `CONNECTED_TO_AGENT` (an
 * agent answered) when every answering agent gains affinity; `DISCONNECTED` (the contact ended;
 * it carries the agent's connect and disconnect times) when a minimum talk time must be judged.
 * The stack subscribes to that one only, so no invocation is spent on the other.
 */
export type CreditEventType = "CONNECTED_TO_AGENT" | "DISCONNECTED";

/** The event type to subscribe to for a minimum talk time (0: none). */
export function creditEventType(minimumTalkSeconds: number): CreditEventType {
  return minimumTalkSeconds > 0 ? "DISCONNECTED" : "CONNECTED_TO_AGENT";
}

/**
 * The EventBridge pattern for the contact events the contact-event function credits: events of
 * `eventType` for contacts of this instance. Connect sends them to the default bus with source
 * `aws.connect` and detail-type `Amazon Connect Contact Event`.
 */
export function contactEventPattern(
  instanceArn: string,
  eventType: CreditEventType = "CONNECTED_TO_AGENT",
): string {
  return JSON.stringify({
    source: ["aws.connect"],
    "detail-type": ["Amazon Connect Contact Event"],
    detail: { eventType: [eventType], instanceArn: [instanceArn] },
  });
}
