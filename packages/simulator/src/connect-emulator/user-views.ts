import type { SimAgent } from "../agents/sim-agent.js";
import { simChannels } from "../agents/sim-agent.js";

/**
 * The JSON bodies Connect returns for a user, per API, in the REST-JSON wire form the SDK reads
 * (timestamps as epoch seconds). Field names from the SDK's model (`User`, `UserSummary`,
 * `UserSearchSummary`, `UserData`).
 */
export interface UserViewContext {
  readonly securityProfileId: string;
  readonly region: string;
  /** When the simulated users were "last modified": the simulation start (epoch ms). */
  readonly modifiedAt: number;
}

const seconds = (ms: number): number => ms / 1000;

/** An entry of `ListUsers` `UserSummaryList`. */
export function userSummaryOf(agent: SimAgent, context: UserViewContext): object {
  return {
    Id: agent.id,
    Arn: agent.arn,
    Username: agent.username,
    LastModifiedTime: seconds(context.modifiedAt),
    LastModifiedRegion: context.region,
  };
}

/** An entry of `SearchUsers` `Users`. */
export function userSearchSummaryOf(agent: SimAgent, context: UserViewContext): object {
  return {
    Id: agent.id,
    Arn: agent.arn,
    Username: agent.username,
    IdentityInfo: { FirstName: agent.username, LastName: "" },
    PhoneConfig: { PhoneType: "SOFT_PHONE", AutoAccept: true, AfterContactWorkTimeLimit: 0 },
    RoutingProfileId: agent.routingProfileId,
    SecurityProfileIds: [context.securityProfileId],
    ...(agent.hierarchyGroupId === undefined ? {} : { HierarchyGroupId: agent.hierarchyGroupId }),
    Tags: { ...agent.tags },
  };
}

/** `DescribeUser` `User`. */
export function userOf(agent: SimAgent, context: UserViewContext): object {
  return {
    ...userSearchSummaryOf(agent, context),
    LastModifiedTime: seconds(context.modifiedAt),
    LastModifiedRegion: context.region,
  };
}

/** An entry of `GetCurrentUserData` `UserDataList`. */
export function userDataOf(agent: SimAgent): object {
  const slots = (pick: (channel: (typeof simChannels)[number]) => number) =>
    Object.fromEntries(
      simChannels.filter((c) => agent.maxSlots[c] > 0).map((c) => [c, pick(c)] as const),
    );
  return {
    User: { Id: agent.id, Arn: agent.arn },
    RoutingProfile: { Id: agent.routingProfileId, Arn: agent.routingProfileArn },
    ...(agent.hierarchyGroupId === undefined || agent.hierarchyGroupArn === undefined
      ? {}
      : {
          HierarchyPath: { LevelOne: { Id: agent.hierarchyGroupId, Arn: agent.hierarchyGroupArn } },
        }),
    Status: {
      StatusStartTimestamp: seconds(agent.status.since),
      StatusArn: agent.status.arn,
      StatusName: agent.status.name,
    },
    AvailableSlotsByChannel: slots((c) => agent.availableSlots[c]),
    MaxSlotsByChannel: slots((c) => agent.maxSlots[c]),
    ActiveSlotsByChannel: slots((c) => agent.activeSlots[c]),
    Contacts: agent.contacts.map((contact) => ({
      ContactId: contact.contactId,
      Channel: contact.channel,
      InitiationMethod: "INBOUND",
      AgentContactState: contact.state === "connected" ? "CONNECTED" : "ENDED",
      StateStartTimestamp: seconds(
        contact.state === "connected" ? contact.startedAt : contact.talkEndsAt,
      ),
      ConnectedToAgentTimestamp: seconds(contact.startedAt),
      Queue: { Id: agent.queueId, Arn: agent.queueArn },
    })),
    ...(agent.nextStatus === undefined ? {} : { NextStatus: agent.nextStatus }),
  };
}
