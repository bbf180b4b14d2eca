import type { CallOptions } from "../ports/call-options.js";

/**
 * Runs one port call inside the invocation's time budget: the port gets the signal (so its SDK
 * call is aborted), and the router stops waiting when the signal aborts even if the port does
 * not. Rejects at once, calling nothing, when the budget is already spent.
 */
export async function withinBudget<T>(
  signal: AbortSignal | undefined,
  call: (options: CallOptions) => Promise<T>,
): Promise<T> {
  if (signal === undefined) return call({});
  signal.throwIfAborted();
  let stop: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(signal.reason);
    signal.addEventListener("abort", stop, { once: true });
  });
  try {
    return await Promise.race([call({ signal }), aborted]);
  } finally {
    if (stop !== undefined) signal.removeEventListener("abort", stop);
  }
}
