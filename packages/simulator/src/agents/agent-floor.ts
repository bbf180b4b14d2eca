import type { SimulatedClock } from "../clock/simulated-clock.js";
import { InvalidAgentSpecError, UnknownAgentError } from "./agent-floor-errors.js";
import { type AgentStreamEvent, streamSnapshotOf } from "./agent-stream-event.js";
import {
  type InstanceLocation,
  idFromIdOrArn,
  instanceArnOf,
  resourceArnOf,
  stableId,
} from "./connect-resource-names.js";
import { HeartbeatQueue } from "./heartbeat-queue.js";
import {
  type AgentSpec,
  type AgentStatusName,
  type SimAgent,
  type SimChannel,
  type SimContact,
  simChannels,
  statusTypeOf,
} from "./sim-agent.js";

/** Options of `AgentFloor`. */
export interface AgentFloorOptions extends InstanceLocation {
  /** The simulation's clock; schedules count from `clock.start`. */
  readonly clock: SimulatedClock;
  readonly agents: readonly AgentSpec[];
  /**
   * Simulated ms between `HEART_BEAT` events of a logged-in agent with no other event, while
   * someone listens. Default 120,000, Connect's interval; `false` for none.
   */
  readonly heartbeatIntervalMs?: number | false;
}

/** A contact to hand to an agent. */
export interface ContactAssignment {
  readonly contactId: string;
  readonly channel: SimChannel;
  /** How long the agent is busy with it (ms of simulated time). */
  readonly durationMs: number;
}

/** Receives agent event stream records as the floor changes. */
export type AgentEventListener = (event: AgentStreamEvent) => void;

interface AgentState {
  readonly index: number;
  readonly id: string;
  readonly username: string;
  readonly routingProfileId: string;
  readonly queueId: string;
  readonly hierarchyGroupId: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
  /** ARNs, computed once: reads build a view per agent and must stay cheap. */
  readonly arns: {
    readonly user: string;
    readonly agent: string;
    readonly routingProfile: string;
    readonly queue: string;
    readonly hierarchyGroup: string | undefined;
  };
  readonly maxSlots: Readonly<Record<SimChannel, number>>;
  /** Absolute times (epoch ms), sorted. */
  readonly schedule: readonly { readonly at: number; readonly status: AgentStatusName }[];
  nextScheduled: number;
  statusName: AgentStatusName;
  statusSince: number;
  nextStatus: { readonly name: AgentStatusName; readonly at: number } | undefined;
  contacts: SimContact[];
  lastContactEndedAt: number | undefined;
  /** Bumped by every event, so a heartbeat queued before it is known to be obsolete. */
  eventVersion: number;
}

type DueChange =
  | {
      readonly kind: "contact-end";
      readonly at: number;
      readonly agent: AgentState;
      readonly contactId: string;
    }
  | {
      readonly kind: "scheduled";
      readonly at: number;
      readonly agent: AgentState;
      readonly status: AgentStatusName;
    };

const defaultRoutingProfileName = "Basic Routing Profile";
/** Connect publishes a heartbeat "every 120 seconds if there are no other events". */
const connectHeartbeatIntervalMs = 120_000;
/** A bound on the changes one `tick` applies, against a runaway loop. */
const maxChangesPerTick = 10_000_000;

/**
 * The agents of the simulated Connect instance and their state over simulated time: status
 * (from each agent's schedule or `setStatus`), the contacts they hold and the slots left per
 * channel.
 *
 * Time-driven changes (a scheduled status, the end of a call) are applied, in time order and
 * with their own timestamps, whenever the clock moves (the floor subscribes to it) and before
 * every read, so a reader never sees a stale floor.
 *
 * Connect's rules the floor keeps: only the routable status "Available" takes contacts; a
 * status chosen while on a contact becomes `nextStatus` and applies when the last contact ends;
 * a voice call blocks the other channels and a chat or task blocks voice (no cross-channel
 * concurrency). There is no after-contact work: the slot frees when the call ends.
 */
export class AgentFloor {
  readonly location: InstanceLocation;
  readonly instanceArn: string;
  readonly #clock: SimulatedClock;
  readonly #agents: readonly AgentState[];
  readonly #byId = new Map<string, AgentState>();
  readonly #listeners = new Set<AgentEventListener>();
  readonly #statusArns = new Map<string, string>();
  readonly #heartbeatIntervalMs: number | undefined;
  readonly #heartbeats: HeartbeatQueue;
  #nextDueAt = Number.POSITIVE_INFINITY;
  #eventCount = 0;
  #ticking = false;

