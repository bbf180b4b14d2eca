import type { FloorAgent } from "../interpreter/agent-floor-port.js";
import type { ContactExecution } from "../interpreter/contact.js";
import { uuidOf } from "../scenario/scenario-plan.js";

/**
 * The EventBridge event Connect publishes when an agent answers. Connect's event does not
 * carry the caller's number (the contact-event handler then asks `DescribeContact`); the
 * emulator has no contacts API, so the simulator adds `customerEndpoint`, which the handler
 * reads when present.
 */
export function connectedToAgentEvent(
  execution: ContactExecution,
  agent: FloorAgent,
  at: number,
  instanceArn: string,
): unknown {
  const [, , , region, account] = instanceArn.split(":");
  const { input } = execution;
  const queueArn =
    execution.workingQueue === undefined
      ? undefined
      : execution.workingQueue.kind === "agent"
        ? execution.workingQueue.agent.arn
        : execution.workingQueue.queue.arn;
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
      agentInfo: { agentArn: agent.arn, connectedToAgentTimestamp: new Date(at).toISOString() },
      ...(queueArn === undefined ? {} : { queueInfo: { queueArn, queueType: "STANDARD" } }),
      ...(input.customerAddress === undefined
        ? {}
        : { customerEndpoint: { address: input.customerAddress } }),
    },
  };
}
