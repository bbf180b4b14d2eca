import type { SimAgent } from "../agents/sim-agent.js";
import type { ContactResult } from "../instance/simulation.js";
import type { FloorAgent } from "../interpreter/agent-floor-port.js";
import type { ContactExecution } from "../interpreter/contact.js";
import { preferredAgentsAt } from "../interpreter/routing-criteria-model.js";

/**
 * Whether a returning call is judged for "reached their last agent while available", decided
 * at the route decision (the moment the contact's first Lambda is invoked):
 *
 * - `judged`: the caller has a last agent, who was routable (status "Available", no next
 *   status pending), free (a free voice slot: not on a call, not in after-contact work) and
 *   not claimed by another contact in flight (one whose working queue is that agent's queue,
 *   whose routing criteria name that agent in the step in force, or, before it set a working
 *   queue, whose latest Lambda answer offered that agent);
 * - left out, with why: `no-last-agent` (a new caller), `own-contact-in-flight` (the same
 *   number has another contact that has not settled), `not-routable`, `busy`, `claimed`.
 */
export type RouteVerdict =
  | { readonly judged: true; readonly lastAgentId: string }
  | {
      readonly judged: false;
      readonly reason:
        | "no-last-agent"
        | "own-contact-in-flight"
        | "not-routable"
        | "busy"
        | "claimed";
      readonly lastAgentId?: string;
    };

/**
 * The bounded wait the judge allows for (the deployment's `preferredWaitSeconds`) and the
 * simulated clock it reads at each decision.
 */
export interface JudgedWait {
  readonly waitMs: number;
  readonly now: () => number;
}

/**
 * Another contact the agent answered after a watched contact's decision, while that contact
 * was still heading for the agent: the first one, for the within-wait miss breakdown.
 */
export interface AgentTaker {
  readonly contactId: string;
  /** A new caller, a returning one (any last agent), or a contact the judge never decided. */
  readonly caller: "new-caller" | "returning-caller" | "undecided";
  /** The queue it was answered from. */
  readonly via: "personal-queue" | "standard-queue" | "fallback-queue";
  /**
   * Where the watched contact was when the agent took the other one: still in the flow (not
   * queued yet) or waiting in the agent's personal queue.
   */
  readonly watchedWas: "in-flow" | "in-personal-queue";
  /** It was waiting in the agent's personal queue before the watched contact's decision. */
  readonly queuedBeforeDecision: boolean;
  /** It arrived before the watched contact. */
  readonly arrivedBefore: boolean;
  /** When the agent answered it (epoch ms). */
  readonly at: number;
}

/**
 * What the judge saw of a judged contact's last agent after the decision (a contact judged
 * at the decision, or free within the wait): the ground truth of the within-wait miss breakdown.
 */
export interface AfterDecision {
  readonly lastAgentId: string;
  readonly decidedAt: number;
  /** When a slot on the contact's channel was free: the decision, or the first contact's end. */
  readonly freeAt: number;
  /** The first other contact the agent answered while this one was heading for them. */
  readonly taker: AgentTaker | undefined;
  /**
   * A status change away from "Available" (a break, the shift's end) that the agent chose
   * after the decision, as seen when this contact settled; `at` is when it was chosen.
   */
  readonly agentLeft: { readonly status: string; readonly at: number } | undefined;
}

interface Watch {
  readonly lastAgentId: string;
  readonly decidedAt: number;
  readonly freeAt: number;
  readonly arrivedAt: number;
  taker: AgentTaker | undefined;
  agentLeft: { readonly status: string; readonly at: number } | undefined;
}

/** What the judge reads from the agent floor. */
export interface JudgedFloor {
  /** The agent with this user ID or ARN, as they are now. */
  get(idOrArn: string): SimAgent | undefined;
}

/**
 * Keeps the ground truth the verdicts need while a cell runs: each number's last agent (the
 * history, then whoever answered), the contacts in flight (arrived, not settled) by number,
 * and what each of them claims. Wire {@link hooks} into the run and call {@link decide} when a
 * contact's first Lambda is invoked.
 */
