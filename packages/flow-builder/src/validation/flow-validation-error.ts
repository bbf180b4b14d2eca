import type { FlowProblem } from "./flow-problem.js";

/**
 * A flow that breaks at least one rule of the validator; `problems` holds every one found.
 *
 * @example
 * ```ts
 * try { assertValidFlow(flow); }
 * catch (error) {
 *   if (error instanceof FlowValidationError) for (const p of error.problems) console.error(p.message);
 * }
 * ```
 */
export class FlowValidationError extends Error {
  /** A stable, machine-readable code. */
  readonly code = "FLOW_INVALID";

  constructor(readonly problems: readonly FlowProblem[]) {
    super(
      `The flow breaks ${problems.length} rule(s): ${problems
        .map((problem) => `[${problem.rule}] ${problem.message}`)
        .join("; ")}`,
    );
    this.name = "FlowValidationError";
  }
}
