/**
 * The base of every error `core` raises on purpose. `code` is stable, so callers can branch on
 * it and logs can be searched for it; `name` is the class name.
 */
export abstract class ConnectAffinityError extends Error {
  /** A stable, machine-readable code. */
  abstract readonly code: string;

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A `next-agent` cursor that cannot be read: not produced by this library, truncated, or from
 * an incompatible version. The flow takes its error branch.
 *
 * @example
 * ```ts
 * import { InvalidCursorError } from "@connect-affinity/core";
 *
 * try { await router.next(contact, cursor); }
 * catch (error) { if (error instanceof InvalidCursorError) logger.warn(error.message); }
 * ```
 */
export class InvalidCursorError extends ConnectAffinityError {
  readonly code = "INVALID_CURSOR";

  constructor(
    readonly reason: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`Invalid routing cursor: ${reason}`, options);
  }
}

/**
 * The agent directory could not be read and no earlier copy is cached. Raised by directory
 * adapters; the router degrades instead of failing the contact.
 */
export class DirectoryUnavailableError extends ConnectAffinityError {
  readonly code = "DIRECTORY_UNAVAILABLE";

  constructor(
    readonly reason: "throttled" | "failed",
    options?: { readonly cause?: unknown },
  ) {
    super(`The agent directory is unavailable (${reason}) and no cached copy exists`, options);
  }
}

/**
 * A router, adapter or handler option with a value it cannot use. `option` names it.
 */
export class InvalidOptionError extends ConnectAffinityError {
  readonly code = "INVALID_OPTION";

  constructor(
    readonly option: string,
    readonly problem: string,
  ) {
    super(`Invalid option ${option}: ${problem}`);
  }
}

/**
 * A caller key no store accepts: empty, or starting with `contactKeyPrefix`, which the affinity
 * table keeps for its contact index. Keys made by `callerKey` never are; this guards stores
 * used directly with hand-made keys, so a caller record can never overwrite an index entry.
 *
 * @example
 * ```ts
 * import { InvalidCallerKeyError } from "@connect-affinity/core";
 *
 * await store.save({ ...assignment, callerKey: "contact#c-1" }); // rejects with InvalidCallerKeyError
 * ```
 */
export class InvalidCallerKeyError extends ConnectAffinityError {
  readonly code = "INVALID_CALLER_KEY";

  constructor(readonly problem: string) {
    super(`Invalid caller key: ${problem}`);
  }
}
