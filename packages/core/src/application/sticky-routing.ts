import type {
  CandidateResponse,
  RecordResponse,
  RoutingCriteriaResponse,
} from "../contract/attribute-contract.js";
import type { Channel } from "../domain/agent.js";

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
}

/**
 * The use cases the Lambda handlers expose, as one interface so a handler can be tested with
 * any implementation. `StickyRouter` is the implementation over the ports.
 *
 * Every method answers in the attribute contract's shapes, ready to return to Connect.
 */
export interface StickyRouting {
  /**
   * The first agent for a contact: the caller's preferred agent when their record is fresh and
   * that agent can take the contact, otherwise the next candidate by the new-caller strategy.
   * Never rejects for a store, directory or presence failure: it degrades to a new-caller
   * order or `status: "none"`.
   */
  route(contact: RoutingContact): Promise<CandidateResponse>;

  /**
   * The next agent after `cursor` (as returned by `route` or an earlier `next`), or
   * `status: "none"` when the candidates or the attempt bound are exhausted.
   * Rejects with `InvalidCursorError` for a cursor it cannot read.
   */
  next(contact: RoutingContact, cursor: string): Promise<CandidateResponse>;

  /**
   * Remember that `contact` went to `agentId`. Skips anonymous callers and agents unknown to
   * the directory. Rejects when the store fails, so the handler can log it loudly.
   */
  record(contact: RoutingContact, agentId: string, at?: number): Promise<RecordResponse>;

  /**
   * Native preferred-agent routing criteria for the caller: the preferred agent's step with an
   * expiry, then further available agents, or `status: "none"`.
   */
  routingCriteria(contact: RoutingContact): Promise<RoutingCriteriaResponse>;
}
