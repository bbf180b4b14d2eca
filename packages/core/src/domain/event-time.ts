/**
 * How far ahead of this process's clock an event's own time may be and still count: Amazon
 * Connect, EventBridge, Kinesis and Lambda all keep NTP time, so a real event is never more than
 * a moment ahead; one dated later (say 2999) is refused, because an assignment or a presence
 * state from the future would outrank every real one until then.
 *
 * @example
 * ```ts
 * import { clockSkewAllowanceMs } from "@connect-affinity/core/contract";
 * clockSkewAllowanceMs; // 60_000
 * ```
 */
export const clockSkewAllowanceMs = 60_000;

/**
 * How far `at` (epoch ms) lies beyond `now` plus {@link clockSkewAllowanceMs}, or 0 when it
 * lies within: a positive answer means the time is from the future and must not count.
 *
 * @example
 * ```ts
 * import { beyondClockSkew } from "./event-time.js";
 *
 * beyondClockSkew(Date.parse("2999-01-01T00:00:00Z"), Date.now()) > 0; // true
 * ```
 */
export function beyondClockSkew(at: number, now: number): number {
  return Math.max(0, at - (now + clockSkewAllowanceMs));
}
