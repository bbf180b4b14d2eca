import type { Channel } from "@connect-affinity/core";
import type { ContactExecution } from "../interpreter/contact.js";
import { uuidOf } from "../scenario/scenario-plan.js";

/** The contact event types the simulated EventBridge rule can deliver. */
export type ContactEventType = "CONNECTED_TO_AGENT" | "DISCONNECTED";

/** One agent's part of a contact, as the contact events describe it. */
export interface ContactSegment {
  readonly contactId: string;
  /** The customer's first contact of the chain (the contact itself unless transferred). */
  readonly initialContactId: string;
  /** The contact this one was transferred from. */
  readonly previousContactId?: string;
  readonly channel: Channel;
  /** `INBOUND` (voice) or `API` (chat, task, email), `TRANSFER` for a transfer. */
  readonly initiationMethod: string;
  /** When the contact was initiated (epoch ms). */
  readonly initiatedAt: number;
  readonly agentArn: string;
  /** When the agent was connected (epoch ms). */
  readonly connectedAt: number;
  readonly queueInfo?: { readonly queueArn: string; readonly queueType: "AGENT" | "STANDARD" };
}

/**
 * The agent's part of a contact that arrived through the flow: its queue is the contact's
 * working queue (an agent's personal queue or a standard queue).
 */
export function segmentOf(
  execution: ContactExecution,
  agentArn: string,
  connectedAt: number,
): ContactSegment {
  const { input } = execution;
  const queue = execution.workingQueue;
  return {
    contactId: input.contactId,
    initialContactId: input.contactId,
    channel: input.channel,
    initiationMethod: input.channel === "VOICE" ? "INBOUND" : "API",
    initiatedAt: execution.arrivedAt,
    agentArn,
    connectedAt,
    ...(queue === undefined
      ? {}
      : {
          queueInfo:
            queue.kind === "agent"
              ? { queueArn: queue.agent.arn, queueType: "AGENT" as const }
              : { queueArn: queue.queue.arn, queueType: "STANDARD" as const },
        }),
  };
}

/**
 * The EventBridge event Connect publishes for a contact: `CONNECTED_TO_AGENT` when an agent
 * answers, `DISCONNECTED` when the contact ends (with the agent's block, spelled `AgentInfo` as
 * in the documentation's disconnect sample, and `disconnectTimestamp`). Like Connect's, neither
 * carries the caller's number: the contact-event handler finds the caller in the contact index
 * `route` wrote, as deployed.
 */
export function contactEvent(
  eventType: ContactEventType,
  segment: ContactSegment,
  at: number,
  instanceArn: string,
): unknown {
  const [, , , region, account] = instanceArn.split(":");
  const agent = {
    agentArn: segment.agentArn,
    connectedToAgentTimestamp: new Date(segment.connectedAt).toISOString(),
  };
  return {
    version: "0",
    id: uuidOf(
      eventType === "CONNECTED_TO_AGENT"
        ? `event:${segment.contactId}`
        : `event:${eventType}:${segment.contactId}`,
    ),
    "detail-type": "Amazon Connect Contact Event",
    source: "aws.connect",
    account,
    time: new Date(at).toISOString(),
    region,
    resources: [`${instanceArn}/contact/${segment.contactId}`, instanceArn],
    detail: {
      initiationTimestamp: new Date(segment.initiatedAt).toISOString(),
      contactId: segment.contactId,
      initialContactId: segment.initialContactId,
      ...(segment.previousContactId === undefined
        ? {}
        : { previousContactId: segment.previousContactId }),
      channel: segment.channel,
      instanceArn,
      initiationMethod: segment.initiationMethod,
      eventType,
      ...(eventType === "CONNECTED_TO_AGENT"
        ? { agentInfo: agent }
        : {
            AgentInfo: {
              AgentArn: agent.agentArn,
              connectedToAgentTimestamp: agent.connectedToAgentTimestamp,
            },
            disconnectTimestamp: new Date(at).toISOString(),
          }),
      ...(segment.queueInfo === undefined ? {} : { queueInfo: segment.queueInfo }),
    },
  };
}

/** The `CONNECTED_TO_AGENT` event of a contact that arrived through the flow. */
export function connectedToAgentEvent(
  execution: ContactExecution,
  agentArn: string,
  at: number,
  instanceArn: string,
): unknown {
  return contactEvent("CONNECTED_TO_AGENT", segmentOf(execution, agentArn, at), at, instanceArn);
}
