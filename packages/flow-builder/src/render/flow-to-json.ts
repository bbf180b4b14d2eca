import type { FlowDocument } from "../model/flow-document.js";

// The order a person expects when reading a flow; other keys follow in code-point order.
const keyOrder = [
  "Version",
  "StartAction",
  "Metadata",
  "Actions",
  "entryPointPosition",
  "ActionMetadata",
  "Identifier",
  "Type",
  "Parameters",
  "Transitions",
  "LambdaFunctionARN",
  "NextAction",
  "Conditions",
  "Errors",
  "Condition",
  "ErrorType",
  "Operator",
  "Operands",
];

/** Options of {@link flowToJson}. */
export interface FlowJsonOptions {
  /**
   * `canonical` (default): keys in a fixed reading order whatever order they were written in,
   * so the same flow always gives the same text. `preserve`: keys in the order the document
   * holds them, so a parsed export written back differs from its source only where it changed.
   */
  readonly keyOrder?: "canonical" | "preserve";
}

/**
 * The flow as the JSON `Content` Connect takes, two-space indented. Arrays keep their order;
 * object keys follow {@link FlowJsonOptions.keyOrder}.
 *
 * @example
 * ```ts
 * writeFileSync("agent-queue.json", `${flowToJson(flow)}\n`);
 * writeFileSync("spliced.json", `${flowToJson(spliced, { keyOrder: "preserve" })}\n`);
 * ```
 */
export function flowToJson(flow: FlowDocument, options: FlowJsonOptions = {}): string {
  return JSON.stringify(options.keyOrder === "preserve" ? flow : ordered(flow), null, 2);
}

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  const rank = (key: string): number => {
    const index = keyOrder.indexOf(key);
    return index === -1 ? keyOrder.length : index;
  };
  entries.sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, entry]) => [key, ordered(entry)]));
}