  constructor(options: AgentFloorOptions) {
    this.location = {
      instanceId: options.instanceId,
      region: options.region,
      accountId: options.accountId,
    };
    this.instanceArn = instanceArnOf(this.location);
    this.#clock = options.clock;
    const interval = options.heartbeatIntervalMs ?? connectHeartbeatIntervalMs;
    if (interval !== false && !(Number.isFinite(interval) && interval > 0)) {
      throw new RangeError(`heartbeatIntervalMs must be positive or false, got ${interval}`);
    }
    this.#heartbeatIntervalMs = interval === false ? undefined : interval;
    this.#heartbeats = new HeartbeatQueue(
      (beat) => this.#agents[beat.agentIndex]?.eventVersion === beat.version,
    );
    const usernames = new Set<string>();
    this.#agents = options.agents.map((spec, index) => {
      if (spec.username.trim() === "") {
        throw new InvalidAgentSpecError(spec.username, "username must not be empty");
      }
      if (usernames.has(spec.username)) {
        throw new InvalidAgentSpecError(spec.username, "username is used twice");
      }
      usernames.add(spec.username);
      const state = this.#stateOf(spec, index);
      if (this.#byId.has(state.id)) {
        throw new InvalidAgentSpecError(spec.username, `user ID ${state.id} is used twice`);
      }
      this.#byId.set(state.id, state);
      return state;
    });
    this.#recomputeNextDue();
    // Changes due at or before "now" (the schedule's entries at 0) apply before anyone listens.
    this.tick();
    options.clock.onAdvance(() => this.tick());
  }

  /** Every agent, in the order of the specs. */
  list(): readonly SimAgent[] {
    this.tick();
    return this.#agents.map((agent) => this.#view(agent));
  }

  /** The agent with this user ID, user ARN or agent ARN. */
  get(idOrArn: string): SimAgent | undefined {
    this.tick();
    const agent = this.#find(idOrArn);
    return agent === undefined ? undefined : this.#view(agent);
  }

  /** The routing profile ID every agent without one gets. */
  defaultRoutingProfileId(): string {
    return stableId(`${this.location.instanceId}:routing-profile:${defaultRoutingProfileName}`);
  }

  /** The queue a routing profile serves: the simulator gives each profile exactly one. */
  queueIdOf(routingProfileId: string): string {
    return stableId(`${this.location.instanceId}:queue:${routingProfileId}`);
  }

  /**
   * Whether the agent can take a contact on `channel` now: status "Available", no pending next
   * status, and a free slot on that channel.
   */
  isAvailable(idOrArn: string, channel: SimChannel): boolean {
    this.tick();
    const agent = this.#find(idOrArn);
    return (
      agent !== undefined &&
      statusTypeOf(agent.statusName) === "ROUTABLE" &&
      agent.nextStatus === undefined &&
      availableSlotsOf(agent, channel) > 0
    );
  }

  /**
   * Hands a contact to the agent, who holds a slot until `clock.now() + durationMs`.
   * Returns false, changing nothing, when the agent is not available on that channel.
   */
  assign(idOrArn: string, contact: ContactAssignment): boolean {
    if (!Number.isFinite(contact.durationMs) || contact.durationMs < 0) {
      throw new RangeError(`durationMs must be a non-negative number, got ${contact.durationMs}`);
    }
    if (!this.isAvailable(idOrArn, contact.channel)) {
      return false;
    }
    const agent = this.#require(idOrArn);
    const now = this.#clock.now();
    const before = this.#before(agent);
    agent.contacts.push({
      contactId: contact.contactId,
      channel: contact.channel,
      startedAt: now,
      endsAt: now + contact.durationMs,
    });
    this.#nextDueAt = Math.min(this.#nextDueAt, now + contact.durationMs);
    this.#emit("STATE_CHANGE", agent, before, now);
    return true;
  }

  /** Ends a contact before its time (the caller hung up); false when the agent does not hold it. */
  endContact(idOrArn: string, contactId: string): boolean {
    this.tick();
    const agent = this.#require(idOrArn);
    if (!agent.contacts.some((contact) => contact.contactId === contactId)) {
      return false;
    }
    this.#endContact(agent, contactId, this.#clock.now());
    this.#recomputeNextDue();
    return true;
  }

  /**
   * The agent chooses a status now. On a contact, a different status waits as `nextStatus`
   * until the last contact ends, as in the Contact Control Panel.
   */
  setStatus(idOrArn: string, status: AgentStatusName): void {
    this.tick();
    this.#changeStatus(this.#require(idOrArn), status, this.#clock.now());
  }

  /**
   * Since when the agent has been idle (epoch ms): routable, holding no contact, since the later
   * of the status start and the end of the last contact. `undefined` when not idle.
   */
  idleSince(idOrArn: string): number | undefined {
    this.tick();
    const agent = this.#find(idOrArn);
    if (
      agent === undefined ||
      agent.contacts.length > 0 ||
      statusTypeOf(agent.statusName) !== "ROUTABLE"
    ) {
      return undefined;
    }
    return Math.max(agent.statusSince, agent.lastContactEndedAt ?? agent.statusSince);
  }

  /** Receives every agent event from now on; returns the function that unsubscribes. */
  onEvent(listener: AgentEventListener): () => void {
    this.tick();
    if (this.#listeners.size === 0) {
      // Heartbeats count from the moment someone listens, as a stream consumer would see.
      const now = this.#clock.now();
      for (const agent of this.#agents) this.#scheduleHeartbeat(agent, now);
    }
    this.#listeners.add(listener);
    this.#recomputeNextDue();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) {
        this.#heartbeats.clear();
        this.#recomputeNextDue();
      }
    };
  }

  /**
   * A `HEART_BEAT` event per logged-in agent with their current state, stamped now: what a
   * consumer that starts late would learn from the stream within 120 seconds.
   */
  heartbeats(): readonly AgentStreamEvent[] {
    this.tick();
    return this.#agents
      .filter((agent) => statusTypeOf(agent.statusName) !== "OFFLINE")
      .map((agent) => {
        const view = this.#view(agent);
        return this.#eventOf("HEART_BEAT", view, view, this.#clock.now());
      });
  }

  /** Applies every change due by `clock.now()`, in time order. Reads call it themselves. */
  tick(): void {
    const now = this.#clock.now();
    // A listener that reads the floor while an event is delivered must not re-enter the loop.
    if (now < this.#nextDueAt || this.#ticking) {
      return;
    }
    this.#ticking = true;
    try {
      const due = this.#dueChanges(now);
      let next = 0;
      for (let step = 0; step < maxChangesPerTick; step++) {
        const change = due[next];
        const beat = this.#heartbeats.peek();
        const beatDue = beat !== undefined && beat.at <= now;
        if (change === undefined && !beatDue) break;
        // A heartbeat strictly before the next change goes first; at the same moment the
        // change's own event makes the heartbeat unnecessary.
        if (beatDue && (change === undefined || beat.at < change.at)) {
          this.#heartbeats.pop();
          const agent = this.#agents[beat.agentIndex];
          if (agent !== undefined) this.#emit("HEART_BEAT", agent, this.#view(agent), beat.at);
          continue;
        }
        next += 1;
        if (change === undefined) break;
        if (change.kind === "contact-end") {
          this.#endContact(change.agent, change.contactId, change.at);
        } else {
          this.#changeStatus(change.agent, change.status, change.at);
        }
      }
    } finally {
      this.#ticking = false;
    }
    this.#recomputeNextDue();
  }

  /**
   * The scheduled statuses and call ends due by `now`, in time order; at the same moment a
   * call's end comes first, so a break scheduled for the minute the call ends starts at once
   * instead of waiting as a next status.
   */
  #dueChanges(now: number): DueChange[] {
    const due: DueChange[] = [];
    for (const agent of this.#agents) {
      for (const contact of agent.contacts) {
        if (contact.endsAt <= now) {
          due.push({
            kind: "contact-end",
            at: contact.endsAt,
            agent,
            contactId: contact.contactId,
          });
        }
      }
      for (let i = agent.nextScheduled; i < agent.schedule.length; i++) {
        const entry = agent.schedule[i];
        if (entry === undefined || entry.at > now) break;
        due.push({ kind: "scheduled", at: entry.at, agent, status: entry.status });
        agent.nextScheduled = i + 1;
      }
    }
    return due.sort(
      (a, b) =>
        a.at - b.at ||
        (a.kind === b.kind ? 0 : a.kind === "contact-end" ? -1 : 1) ||
        a.agent.index - b.agent.index,
    );
  }

  #scheduleHeartbeat(agent: AgentState, lastEventAt: number): void {
    agent.eventVersion += 1;
    if (this.#heartbeatIntervalMs !== undefined && statusTypeOf(agent.statusName) !== "OFFLINE") {
      const at = lastEventAt + this.#heartbeatIntervalMs;
      this.#heartbeats.push({ at, agentIndex: agent.index, version: agent.eventVersion });
      this.#nextDueAt = Math.min(this.#nextDueAt, at);
    }
  }

  #stateOf(spec: AgentSpec, index: number): AgentState {
    const maxSlots = { VOICE: 1, CHAT: 0, TASK: 0, EMAIL: 0 };
    if (spec.slots !== undefined) {
      maxSlots.VOICE = 0;
      for (const channel of simChannels) {
        const slots = spec.slots[channel] ?? 0;
        if (!Number.isInteger(slots) || slots < 0) {
          throw new InvalidAgentSpecError(
            spec.username,
            `slots.${channel} must be a non-negative integer, got ${slots}`,
          );
        }
        maxSlots[channel] = slots;
      }
    }
    const schedule = [...(spec.schedule ?? [])]
      .map((entry) => {
        if (!Number.isFinite(entry.at) || entry.at < 0) {
          throw new InvalidAgentSpecError(
            spec.username,
            `schedule time must be a non-negative number of ms, got ${entry.at}`,
          );
        }
        if (entry.status.trim() === "") {
          throw new InvalidAgentSpecError(spec.username, "schedule status must not be empty");
        }
        return { at: this.#clock.start + entry.at, status: entry.status };
      })
      .sort((a, b) => a.at - b.at);
    const routingProfileId = spec.routingProfileId ?? this.defaultRoutingProfileId();
    const id = spec.id ?? stableId(`user:${spec.username}`);
    // IDs end up as the last segment of ARNs, so they can be neither empty nor contain "/".
    for (const [field, value] of [
      ["id", id],
      ["routingProfileId", routingProfileId],
      ["hierarchyGroupId", spec.hierarchyGroupId],
    ] as const) {
      if (value !== undefined && (value.trim() === "" || value.includes("/"))) {
        throw new InvalidAgentSpecError(
          spec.username,
          `${field} ${JSON.stringify(value)} is not an ID`,
        );
      }
    }
    const queueId = this.queueIdOf(routingProfileId);
    return {
      index,
      id,
      username: spec.username,
      routingProfileId,
      queueId,
      hierarchyGroupId: spec.hierarchyGroupId,
      tags: { ...spec.tags },
      arns: {
        user: resourceArnOf(this.location, "user", id),
        agent: resourceArnOf(this.location, "agent", id),
        routingProfile: resourceArnOf(this.location, "routing-profile", routingProfileId),
        queue: resourceArnOf(this.location, "queue", queueId),
        hierarchyGroup:
          spec.hierarchyGroupId === undefined
            ? undefined
            : resourceArnOf(this.location, "agent-group", spec.hierarchyGroupId),
      },
      maxSlots,
      schedule,
      nextScheduled: 0,
      // With a schedule the agent is logged out until its first entry; without one, available.
      statusName: spec.schedule === undefined ? "Available" : "Offline",
      statusSince: this.#clock.start,
      nextStatus: undefined,
      contacts: [],
      lastContactEndedAt: undefined,
      eventVersion: 0,
    };
  }

  #find(idOrArn: string): AgentState | undefined {
    const id = idFromIdOrArn(this.location, ["user", "agent"], idOrArn);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  #require(idOrArn: string): AgentState {
    const agent = this.#find(idOrArn);
    if (agent === undefined) {
      throw new UnknownAgentError(idOrArn);
    }
    return agent;
  }

  #endContact(agent: AgentState, contactId: string, at: number): void {
    if (!agent.contacts.some((contact) => contact.contactId === contactId)) return;
    const before = this.#before(agent);
    agent.contacts = agent.contacts.filter((contact) => contact.contactId !== contactId);
    agent.lastContactEndedAt = at;
    this.#emit("STATE_CHANGE", agent, before, at);
    if (agent.contacts.length === 0 && agent.nextStatus !== undefined) {
      const next = agent.nextStatus.name;
      agent.nextStatus = undefined;
      this.#changeStatus(agent, next, at);
    }
  }

  #changeStatus(agent: AgentState, status: AgentStatusName, at: number): void {
    const before = this.#before(agent);
    if (agent.contacts.length > 0) {
      const wanted = status === agent.statusName ? undefined : { name: status, at };
      if (wanted?.name === agent.nextStatus?.name) return;
      agent.nextStatus = wanted;
      this.#emit("STATE_CHANGE", agent, before, at);
      return;
    }
    if (status === agent.statusName) return;
    const wasOffline = statusTypeOf(agent.statusName) === "OFFLINE";
    const isOffline = statusTypeOf(status) === "OFFLINE";
    agent.statusName = status;
    agent.statusSince = at;
    agent.nextStatus = undefined;
    const type =
      wasOffline && !isOffline ? "LOGIN" : isOffline && !wasOffline ? "LOGOUT" : "STATE_CHANGE";
    this.#emit(type, agent, before, at);
  }

  #recomputeNextDue(): void {
    let next = Number.POSITIVE_INFINITY;
    for (const agent of this.#agents) {
      const scheduled = agent.schedule[agent.nextScheduled];
      if (scheduled !== undefined) next = Math.min(next, scheduled.at);
      for (const contact of agent.contacts) next = Math.min(next, contact.endsAt);
    }
    const beat = this.#heartbeats.peek();
    this.#nextDueAt = beat === undefined ? next : Math.min(next, beat.at);
  }

  #emit(
    type: AgentStreamEvent["EventType"],
    agent: AgentState,
    before: SimAgent | undefined,
    at: number,
  ): void {
    if (this.#listeners.size === 0 || before === undefined) return;
    const event = this.#eventOf(type, this.#view(agent), before, at);
    this.#scheduleHeartbeat(agent, at);
    for (const listener of [...this.#listeners]) listener(event);
  }

  #eventOf(
    type: AgentStreamEvent["EventType"],
    current: SimAgent,
    previous: SimAgent,
    at: number,
  ): AgentStreamEvent {
    this.#eventCount += 1;
    return {
      AWSAccountId: this.location.accountId,
      AgentARN: current.agentArn,
      CurrentAgentSnapshot: streamSnapshotOf(current),
      PreviousAgentSnapshot: type === "HEART_BEAT" ? null : streamSnapshotOf(previous),
      EventId: stableId(`${this.instanceArn}:event:${this.#eventCount}`),
      EventTimestamp: new Date(at).toISOString(),
      EventType: type,
      InstanceARN: this.instanceArn,
      Version: "2019-05-25",
    };
  }

  #statusArnOf(name: AgentStatusName): string {
    let arn = this.#statusArns.get(name);
    if (arn === undefined) {
      arn = resourceArnOf(
        this.location,
        "agent-state",
        stableId(`${this.location.instanceId}:agent-state:${name}`),
      );
      this.#statusArns.set(name, arn);
    }
    return arn;
  }

  /** The agent as listeners saw them before a change; skipped when nobody listens. */
  #before(agent: AgentState): SimAgent | undefined {
    return this.#listeners.size === 0 ? undefined : this.#view(agent);
  }

  #view(agent: AgentState): SimAgent {
    const availableSlots = { VOICE: 0, CHAT: 0, TASK: 0, EMAIL: 0 };
    const activeSlots = { VOICE: 0, CHAT: 0, TASK: 0, EMAIL: 0 };
    for (const channel of simChannels) {
      availableSlots[channel] = availableSlotsOf(agent, channel);
      activeSlots[channel] = agent.contacts.filter((c) => c.channel === channel).length;
    }
    const type = statusTypeOf(agent.statusName);
    return {
      id: agent.id,
      username: agent.username,
      arn: agent.arns.user,
      agentArn: agent.arns.agent,
      routingProfileId: agent.routingProfileId,
      routingProfileArn: agent.arns.routingProfile,
      queueId: agent.queueId,
      queueArn: agent.arns.queue,
      hierarchyGroupId: agent.hierarchyGroupId,
      hierarchyGroupArn: agent.arns.hierarchyGroup,
      tags: agent.tags,
      status: {
        name: agent.statusName,
        type,
        arn: this.#statusArnOf(agent.statusName),
        since: agent.statusSince,
      },
      nextStatus: agent.nextStatus?.name,
      nextStatusAt: agent.nextStatus?.at,
      maxSlots: agent.maxSlots,
      availableSlots,
      activeSlots,
      contacts: [...agent.contacts],
    };
  }
}

/**
 * Free slots on `channel`: none unless the status is routable, and none across channels (a
 * voice call blocks chats and tasks, any chat or task blocks voice).
 */
function availableSlotsOf(agent: AgentState, channel: SimChannel): number {
  if (statusTypeOf(agent.statusName) !== "ROUTABLE") return 0;
  let same = 0;
  let other = 0;
  for (const contact of agent.contacts) {
    if (contact.channel === channel) same += 1;
    else if (contact.channel === "VOICE" || channel === "VOICE") other += 1;
  }
  return other > 0 ? 0 : Math.max(0, agent.maxSlots[channel] - same);
}
