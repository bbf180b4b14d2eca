import type { AgentFloor } from "../agents/agent-floor.js";
import { BinaryHeap } from "../collections/binary-heap.js";
import type { FloorAgent } from "../interpreter/agent-floor-port.js";
import type { ContactExecution } from "../interpreter/contact.js";
import { uuidOf } from "../scenario/scenario-plan.js";
import {
  type ContactEventType,
  type ContactSegment,
  contactEvent,
  segmentOf,
} from "./connected-to-agent-event.js";
import type { ContactEventDelivery } from "./contact-event-delivery.js";
import type { SimulationTimers } from "./simulation.js";

/** A part of a contact an agent handled, once it ended (or was transferred on). */
export interface EndedSegment {
  readonly segment: ContactSegment;
  /** The agent's user ID. */
  readonly agentId: string;
  readonly endedAt: number;
  /** The contact the agent transferred this one to, when they did. */
  readonly transferredTo?: ContactSegment;
}

/** What the timers tell the run about, beside the contact events. */
export interface ConversationHooks {
  /** An agent answered a transfer (a new contact of the same chain). */
  readonly onTransferConnected?: (execution: ContactExecution, segment: ContactSegment) => void;
  /** An agent's part of a contact ended. */
  readonly onSegmentEnded?: (execution: ContactExecution, ended: EndedSegment) => void;
}

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly execution: ContactExecution;
  readonly segment: ContactSegment;
  readonly agentId: string;
  /** The transfer that ends this part, when the call has one and this is its first part. */
  readonly transfer?: { readonly toAgentId: string; readonly remainingMs: number };
}

/**
 * The life of a conversation after an agent answered: when it ends, the contact event
 * `DISCONNECTED` (with the agent's connect time and the disconnect time, when the system's rule
 * subscribes to it), and a call's transfer to another agent (`transfer` of the call): at the
 * transfer time the first agent's part ends, the second agent is given a new contact of the same
 * chain (`TRANSFER`, its initial contact the customer's) for the rest of the talk time, and
 * `CONNECTED_TO_AGENT` is published for it. A transfer to an agent who cannot take it then fails
 * and the contact simply ends with the first agent.
 *
 * Nothing is scheduled for a call without a transfer when the rule does not subscribe to
 * `DISCONNECTED`: such runs are exactly what they were before the timers existed.
 */
export class ConversationTimers implements SimulationTimers {
  readonly #pending = new BinaryHeap<Pending>(
    (x, y) => x.at < y.at || (x.at === y.at && x.seq < y.seq),
  );
  readonly #floor: AgentFloor;
  readonly #instanceArn: string;
  readonly #delivery: ContactEventDelivery | undefined;
  readonly #subscribed: ReadonlySet<ContactEventType>;
  readonly #hooks: ConversationHooks;
  #seq = 0;

  constructor(options: {
    readonly floor: AgentFloor;
    readonly instanceArn: string;
    /** EventBridge's delivery to the contact-event function; undefined without one. */
    readonly delivery: ContactEventDelivery | undefined;
    /** The contact event types the system's rule subscribes to. */
    readonly subscribed: readonly ContactEventType[];
    readonly hooks?: ConversationHooks;
  }) {
    this.#floor = options.floor;
    this.#instanceArn = options.instanceArn;
    this.#delivery = options.delivery;
    this.#subscribed = new Set(options.subscribed);
    this.#hooks = options.hooks ?? {};
  }

  /** Whether the rule delivers `CONNECTED_TO_AGENT` (else the instance skips it). */
  get deliversConnected(): boolean {
    return this.#subscribed.has("CONNECTED_TO_AGENT");
  }

  /**
   * An agent answered a contact from the flow at `at`: publishes `CONNECTED_TO_AGENT` when
   * subscribed and schedules the end of the agent's part (or the transfer that ends it).
   */
  async connected(execution: ContactExecution, agent: FloorAgent, at: number): Promise<void> {
    const segment = segmentOf(execution, agent.arn, at);
    await this.#publish("CONNECTED_TO_AGENT", segment, at);
    const { transfer, talkTimeMs } = execution.input;
    if (transfer !== undefined) {
      this.#schedule({
        at: at + transfer.afterMs,
        execution,
        segment,
        agentId: agent.id,
        transfer: { toAgentId: transfer.toAgentId, remainingMs: talkTimeMs - transfer.afterMs },
      });
    } else if (this.#subscribed.has("DISCONNECTED")) {
      this.#schedule({ at: at + talkTimeMs, execution, segment, agentId: agent.id });
    }
  }

  nextAt(): number | undefined {
    return this.#pending.peek()?.at;
  }

  async runDue(now: number): Promise<void> {
    for (let due = this.#pending.peek(); due !== undefined && due.at <= now; ) {
      this.#pending.pop();
      await this.#end(due);
      due = this.#pending.peek();
    }
  }

  async #end(due: Pending): Promise<void> {
    const transferredTo =
      due.transfer === undefined ? undefined : this.#transfer(due, due.transfer);
    await this.#publish("DISCONNECTED", due.segment, due.at);
    this.#hooks.onSegmentEnded?.(due.execution, {
      segment: due.segment,
      agentId: due.agentId,
      endedAt: due.at,
      ...(transferredTo === undefined ? {} : { transferredTo }),
    });
    if (transferredTo === undefined || due.transfer === undefined) return;
    this.#hooks.onTransferConnected?.(due.execution, transferredTo);
    await this.#publish("CONNECTED_TO_AGENT", transferredTo, due.at);
    const agentId = due.transfer.toAgentId;
    this.#schedule({
      at: due.at + due.transfer.remainingMs,
      execution: due.execution,
      segment: transferredTo,
      agentId,
    });
  }

  /** Hands the rest of the call to the agent it is transferred to, if they can take it now. */
  #transfer(due: Pending, transfer: NonNullable<Pending["transfer"]>): ContactSegment | undefined {
    const target = this.#floor.get(transfer.toAgentId);
    if (target === undefined) return undefined;
    const contactId = uuidOf(`transfer:${due.segment.contactId}`);
    const taken = this.#floor.assign(target.id, {
      contactId,
      channel: due.segment.channel,
      durationMs: transfer.remainingMs,
    });
    if (!taken) return undefined;
    return {
      contactId,
      initialContactId: due.segment.initialContactId,
      previousContactId: due.segment.contactId,
      channel: due.segment.channel,
      initiationMethod: "TRANSFER",
      initiatedAt: due.at,
      agentArn: target.agentArn,
      connectedAt: due.at,
    };
  }

  #schedule(entry: Omit<Pending, "seq">): void {
    this.#pending.push({ ...entry, seq: this.#seq++ });
  }

  async #publish(type: ContactEventType, segment: ContactSegment, at: number): Promise<void> {
    if (this.#delivery === undefined || !this.#subscribed.has(type)) return;
    await this.#delivery.deliver(contactEvent(type, segment, at, this.#instanceArn), at);
  }
}
