import type { PreviousCallerKey } from "@connect-affinity/core";
import { ConfigurationError } from "../errors.js";
import { parseSecretReference, rawNumberReference } from "../manifest/secret-reference.js";
import { fetchSecret, readSecret, type SecretReader } from "./fetch-secret.js";

/** Where the caller-key secrets come from: the variables' values, as configured. */
export interface CallerKeySources {
  /** `CALLER_KEY_SECRET`: the secret itself (local runs and tests). */
  readonly callerKeySecret?: string;
  /** `CALLER_KEY_SECRET_REF`: where the current secret lives. */
  readonly callerKeySecretRef?: string;
  /** `CALLER_KEY_PREVIOUS_SECRET_REF`: where the previous one lives, or `raw-number`. */
  readonly callerKeyPreviousSecretRef?: string;
}

/** The caller-key secrets, fetched: the router's `callerKeySecret` and `previousCallerKey`. */
export interface CallerKeys {
  readonly callerKeySecret?: string;
  readonly previousCallerKey?: PreviousCallerKey;
}

/**
 * Fetches the caller-key secrets the way every deployed function does, once: the current one
 * from `CALLER_KEY_SECRET_REF` (or `CALLER_KEY_SECRET` as it is), the previous one during a
 * rotation. The admin tool calls this too, so its keys are the functions' keys.
 *
 * @throws ConfigurationError when both `CALLER_KEY_SECRET` and `CALLER_KEY_SECRET_REF` are set,
 *   when a previous key is set without a current one, or for a plaintext or short secret.
 * @throws SecretUnavailableError when a secret store cannot be read.
 * @example
 * ```ts
 * const keys = await loadCallerKeys({ callerKeySecretRef: "ssm:/connect-affinity/prod/caller-key" });
 * new StickyRouter(deps, { ...keys });
 * ```
 */
export async function loadCallerKeys(
  sources: CallerKeySources,
  read: SecretReader = readSecret,
): Promise<CallerKeys> {
  const { callerKeySecret, callerKeySecretRef, callerKeyPreviousSecretRef } = sources;
  if (callerKeySecret !== undefined && callerKeySecretRef !== undefined) {
    throw new ConfigurationError([
      {
        variable: "CALLER_KEY_SECRET",
        problem:
          "is set together with CALLER_KEY_SECRET_REF: keep only the reference (CALLER_KEY_SECRET is for local runs)",
      },
    ]);
  }
  const current =
    callerKeySecretRef === undefined
      ? callerKeySecret
      : await fetchSecret(
          "CALLER_KEY_SECRET_REF",
          referenceOf("CALLER_KEY_SECRET_REF", callerKeySecretRef),
          read,
        );
  if (callerKeyPreviousSecretRef === undefined) {
    return current === undefined ? {} : { callerKeySecret: current };
  }
  if (current === undefined) {
    throw new ConfigurationError([
      {
        variable: "CALLER_KEY_PREVIOUS_SECRET_REF",
        problem: "is set without CALLER_KEY_SECRET_REF: a previous key needs a current one",
      },
    ]);
  }
  if (callerKeyPreviousSecretRef.trim() === rawNumberReference) {
    return { callerKeySecret: current, previousCallerKey: rawNumberReference };
  }
  const previous = await fetchSecret(
    "CALLER_KEY_PREVIOUS_SECRET_REF",
    referenceOf("CALLER_KEY_PREVIOUS_SECRET_REF", callerKeyPreviousSecretRef),
    read,
  );
  if (previous === current) {
    throw new ConfigurationError([
      {
        variable: "CALLER_KEY_PREVIOUS_SECRET_REF",
        problem: "names a secret equal to the current one: point it at the key used before",
      },
    ]);
  }
  return { callerKeySecret: current, previousCallerKey: { secret: previous } };
}

function referenceOf(variable: string, text: string) {
  const reference = parseSecretReference(text);
  if (reference === undefined) {
    throw new ConfigurationError([
      {
        variable,
        problem: `must be ssm:NAME, an SSM parameter ARN, secretsmanager:NAME or a secret ARN (got "${text}")`,
      },
    ]);
  }
  return reference;
}
