import type { SimAgent, SimChannel } from "./sim-agent.js";
import { simChannels } from "./sim-agent.js";

/** `AgentStatus` / `NextAgentStatus` of an agent event stream snapshot. */
export interface AgentStreamStatus {
  readonly ARN: string;
  readonly Name: string;
  readonly StartTimestamp: string;
  readonly Type: "ROUTABLE" | "CUSTOM" | "OFFLINE";
}

/** One entry of `Configuration.RoutingProfile.Concurrency`. */
export interface AgentStreamConcurrency {
  readonly Channel: SimChannel;
  readonly AvailableSlots: number;
  readonly MaximumSlots: number;
}

/** One entry of a snapshot's `Contacts`. */
export interface AgentStreamContact {
  readonly ContactId: string;
  readonly InitialContactId: null;
  readonly Channel: SimChannel;
  readonly InitiationMethod: "INBOUND";
  /** `ENDED` once the conversation is over and the agent is in after-contact work. */
  readonly State: "CONNECTED" | "ENDED";
  readonly StateStartTimestamp: string;
  readonly ConnectedToAgentTimestamp: string;
  readonly QueueTimestamp: null;
  readonly Queue: { readonly ARN: string; readonly Name: string };
}

/** `CurrentAgentSnapshot` / `PreviousAgentSnapshot`. */
export interface AgentStreamSnapshot {
  readonly AgentStatus: AgentStreamStatus;
  readonly NextAgentStatus: { readonly Name: string; readonly EnqueuedTimestamp: string } | null;
  readonly Configuration: {
    readonly Username: string;
    readonly FirstName: string;
    readonly LastName: string;
    readonly AgentHierarchyGroups: {
      readonly Level1: { readonly ARN: string; readonly Name: string };
    } | null;
    readonly RoutingProfile: {
      readonly ARN: string;
      readonly Name: string;
      readonly Concurrency: readonly AgentStreamConcurrency[];
      readonly DefaultOutboundQueue: { readonly ARN: string; readonly Name: string };
      readonly InboundQueues: readonly { readonly ARN: string; readonly Name: string }[];
    };
  };
  readonly Contacts: readonly AgentStreamContact[];
}

/**
 * One record of the Amazon Connect agent event stream (the JSON Connect writes to Kinesis), as
 * the simulated floor emits it. Shape from the "Agent event streams data model" page of the
 * Connect admin guide; the fields nobody reads here (languages, proficiencies) are left out.
 */
export interface AgentStreamEvent {
  readonly AWSAccountId: string;
  readonly AgentARN: string;
  readonly CurrentAgentSnapshot: AgentStreamSnapshot;
  readonly PreviousAgentSnapshot: AgentStreamSnapshot | null;
  readonly EventId: string;
  readonly EventTimestamp: string;
  readonly EventType: "LOGIN" | "LOGOUT" | "STATE_CHANGE" | "HEART_BEAT";
  readonly InstanceARN: string;
  readonly Version: "2019-05-25";
}

/** The stream snapshot of `agent`. */
export function streamSnapshotOf(agent: SimAgent): AgentStreamSnapshot {
  const queue = { ARN: agent.queueArn, Name: `queue-${agent.queueId.slice(0, 8)}` };
  return {
    AgentStatus: {
      ARN: agent.status.arn,
      Name: agent.status.name,
      StartTimestamp: new Date(agent.status.since).toISOString(),
      Type: agent.status.type,
    },
    NextAgentStatus:
      agent.nextStatus === undefined
        ? null
        : {
            Name: agent.nextStatus,
            EnqueuedTimestamp: new Date(agent.nextStatusAt ?? agent.status.since).toISOString(),
          },
    Configuration: {
      Username: agent.username,
      FirstName: agent.username,
      LastName: "",
      AgentHierarchyGroups:
        agent.hierarchyGroupArn === undefined || agent.hierarchyGroupId === undefined
          ? null
          : { Level1: { ARN: agent.hierarchyGroupArn, Name: agent.hierarchyGroupId } },
      RoutingProfile: {
        ARN: agent.routingProfileArn,
        Name: agent.routingProfileId,
        Concurrency: simChannels
          .filter((channel) => agent.maxSlots[channel] > 0)
          .map((channel) => ({
            Channel: channel,
            AvailableSlots: agent.availableSlots[channel],
            MaximumSlots: agent.maxSlots[channel],
          })),
        DefaultOutboundQueue: queue,
        InboundQueues: [queue],
      },
    },
    Contacts: agent.contacts.map((contact) => ({
      ContactId: contact.contactId,
      InitialContactId: null,
      Channel: contact.channel,
      InitiationMethod: "INBOUND",
      State: contact.state === "connected" ? "CONNECTED" : "ENDED",
      StateStartTimestamp: new Date(
        contact.state === "connected" ? contact.startedAt : contact.talkEndsAt,
      ).toISOString(),
      ConnectedToAgentTimestamp: new Date(contact.startedAt).toISOString(),
      QueueTimestamp: null,
      Queue: queue,
    })),
  };
}
