import type { SimulatedClock } from "../clock/simulated-clock.js";
import { BinaryHeap } from "../collections/binary-heap.js";
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
  /**
   * Simulated ms from the moment someone starts listening to each agent's first heartbeat (by
   * the agent's position): the time left since their last event, for a floor that starts
   * mid-shift. Default the whole interval (every agent's first heartbeat at the same moment).
   */
  readonly heartbeatOffsetMs?: (agentIndex: number) => number;
}

/** A contact to hand to an agent. */
export interface ContactAssignment {
  readonly contactId: string;
  readonly channel: SimChannel;
  /** How long the agent talks to the customer (ms of simulated time). */
  readonly durationMs: number;
  /**
   * After-contact work once the conversation ends (ms): the slot stays taken and the agent is
   * not routable until it is done. Default 0 (the slot frees when the call ends).
   */
  readonly afterContactWorkMs?: number;
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
  /** The agent's view, built once per change (views are immutable snapshots). */
  view: SimAgent | undefined;
}

/**
 * A time-driven change of one agent: a contact's conversation or after-contact work ending,
 * or the next entry of the schedule. At the same moment contacts end before scheduled statuses
 * (so a break scheduled for the minute a call ends starts at once), then by agent order.
 */
type DueChange =
  | {
      readonly kind: "talk-end";
      readonly at: number;
      readonly agent: AgentState;
      readonly contactId: string;
    }
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

