/**
 * Runs `work` with an abort signal and rejects with a `TimeoutError` once `ms` have passed,
 * aborting the signal so the SDK drops its sockets. Bounds a whole multi-page operation, which
 * the per-call timeouts of the client cannot: a refresh of five pages, each allowed two
 * attempts of a second, would otherwise be allowed ten seconds.
 */
export async function withDeadline<T>(
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = Object.assign(new Error(`gave up after ${ms} ms`), { name: "TimeoutError" });
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
