/**
 * What travels with each port call: the invocation's time budget, as an `AbortSignal` that
 * aborts when the budget is spent. An adapter passes it to its SDK call (`abortSignal`), so the
 * call and its retries stop at once; the router also stops waiting for a port that ignores it.
 *
 * @example
 * ```ts
 * import type { CallOptions } from "@connect-affinity/core";
 *
 * const options: CallOptions = { signal: AbortSignal.timeout(3_500) };
 * await store.find(callerKey, options);
 * ```
 */
export interface CallOptions {
  /** Aborts when the caller stops waiting; absent, the call is bounded by its own timeouts only. */
  readonly signal?: AbortSignal;
}
