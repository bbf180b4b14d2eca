/**
 * Input that is not a flow document: not JSON, or JSON without the flow language's shape (no
 * `Actions` list, an action without an identifier or type, a type the flow language does not
 * have). `issues` names each problem with its place in the document.
 *
 * @example
 * ```ts
 * try { readFlow(text); }
 * catch (error) { if (error instanceof FlowParseError) console.error(error.issues.join("\n")); }
 * ```
 */
export class FlowParseError extends Error {
  /** A stable, machine-readable code. */
  readonly code = "FLOW_UNREADABLE";

  constructor(readonly issues: readonly string[]) {
    super(`Not a readable flow: ${issues.join("; ")}`);
    this.name = "FlowParseError";
  }
}
