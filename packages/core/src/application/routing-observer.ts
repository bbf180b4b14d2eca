/**
 * One degradation the router absorbed instead of failing the contact.
 *
 * - `store`: the affinity record could not be read; the caller was routed as new.
 * - `directory`: the roster could not be read; the stored agent was offered unverified, or
 *   nobody. Also a roster that was read but holds nobody (`reason` starting `directory empty`):
 *   every contact then goes to the fallback queue.
 * - `presence`: presence was unknown (throttled, failed, stale); the order was returned
 *   unverified. A presence source configured off (`disabled`) is not reported. A failed agent
 *   reservation is reported too; the agent was offered unreserved.
 * - `contact-index`: the contact → caller entry could not be written; the contact was routed
 *   all the same, but its contact event will find no caller.
 *
 * `reason` is short text fit for a log line; it never contains a phone number. `error` is the
 * original error, when there was one.
 */
export interface DegradationEvent {
  readonly component: "store" | "directory" | "presence" | "contact-index";
  readonly reason: string;
  readonly error?: unknown;
}

/**
 * Receives the router's degradations so a handler can log or count them. The router ignores an
 * observer that throws: observing must never fail a contact.
 *
 * @example
 * ```ts
 * import type { RoutingObserver } from "@connect-affinity/core";
 *
 * const observer: RoutingObserver = {
 *   degraded: ({ component, reason, error }) => logger.warn("routing degraded", { component, reason, error }),
 * };
 * ```
 */
export interface RoutingObserver {
  degraded(event: DegradationEvent): void;
}
