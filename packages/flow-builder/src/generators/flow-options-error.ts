/**
 * Options a generator cannot use; `issues` names each option and what is wrong with it.
 *
 * @example
 * ```ts
 * try { agentQueueFlow(options); }
 * catch (error) { if (error instanceof FlowOptionsError) console.error(error.issues.join("\n")); }
 * ```
 */
export class FlowOptionsError extends Error {
  /** A stable, machine-readable code. */
  readonly code = "FLOW_OPTIONS_INVALID";

  constructor(readonly issues: readonly string[]) {
    super(`Invalid flow options: ${issues.join("; ")}`);
    this.name = "FlowOptionsError";
  }
}
