/**
 * A flow the builder cannot assemble: a duplicate or invalid identifier, a transition or start
 * to an action that was never added. `problems` lists every one found.
 *
 * @example
 * ```ts
 * try { builder.build(); }
 * catch (error) { if (error instanceof FlowBuildError) console.error(error.problems); }
 * ```
 */
export class FlowBuildError extends Error {
  /** A stable, machine-readable code. */
  readonly code = "FLOW_BUILD_FAILED";

  constructor(readonly problems: readonly string[]) {
    super(`Cannot build the flow: ${problems.join("; ")}`);
    this.name = "FlowBuildError";
  }
}