export class RouteDecisionJudge {
  readonly #floor: JudgedFloor;
  readonly #lastAgentOf: Map<string, string>;
  readonly #inFlight = new Map<string, ContactExecution>();
  readonly #inFlightByNumber = new Map<string, Set<string>>();
  readonly #verdicts = new Map<string, RouteVerdict>();
  readonly #freeWithinWait = new Set<string>();
  readonly #freeBehindClaims = new Set<string>();
  readonly #wait: JudgedWait;
  /** Contacts judged at the decision or within the wait, until they settle. */
  readonly #watches = new Map<string, Watch>();
  readonly #watchersOf = new Map<string, Set<string>>();
  readonly #afterDecision = new Map<string, AfterDecision>();

  /**
   * @param floor - the agent floor, read at each decision.
   * @param history - numbers and the agent (user ID) who answered them before the run.
   * @param wait - the bounded wait and the clock; no wait by default.
   */
  constructor(
    floor: JudgedFloor,
    history: Iterable<readonly [string, string]>,
    wait: JudgedWait = { waitMs: 0, now: () => 0 },
  ) {
    this.#floor = floor;
    this.#lastAgentOf = new Map(history);
    this.#wait = wait;
  }

  /** The run hooks that keep the ground truth. */
  hooks(): {
    readonly onArrive: (execution: ContactExecution) => void;
    readonly onConnected: (execution: ContactExecution, agent: FloorAgent) => void;
    readonly onSettled: (result: ContactResult) => void;
  } {
    return {
      onArrive: (execution) => {
        const { contactId, customerAddress } = execution.input;
        this.#inFlight.set(contactId, execution);
        if (customerAddress === undefined) return;
        let contacts = this.#inFlightByNumber.get(customerAddress);
        if (contacts === undefined) {
          contacts = new Set();
          this.#inFlightByNumber.set(customerAddress, contacts);
        }
        contacts.add(contactId);
      },
      onConnected: (execution, agent) => {
        const { customerAddress } = execution.input;
        if (customerAddress !== undefined) this.#lastAgentOf.set(customerAddress, agent.id);
      },
      onSettled: ({ execution, outcome }) => {
        const { contactId, customerAddress } = execution.input;
        if (outcome.kind === "agent") this.#noteTaker(execution, outcome);
        this.#unwatch(contactId);
        this.#inFlight.delete(contactId);
        if (customerAddress === undefined) return;
        const contacts = this.#inFlightByNumber.get(customerAddress);
        contacts?.delete(contactId);
        if (contacts?.size === 0) this.#inFlightByNumber.delete(customerAddress);
      },
    };
  }

