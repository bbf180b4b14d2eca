import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The arguments of {@link DemoContactCenter}. */
export interface DemoContactCenterArgs {
  /** The instance alias: part of the instance's access URL, unique across AWS. */
  readonly alias: pulumi.Input<string>;
  /** How many agents to create (`agent1`, `agent2`, …). A plain value: it decides how many users exist. */
  readonly agentCount: number;
  /** The agents' password for the Contact Control Panel (Connect's password rules apply). */
  readonly agentPassword: pulumi.Input<string>;
  /** The queue's hours' time zone (default `UTC`). */
  readonly timeZone?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Readonly<Record<string, pulumi.Input<string>>>>;
}

const days = [
  "MONDAY",
  "TUESDAY",
  "WEDNESDAY",
  "THURSDAY",
  "FRIDAY",
  "SATURDAY",
  "SUNDAY",
] as const;

/**
 * A small Amazon Connect instance to try sticky-agent routing end to end, for a dev stack:
 * the instance (Connect-managed users, inbound calls), hours open all day every day
 * (00:00-23:59), one queue, a voice routing profile serving it, and `agentCount` agents with
 * the built-in "Agent" security profile. Claim a phone number for it in the console (numbers are not free), then set
 * `phoneNumberId`.
 *
 * @example
 * ```ts
 * const demo = new DemoContactCenter("demo", { alias: "connect-affinity-dev", agentCount: 3, agentPassword });
 * ```
 */
export class DemoContactCenter extends pulumi.ComponentResource {
  readonly instance: aws.connect.Instance;
  readonly hours: aws.connect.HoursOfOperation;
  readonly queue: aws.connect.Queue;
  readonly routingProfile: aws.connect.RoutingProfile;
  readonly agents: readonly aws.connect.User[];

  constructor(name: string, args: DemoContactCenterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("connect-affinity:index:DemoContactCenter", name, {}, opts);
    const parent = { parent: this };
    const tags = args.tags ?? {};

    this.instance = new aws.connect.Instance(
      name,
      {
        instanceAlias: args.alias,
        identityManagementType: "CONNECT_MANAGED",
        inboundCallsEnabled: true,
        outboundCallsEnabled: false,
        contactFlowLogsEnabled: true,
        tags,
      },
      parent,
    );
    const instanceId = this.instance.id;
    this.hours = new aws.connect.HoursOfOperation(
      `${name}-always-open`,
      {
        instanceId,
        name: "Always open",
        description: "Sticky-agent demo: open all day, every day",
        timeZone: args.timeZone ?? "UTC",
        configs: days.map((day) => ({
          day,
          startTime: { hours: 0, minutes: 0 },
          endTime: { hours: 23, minutes: 59 },
        })),
        tags,
      },
      parent,
    );
    this.queue = new aws.connect.Queue(
      `${name}-queue`,
      {
        instanceId,
        name: "Sticky demo",
        description: "Sticky-agent demo: the standard and fallback queue",
        hoursOfOperationId: this.hours.hoursOfOperationId,
        tags,
      },
      parent,
    );
    this.routingProfile = new aws.connect.RoutingProfile(
      `${name}-agents`,
      {
        instanceId,
        name: "Sticky demo agents",
        description: "Sticky-agent demo: one voice call at a time from the demo queue",
        defaultOutboundQueueId: this.queue.queueId,
        mediaConcurrencies: [{ channel: "VOICE", concurrency: 1 }],
        queueConfigs: [{ channel: "VOICE", delay: 0, priority: 1, queueId: this.queue.queueId }],
        tags,
      },
      parent,
    );
    // Every new instance has the "Agent" security profile; looking it up avoids restating its
    // permission names.
    const agentProfile = aws.connect.getSecurityProfileOutput(
      { instanceId, name: "Agent" },
      { parent: this },
    );
    this.agents = Array.from({ length: args.agentCount }, (_, index) => {
      const number = index + 1;
      return new aws.connect.User(
        `${name}-agent${number}`,
        {
          instanceId,
          name: `agent${number}`,
          password: args.agentPassword,
          routingProfileId: this.routingProfile.routingProfileId,
          securityProfileIds: [agentProfile.apply(securityProfileIdOf)],
          phoneConfig: { phoneType: "SOFT_PHONE", autoAccept: false, afterContactWorkTimeLimit: 0 },
          identityInfo: { firstName: "Demo", lastName: `Agent ${number}` },
          tags,
        },
        parent,
      );
    });

    this.registerOutputs({
      instanceArn: this.instance.arn,
      queueArn: this.queue.arn,
      agentUsernames: this.agents.map((agent) => agent.name),
    });
  }
}

function securityProfileIdOf(profile: aws.connect.GetSecurityProfileResult): string {
  if (profile.securityProfileId === undefined || profile.securityProfileId === "") {
    throw new Error('The demo instance has no "Agent" security profile to give the demo agents');
  }
  return profile.securityProfileId;
}
