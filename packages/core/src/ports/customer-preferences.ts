import type { AffinityRecord } from "../domain/affinity-record.js";
import type { CallOptions } from "./call-options.js";

/** What {@link CustomerPreferences.pin} sets: the dedicated agent, until an optional end. */
export interface PinRequest {
  /** Connect user ID of the agent. */
  readonly agentId: string;
  /** Agent ARN of the agent (what the flow offers). */
  readonly agentArn: string;
  /** When the pin was set (epoch ms). */
  readonly pinnedAt: number;
  /** When the pin stops counting (epoch ms); absent: until `unpin`. */
  readonly until?: number;
}

/**
 * Port: what an administrator sets for one customer, under the customer's identity key (see
 * `identityKey`; pins and exclusions are per customer, never per scope). The operations tool's
 * `pin`, `unpin`, `block` and `unblock` commands call it; the router reads the result through
 * `AffinityStore.find`.
 *
 * Each operation is atomic against concurrent routing writes and returns the record as it is
 * afterwards (`undefined` when nothing is left under the key). A pin outranks the agents who
 * served the customer; an excluded agent is never offered to them, by any strategy.
 *
 * @example
 * ```ts
 * import { identityKey } from "@connect-affinity/core";
 * import { InMemoryAffinityStore } from "@connect-affinity/core/testing";
 *
 * const preferences = new InMemoryAffinityStore(); // as DynamoDbAffinityStore, a CustomerPreferences
 * const key = identityKey({ source: "phone", e164: "+819012345678" }, secret);
 * await preferences.pin(key, { agentId, agentArn, pinnedAt: Date.now(), until: Date.parse("2026-12-31") });
 * await preferences.block(key, ["agent-7"]);
 * ```
 */
export interface CustomerPreferences {
  /** Pins the customer to one agent (replacing an earlier pin). */
  pin(customerKey: string, pin: PinRequest, options?: CallOptions): Promise<AffinityRecord>;
  /** Removes the customer's pin, if any. */
  unpin(customerKey: string, options?: CallOptions): Promise<AffinityRecord | undefined>;
  /**
   * Adds agents the customer must never be offered.
   *
   * @throws {RangeError} when the customer would exclude more than `maxExcludedAgents` (20).
   */
  block(
    customerKey: string,
    agentIds: readonly string[],
    options?: CallOptions,
  ): Promise<AffinityRecord>;
  /** Lets the customer be offered these agents again. */
  unblock(
    customerKey: string,
    agentIds: readonly string[],
    options?: CallOptions,
  ): Promise<AffinityRecord | undefined>;
}
