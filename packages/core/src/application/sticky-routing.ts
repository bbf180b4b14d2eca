import type {
  CandidateResponse,
  RecordResponse,
  RoutingCriteriaResponse,
} from "../contract/attribute-contract.js";
import type { Channel } from "../domain/agent.js";
import type { ContactOffer } from "../domain/contact-offer.js";
import type { CallOptions } from "../ports/call-options.js";

/**
 * The contact being routed, as the handlers read it from the Connect event.
 */
export interface RoutingContact {
  /** Connect contact ID (`Details.ContactData.ContactId`). */
  readonly contactId: string;
  /** The contact's channel (`Details.ContactData.Channel`). */
  readonly channel: Channel;
  /**
   * The raw `Details.ContactData.CustomerEndpoint.Address`, or `undefined` when absent (chat,
   * some anonymous calls). Normalised and judged by the router, never trusted as is.
   */
  readonly customerAddress: string | undefined;
  /**
   * The instance ARN (`Details.ContactData.InstanceARN`), when the event carries it; lets
   * `record` derive an agent ARN while the directory cannot be read.
   */
  readonly instanceArn?: string;
  /**
   * The flow's `customerKey` parameter (`Details.Parameters.customerKey`), the `customer-key`
   * identity source: a CRM customer ID, an account number, a Customer Profiles profile ID.
   * Blank or `none` counts as absent.
   */
  readonly customerKey?: string | undefined;
  /**
   * The contact's working queue (`Details.ContactData.Queue.ARN`), which names the scope value
   * when affinity is per queue.
   */
  readonly queueArn?: string | undefined;
}

/**
 * An agent connected to a contact, as a contact event (`CONNECTED_TO_AGENT`) reports it. The
 * event names the contact and the agent, not the caller.
 */
export interface AnsweredContact {
  /** Connect contact ID (`detail.contactId`). */
  readonly contactId: string;
  /** Connect user ID of the agent who answered (the last segment of the agent ARN). */
  readonly agentId: string;
  /** When the agent was connected (epoch ms); an older event never overwrites a newer assignment. */
  readonly at: number;
  /** The instance ARN, when the event carries it; lets the agent ARN be derived while the directory cannot be read. */
  readonly instanceArn?: string;
  /**
   * The first contact of the chain (`detail.initialContactId`), when the event carries it. A
   * transfer creates a new contact that the router never saw; its caller is the initial
   * contact's, so the index is asked for that one when the contact itself is unknown.
   */
  readonly initialContactId?: string;
  /**
   * When the contact ended (`detail.disconnectTimestamp` of a `DISCONNECTED` event, epoch ms):
   * with a minimum talk time, the agent gains affinity only if it is at least that long after
   * `at`.
   */
  readonly disconnectedAt?: number;
  /**
   * Whether the contact is a transfer of an earlier one (`detail.initiationMethod` `TRANSFER`
   * or `QUEUE_TRANSFER`, or an `initialContactId` other than the contact's own). Default:
   * judged from `initialContactId`.
   */
  readonly transferred?: boolean;
  /** Whether an agent placed the contact (`detail.initiationMethod` `OUTBOUND`). */
  readonly outbound?: boolean;
  /**
   * Who the customer is when the contact index cannot say (an outbound contact never passed the
   * router): the contact's channel and address, as `DescribeContact` reports them.
   */
  readonly customer?: Pick<RoutingContact, "channel" | "customerAddress" | "customerKey">;
}

/**
 * Why an answered contact was not recorded.
 *
 * - `unknown-contact`: the contact index holds no caller for it nor for its initial contact: an
 *   anonymous caller (nothing is remembered for them), a contact that never passed `route` or
 *   `routingCriteria`, or an entry past its lifetime and swept.
 * - `unknown-agent`: the agent is not in the directory.
 * - `superseded`: the caller's record already holds a newer contact.
 * - `agent-opted-out`: the agent opted out of sticky routing.
 * - `talk-too-short`: the agent handled the contact for less than `minimumTalkSeconds`.
 * - `talk-time-unknown`: a minimum talk time is set but the event does not say when the contact
 *   ended (a `CONNECTED_TO_AGENT` event).
 * - `transfer-not-credited`: a transfer, and `transferCredit` is `first`.
 * - `outbound-not-credited`: an outbound contact, and `creditOutbound` is off.
 */
export type AnsweredContactSkipReason =
  | "unknown-contact"
  | "unknown-agent"
  | "superseded"
  | "agent-opted-out"
  | "talk-too-short"
  | "talk-time-unknown"
  | "transfer-not-credited"
  | "outbound-not-credited";

/**
 * What {@link StickyRouting.recordAnsweredContact} did. It answers no flow, so it is not part of
 * the attribute contract. `offer` is what routing decided for a returning caller's preferred
 * agent (from the contact index), so the caller of this method can tell whether the agent who
 * answered is the one the caller was promised.
 */
export type AnsweredContactOutcome =
  | { readonly status: "recorded"; readonly offer?: ContactOffer }
  | {
      readonly status: "skipped";
      readonly reason: AnsweredContactSkipReason;
      /** What routing decided for the caller's preferred agent, when the contact was found. */
      readonly offer?: ContactOffer;
    };

/**
 * The use cases the Lambda handlers expose, as one interface so a handler can be tested with
 * any implementation. `StickyRouter` is the implementation over the ports.
 *
 * Every method answers in the attribute contract's shapes, ready to return to Connect.
 *
 * Every method takes `options.signal`, the invocation's time budget: each port call is passed
 * it and abandoned when it aborts, so `route`, `next` and `routingCriteria` answer (degraded,
 * as for a failed dependency) soon after the budget is spent, whatever their dependencies do;
 * `record` and `recordAnsweredContact` reject.
 */
export interface StickyRouting {
  /**
   * The first agent for a contact: the caller's preferred agent when their record is fresh and
   * that agent can take the contact, otherwise the next candidate by the new-caller strategy.
   * Never rejects for a store, directory or presence failure: it degrades to a new-caller
   * order or `status: "none"`.
   */
  route(contact: RoutingContact, options?: CallOptions): Promise<CandidateResponse>;

  /**
   * The next agent after `cursor` (as returned by `route` or an earlier `next`), or
   * `status: "none"` when the candidates or the attempt bound are exhausted.
   * Rejects with `InvalidCursorError` for a cursor it cannot read.
   */
  next(contact: RoutingContact, cursor: string, options?: CallOptions): Promise<CandidateResponse>;

  /**
   * Remember that `contact` went to `agentId`. Skips anonymous callers and agents unknown to
   * the directory. Rejects when the store fails, so the handler can log it loudly.
   */
  record(
    contact: RoutingContact,
    agentId: string,
    at?: number,
    options?: CallOptions,
  ): Promise<RecordResponse>;

  /**
   * Remember the agent a contact event says answered, finding the caller through the contact
   * index that `route` and `routingCriteria` fill: no Connect API call per contact. Skips
   * contacts whose caller is not known. Rejects when the index or the store fails, so the
   * handler can log it and the event be retried.
   */
  recordAnsweredContact(
    answer: AnsweredContact,
    options?: CallOptions,
  ): Promise<AnsweredContactOutcome>;

  /**
   * Native preferred-agent routing criteria for the caller: the preferred agent's step with an
   * expiry, then further available agents, or `status: "none"`.
   */
  routingCriteria(contact: RoutingContact, options?: CallOptions): Promise<RoutingCriteriaResponse>;
}
