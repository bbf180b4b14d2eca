import type { CallOptions } from "../ports/call-options.js";

/**
 * The `send` options of an AWS SDK call made for a port call: the caller's abort signal, so the
 * SDK drops the request (and does not retry it) once the invocation's budget is spent.
 */
export function sdkCallOptions(
  options: CallOptions | undefined,
): { readonly abortSignal: AbortSignal } | undefined {
  return options?.signal === undefined ? undefined : { abortSignal: options.signal };
}

/** One signal that aborts when either does; `own` alone without a caller's signal. */
export function eitherSignal(own: AbortSignal, caller: AbortSignal | undefined): AbortSignal {
  return caller === undefined ? own : AbortSignal.any([own, caller]);
}
