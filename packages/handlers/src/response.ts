import type { CandidateResponse, RecordResponse } from "@connect-affinity/core";
import { InvalidResponseError } from "./errors.js";

/**
 * Connect's `STRING_MAP` response: exactly the contract's keys, each a non-empty string.
 * Connect rejects an empty operand and compares a missing key as nothing, so a gap is
 * reported here instead of reaching the flow.
 *
 * @throws InvalidResponseError when a contract key has no non-empty string value.
 * @example
 * ```ts
 * toStringMap("route", await router.route(contact), candidateResponseKeys);
 * ```
 */
export function toStringMap<R extends { readonly [K in keyof R]: string }>(
  functionName: string,
  response: R,
  keys: readonly (keyof R & string)[],
): R {
  const map: Record<string, string> = {};
  for (const key of keys) {
    const value: unknown = response[key];
    if (typeof value !== "string" || value === "") {
      throw new InvalidResponseError(functionName, key);
    }
    map[key] = value;
  }
  // Every key of R was copied and checked above.
  return map as R;
}

/** What a route / next-agent log line says about the answer (no personal data). */
export function candidateSummary(response: CandidateResponse): Readonly<Record<string, string>> {
  return {
    status: response.status,
    reason: response.reason,
    agentId: response.agentId,
    presence: response.presence,
  };
}

/** What a record log line says about the answer. */
export function recordSummary(response: RecordResponse): Readonly<Record<string, string>> {
  return { status: response.status, reason: response.reason };
}
