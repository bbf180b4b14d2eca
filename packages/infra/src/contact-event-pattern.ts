/**
 * The EventBridge pattern for the contact events the contact-event function records: an agent
 * connected to a contact of this instance. Connect sends them to the default bus with source
 * `aws.connect` and detail-type `Amazon Connect Contact Event`.
 */
export function contactEventPattern(instanceArn: string): string {
  return JSON.stringify({
    source: ["aws.connect"],
    "detail-type": ["Amazon Connect Contact Event"],
    detail: { eventType: ["CONNECTED_TO_AGENT"], instanceArn: [instanceArn] },
  });
}
