import type { ContactExecution } from "../interpreter/contact.js";
import { uuidOf } from "../scenario/scenario-plan.js";

/**
 * The EventBridge event Connect publishes when an agent answers. Like Connect's, it does not
 * carry the caller's number: the contact-event handler finds the caller through the contact
 * index that `route` wrote, exactly as it does when deployed.
 */
export function connectedToAgentEvent(
  execution: ContactExecution,
  agentArn: string,
  at: number,
  instanceArn: string,
): unknown {
  const [, , , region, account] = instanceArn.split(":");
  const { input } = execution;
  const queue = execution.workingQueue;
  const queueInfo =
    queue === undefined
      ? undefined
      : queue.kind === "agent"
        ? { queueArn: queue.agent.arn, queueType: "AGENT" }
        : { queueArn: queue.queue.arn, queueType: "STANDARD" };
  return {
    version: "0",
    id: uuidOf(`event:${input.contactId}`),
    "detail-type": "Amazon Connect Contact Event",
    source: "aws.connect",
    account,
    time: new Date(at).toISOString(),
    region,
    resources: [`${instanceArn}/contact/${input.contactId}`, instanceArn],
    detail: {
      initiationTimestamp: new Date(execution.arrivedAt).toISOString(),
      contactId: input.contactId,
      initialContactId: input.contactId,
      channel: input.channel,
      instanceArn,
      initiationMethod: input.channel === "VOICE" ? "INBOUND" : "API",
      eventType: "CONNECTED_TO_AGENT",
      agentInfo: { agentArn, connectedToAgentTimestamp: new Date(at).toISOString() },
      ...(queueInfo === undefined ? {} : { queueInfo }),
    },
  };
}
