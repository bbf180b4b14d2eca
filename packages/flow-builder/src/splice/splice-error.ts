/**
 * A splice that cannot be made: the action to replace is not in the flow, the flow's type
 * cannot queue a contact, or the options are invalid. Nothing is written.
 *
 * @example
 * ```ts
 * try { spliceStickyRouting(flow, { at: "transfer" }); }
 * catch (error) { if (error instanceof SpliceError) console.error(error.message); }
 * ```
 */
export class SpliceError extends Error {
  /** A stable, machine-readable code. */
  readonly code = "FLOW_SPLICE_FAILED";

  constructor(message: string) {
    super(message);
    this.name = "SpliceError";
  }
}
