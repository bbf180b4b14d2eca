import type { ExitCode } from "./exit-codes.js";

/**
 * A failure the tool expected: it names what went wrong and how to fix it, and exits with its
 * code. Anything else is a bug (exit 1).
 */
export class AdminError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = "AdminError";
  }
}