const kindRank: Readonly<Record<DueChange["kind"], number>> = {
  "talk-end": 0,
  "contact-end": 0,
  scheduled: 1,
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
  /** The agents who could take a contact now, per channel (kept as states change). */
  readonly #free: Readonly<Record<SimChannel, Set<AgentState>>> = {
    VOICE: new Set(),
    CHAT: new Set(),
    TASK: new Set(),
    EMAIL: new Set(),
  };
  /** User and agent ARNs already resolved (only ones that name an agent). */
  readonly #byArn = new Map<string, AgentState>();
  readonly #listeners = new Set<AgentEventListener>();
  readonly #statusArns = new Map<string, string>();
  readonly #heartbeatIntervalMs: number | undefined;
  readonly #heartbeatOffsetMs: ((agentIndex: number) => number) | undefined;
  readonly #heartbeats: HeartbeatQueue;
  /** Contact ends and schedule entries, earliest first; an entry may be stale (see #isCurrent). */
  readonly #due = new BinaryHeap<DueChange & { readonly seq: number }>(
    (x, y) =>
      x.at < y.at ||
      (x.at === y.at &&
        (kindRank[x.kind] < kindRank[y.kind] ||
          (kindRank[x.kind] === kindRank[y.kind] &&
            (x.agent.index < y.agent.index ||
              (x.agent.index === y.agent.index && x.seq < y.seq))))),
  );
  #dueSeq = 0;
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
    this.#heartbeatOffsetMs = options.heartbeatOffsetMs;
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
    for (const agent of this.#agents) {
      this.#queueNextScheduled(agent);
      this.#changed(agent);
    }
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

  /**
   * The user IDs of the agents who could take a contact on `channel` now (as
   * {@link isAvailable} answers), in no particular order.
   */
  availableIds(channel: SimChannel): string[] {
    this.tick();
    return [...this.#free[channel]].map((agent) => agent.id);
  }

  /** The user ID of the agent with this user ID, user ARN or agent ARN (no view built). */
  idOf(idOrArn: string): string | undefined {
    return this.#find(idOrArn)?.id;
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
    const workMs = contact.afterContactWorkMs ?? 0;
    if (!Number.isFinite(workMs) || workMs < 0) {
      throw new RangeError(`afterContactWorkMs must be a non-negative number, got ${workMs}`);
    }
    if (!this.isAvailable(idOrArn, contact.channel)) {
      return false;
    }
    const agent = this.#require(idOrArn);
    const now = this.#clock.now();
    const before = this.#before(agent);
    const talkEndsAt = now + contact.durationMs;
    agent.contacts.push({
      contactId: contact.contactId,
      channel: contact.channel,
      state: "connected",
      startedAt: now,
      talkEndsAt,
      endsAt: talkEndsAt + workMs,
    });
    this.#queue(
      workMs > 0
        ? { kind: "talk-end", at: talkEndsAt, agent, contactId: contact.contactId }
        : { kind: "contact-end", at: talkEndsAt, agent, contactId: contact.contactId },
    );
    this.#changed(agent);
    this.#recomputeNextDue();
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
      for (const agent of this.#agents) {
        const offset = this.#heartbeatOffsetMs?.(agent.index);
        this.#scheduleHeartbeat(
          agent,
          offset === undefined ? now : now + offset - (this.#heartbeatIntervalMs ?? 0),
        );
      }
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
      for (let step = 0; step < maxChangesPerTick; step++) {
        const change = this.#peekDue(now);
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
        if (change === undefined) break;
        this.#due.pop();
        if (change.kind === "talk-end") {
          this.#endTalk(change.agent, change.contactId, change.at);
        } else if (change.kind === "contact-end") {
          this.#endContact(change.agent, change.contactId, change.at);
        } else {
          this.#changeStatus(change.agent, change.status, change.at);
          this.#queueNextScheduled(change.agent);
        }
      }
    } finally {
      this.#ticking = false;
    }
    this.#recomputeNextDue();
  }

  /** The earliest current change due by `now`, stale entries discarded on the way. */
  #peekDue(now: number): DueChange | undefined {
    for (let top = this.#due.peek(); top !== undefined; top = this.#due.peek()) {
      if (top.at > now) return undefined;
      if (this.#isCurrent(top)) return top;
      this.#due.pop();
    }
    return undefined;
  }

  /** A contact change is stale once the contact ended early or changed phase. */
  #isCurrent(change: DueChange): boolean {
    if (change.kind === "scheduled") return true;
    const contact = change.agent.contacts.find((held) => held.contactId === change.contactId);
    if (contact === undefined) return false;
    return change.kind === "talk-end"
      ? contact.state === "connected" && contact.talkEndsAt === change.at
      : contact.endsAt === change.at;
  }

  #queue(change: DueChange): void {
    this.#due.push({ ...change, seq: this.#dueSeq++ });
  }

  #queueNextScheduled(agent: AgentState): void {
    const entry = agent.schedule[agent.nextScheduled];
    if (entry === undefined) return;
    agent.nextScheduled += 1;
    this.#queue({ kind: "scheduled", at: entry.at, agent, status: entry.status });
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
      view: undefined,
    };
  }

  #find(idOrArn: string): AgentState | undefined {
    const byId = this.#byId.get(idOrArn);
    if (byId !== undefined) return byId;
    // ARNs are parsed once: routers and queues name the same agents over and over.
    if (this.#byArn.has(idOrArn)) return this.#byArn.get(idOrArn);
    const id = idFromIdOrArn(this.location, ["user", "agent"], idOrArn);
    const agent = id === undefined ? undefined : this.#byId.get(id);
    if (agent !== undefined) this.#byArn.set(idOrArn, agent);
    return agent;
  }

  #require(idOrArn: string): AgentState {
    const agent = this.#find(idOrArn);
    if (agent === undefined) {
      throw new UnknownAgentError(idOrArn);
    }
    return agent;
  }

  /** The conversation ends; the agent starts after-contact work on it (the slot stays taken). */
  #endTalk(agent: AgentState, contactId: string, at: number): void {
    const index = agent.contacts.findIndex((contact) => contact.contactId === contactId);
    const contact = agent.contacts[index];
    if (contact === undefined) return;
    const before = this.#before(agent);
    agent.contacts = agent.contacts.map((held, position) =>
      position === index ? { ...held, state: "after-contact-work" as const } : held,
    );
    this.#changed(agent);
    this.#queue({ kind: "contact-end", at: contact.endsAt, agent, contactId });
    this.#emit("STATE_CHANGE", agent, before, at);
  }

  #endContact(agent: AgentState, contactId: string, at: number): void {
    if (!agent.contacts.some((contact) => contact.contactId === contactId)) return;
    const before = this.#before(agent);
    agent.contacts = agent.contacts.filter((contact) => contact.contactId !== contactId);
    agent.lastContactEndedAt = at;
    this.#changed(agent);
    this.#emit("STATE_CHANGE", agent, before, at);
    if (agent.contacts.length === 0 && agent.nextStatus !== undefined) {
      const next = agent.nextStatus.name;
      agent.nextStatus = undefined;
      // The pending status may equal the current one, when #changeStatus changes nothing.
      this.#changed(agent);
      this.#changeStatus(agent, next, at);
    }
  }

  #changeStatus(agent: AgentState, status: AgentStatusName, at: number): void {
    const before = this.#before(agent);
    if (agent.contacts.length > 0) {
      const wanted = status === agent.statusName ? undefined : { name: status, at };
      if (wanted?.name === agent.nextStatus?.name) return;
      agent.nextStatus = wanted;
      this.#changed(agent);
      this.#emit("STATE_CHANGE", agent, before, at);
      return;
    }
    if (status === agent.statusName) return;
    const wasOffline = statusTypeOf(agent.statusName) === "OFFLINE";
    const isOffline = statusTypeOf(status) === "OFFLINE";
    agent.statusName = status;
    agent.statusSince = at;
    agent.nextStatus = undefined;
    this.#changed(agent);
    const type =
      wasOffline && !isOffline ? "LOGIN" : isOffline && !wasOffline ? "LOGOUT" : "STATE_CHANGE";
    this.#emit(type, agent, before, at);
  }

  /** After any change to the agent: their cached view is stale, their free slots may differ. */
  #changed(agent: AgentState): void {
    agent.view = undefined;
    this.#refreshFree(agent);
  }

  /** Puts the agent in or out of each channel's free set, as `isAvailable` would answer. */
  #refreshFree(agent: AgentState): void {
    const routable =
      statusTypeOf(agent.statusName) === "ROUTABLE" && agent.nextStatus === undefined;
    for (const channel of simChannels) {
      if (routable && availableSlotsOf(agent, channel) > 0) this.#free[channel].add(agent);
      else this.#free[channel].delete(agent);
    }
  }

  #recomputeNextDue(): void {
    let next = Number.POSITIVE_INFINITY;
    for (let top = this.#due.peek(); top !== undefined; top = this.#due.peek()) {
      if (this.#isCurrent(top)) {
        next = top.at;
        break;
      }
      this.#due.pop();
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
    agent.view ??= this.#viewOf(agent);
    return agent.view;
  }

  #viewOf(agent: AgentState): SimAgent {
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
