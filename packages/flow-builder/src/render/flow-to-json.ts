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

/**
 * The flow as the JSON `Content` Connect takes: two-space indented, keys in a fixed order
 * whatever order they were written in (arrays keep theirs), so the same flow always gives the
 * same text and a diff shows only what changed.
 *
 * @example
 * ```ts
 * writeFileSync("agent-queue.json", `${flowToJson(flow)}\n`);
 * ```
 */
export function flowToJson(flow: FlowDocument): string {
  return JSON.stringify(ordered(flow), null, 2);
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