  /** Judges the contact now (its route decision); a contact is judged once. */
  decide(contactId: string): void {
    if (this.#verdicts.has(contactId)) return;
    const execution = this.#inFlight.get(contactId);
    if (execution === undefined) return;
    const verdict = this.#verdictOf(execution);
    this.#verdicts.set(contactId, verdict);
    if (!verdict.judged && verdict.reason === "busy" && this.#freesWithinWait(execution)) {
      this.#freeWithinWait.add(contactId);
    }
    if (verdict.judged || this.#freeWithinWait.has(contactId)) this.#watch(execution, verdict);
    else if (this.#freesBehindClaims(execution, verdict)) this.#freeBehindClaims.add(contactId);
  }

  /**
   * Whether a contact left out as `busy` or `claimed` only because other contacts in flight
   * claim its last agent would still find that agent free within the wait once those contacts
   * are served: the agent's channel frees (now, or when their contact ends), then each claiming
   * contact holds the agent for its talk and after-contact work (as the traffic fixed them),
   * and the sum ends within the wait. Optimistic in one way (a claiming contact is assumed to
   * reach the agent the moment they free) and pessimistic in another (every claiming contact
   * is assumed to reach the agent, although one offered by a Lambda may go elsewhere). A
   * separate, wider judgement than {@link freeWithinWait}; the headline figure keeps that one.
   */
  freeBehindClaims(contactId: string): boolean {
    return this.#freeBehindClaims.has(contactId);
  }

  /**
   * What happened to the last agent of a contact judged at the decision or within the wait,
   * once it settled; undefined for the others.
   */
  afterDecision(contactId: string): AfterDecision | undefined {
    return this.#afterDecision.get(contactId);
  }

  /**
   * Whether a contact left out as `busy` at its decision is judged under the bounded wait: its
   * last agent was routable with no status change pending, busy, and a slot on the contact's
   * channel frees (the agent's contact, after-contact work included, ends) within the wait
   * after the decision, and no other contact in flight claims the agent. A status the agent's
   * schedule sets after the decision is not foreseen (the agent could still leave for a
   * break); calls end when the traffic says, so the end time is known at the decision.
   */
  freeWithinWait(contactId: string): boolean {
    return this.#freeWithinWait.has(contactId);
  }

  /** The verdict of a contact whose first Lambda ran; undefined for one that never got there. */
  verdict(contactId: string): RouteVerdict | undefined {
    return this.#verdicts.get(contactId);
  }

  #verdictOf(execution: ContactExecution): RouteVerdict {
    const { contactId, customerAddress } = execution.input;
    const lastAgentId =
      customerAddress === undefined ? undefined : this.#lastAgentOf.get(customerAddress);
    if (customerAddress === undefined || lastAgentId === undefined) {
      return { judged: false, reason: "no-last-agent" };
    }
    const own = this.#inFlightByNumber.get(customerAddress);
    if (own !== undefined && [...own].some((other) => other !== contactId)) {
      return { judged: false, reason: "own-contact-in-flight", lastAgentId };
    }
    const agent = this.#floor.get(lastAgentId);
    if (agent === undefined || agent.status.type !== "ROUTABLE" || agent.nextStatus !== undefined) {
      return { judged: false, reason: "not-routable", lastAgentId };
    }
    if (agent.availableSlots[execution.input.channel] <= 0) {
      return { judged: false, reason: "busy", lastAgentId };
    }
    for (const [otherId, other] of this.#inFlight) {
      if (otherId !== contactId && this.#claims(other).includes(agent.id)) {
        return { judged: false, reason: "claimed", lastAgentId };
      }
    }
    return { judged: true, lastAgentId };
  }

  #watch(execution: ContactExecution, verdict: RouteVerdict): void {
    if (verdict.lastAgentId === undefined) return;
    const now = this.#wait.now();
    const agent = this.#floor.get(verdict.lastAgentId);
    const ends = (agent?.contacts ?? [])
      .filter((contact) => contact.channel === execution.input.channel)
      .map((contact) => contact.endsAt);
    const { contactId } = execution.input;
    this.#watches.set(contactId, {
      lastAgentId: verdict.lastAgentId,
      decidedAt: now,
      freeAt: verdict.judged || ends.length === 0 ? now : Math.min(...ends),
      arrivedAt: execution.arrivedAt,
      taker: undefined,
      agentLeft: undefined,
    });
    let watchers = this.#watchersOf.get(verdict.lastAgentId);
    if (watchers === undefined) {
      watchers = new Set();
      this.#watchersOf.set(verdict.lastAgentId, watchers);
    }
    watchers.add(contactId);
  }

  /**
   * An agent answered `execution`: the first taker for every other contact watching that agent
   * that is still heading for them (in its flow, or in the agent's personal queue; one already
   * moved on to another queue no longer waits for the agent).
   */
  #noteTaker(
    execution: ContactExecution,
    outcome: Extract<ContactResult["outcome"], { kind: "agent" }>,
  ): void {
    const watchers = this.#watchersOf.get(outcome.agent.id);
    if (watchers === undefined) return;
    const { contactId } = execution.input;
    const verdict = this.#verdicts.get(contactId);
    const via =
      outcome.queue.kind === "agent"
        ? "personal-queue"
        : outcome.queue.queue.role === "fallback"
          ? "fallback-queue"
          : "standard-queue";
    // A contact leaves an agent's personal queue once in the agent-queue flow: its stay ended now.
    const queuedAt = outcome.connectedAt - execution.agentQueueWaitMs;
    for (const watcherId of watchers) {
      const watch = this.#watches.get(watcherId);
      const watcher = this.#inFlight.get(watcherId);
      if (watcherId === contactId || watch === undefined || watch.taker !== undefined) continue;
      if (watcher === undefined || outcome.connectedAt < watch.decidedAt) continue;
      const queued = watcher.queued;
      if (
        queued !== undefined &&
        !(queued.kind === "agent" && queued.agent.id === outcome.agent.id)
      )
        continue;
      watch.taker = {
        contactId,
        caller:
          verdict === undefined
            ? "undecided"
            : !verdict.judged && verdict.reason === "no-last-agent"
              ? "new-caller"
              : "returning-caller",
        via,
        watchedWas: queued === undefined ? "in-flow" : "in-personal-queue",
        queuedBeforeDecision: via === "personal-queue" && queuedAt < watch.decidedAt,
        arrivedBefore: execution.arrivedAt < watch.arrivedAt,
        at: outcome.connectedAt,
      };
    }
  }

  /** The contact settled: what its last agent did after the decision is final. */
  #unwatch(contactId: string): void {
    const watch = this.#watches.get(contactId);
    if (watch === undefined) return;
    this.#watches.delete(contactId);
    const watchers = this.#watchersOf.get(watch.lastAgentId);
    watchers?.delete(contactId);
    if (watchers?.size === 0) this.#watchersOf.delete(watch.lastAgentId);
    const agent = this.#floor.get(watch.lastAgentId);
    if (agent !== undefined) {
      if (agent.status.type !== "ROUTABLE" && agent.status.since >= watch.decidedAt) {
        watch.agentLeft = { status: agent.status.name, at: agent.status.since };
      } else if (
        agent.nextStatus !== undefined &&
        agent.nextStatusAt !== undefined &&
        agent.nextStatusAt >= watch.decidedAt
      ) {
        watch.agentLeft = { status: agent.nextStatus, at: agent.nextStatusAt };
      }
    }
    const { arrivedAt: _, ...facts } = watch;
    this.#afterDecision.set(contactId, facts);
  }

  #freesBehindClaims(execution: ContactExecution, verdict: RouteVerdict): boolean {
    const { waitMs, now } = this.#wait;
    if (waitMs <= 0 || verdict.judged || verdict.lastAgentId === undefined) return false;
    if (verdict.reason !== "busy" && verdict.reason !== "claimed") return false;
    const agent = this.#floor.get(verdict.lastAgentId);
    if (agent === undefined || agent.status.type !== "ROUTABLE" || agent.nextStatus !== undefined) {
      return false;
    }
    const { channel, contactId } = execution.input;
    const ends = agent.contacts
      .filter((contact) => contact.channel === channel)
      .map((contact) => contact.endsAt);
    let freeAt = verdict.reason === "claimed" || ends.length === 0 ? now() : Math.min(...ends);
    for (const [otherId, other] of this.#inFlight) {
      if (otherId === contactId || !this.#claims(other).includes(agent.id)) continue;
      freeAt += other.input.talkTimeMs + (other.input.afterContactWorkMs ?? 0);
    }
    return freeAt <= now() + waitMs;
  }

  #freesWithinWait(execution: ContactExecution): boolean {
    const { waitMs, now } = this.#wait;
    const verdict = this.#verdicts.get(execution.input.contactId);
    if (waitMs <= 0 || verdict === undefined || verdict.judged) return false;
    if (verdict.lastAgentId === undefined) return false;
    const agent = this.#floor.get(verdict.lastAgentId);
    if (agent === undefined) return false;
    const { channel, contactId } = execution.input;
    const ends = agent.contacts
      .filter((contact) => contact.channel === channel)
      .map((contact) => contact.endsAt);
    if (ends.length === 0 || Math.min(...ends) > now() + waitMs) return false;
    for (const [otherId, other] of this.#inFlight) {
      if (otherId !== contactId && this.#claims(other).includes(agent.id)) return false;
    }
    return true;
  }

  /**
   * The agents (user IDs) a contact in flight is heading to. Routing criteria are read at their
   * first step (the queue's clock is not on the contact; the bench's flow sets no criteria).
   */
  #claims(execution: ContactExecution): readonly string[] {
    const queue = execution.workingQueue;
    if (queue?.kind === "agent") return [queue.agent.id];
    if (queue !== undefined) {
      const criteria = execution.routingCriteria;
      if (criteria === undefined) return [];
      const named = preferredAgentsAt(criteria, 0) ?? [];
      return named.flatMap((idOrArn) => this.#floor.get(idOrArn)?.id ?? []);
    }
    for (let index = execution.trace.length - 1; index >= 0; index -= 1) {
      const step = execution.trace[index];
      if (step?.kind !== "lambda" || step.response === undefined) continue;
      const offered = step.response["agentId"] ?? step.response["user"];
      if (typeof offered !== "string" || offered === "none" || offered === "") return [];
      const id = this.#floor.get(offered)?.id;
      return id === undefined ? [] : [id];
    }
    return [];
  }
}
