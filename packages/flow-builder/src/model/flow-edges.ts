import type { FlowAction } from "./flow-action.js";

/** One transition of an action, as a labelled edge of the flow graph. */
export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  /** `condition`: a `Conditions[]` entry; `error`: an `Errors[]` entry; `next`: `NextAction`. */
  readonly kind: "condition" | "error" | "next";
  /** A short reader-facing label: `= agent`, `> 0`, `QueueAtCapacity`, `ContinueLooping`… */
  readonly label: string;
}

const operatorSymbols: { readonly [operator: string]: string } = {
  Equals: "=",
  NumberGreaterThan: ">",
  NumberGreaterOrEqualTo: "≥",
  NumberLessThan: "<",
  NumberLessOrEqualTo: "≤",
  TextStartsWith: "starts with",
  TextEndsWith: "ends with",
  TextContains: "contains",
};

/** Conditions first, then the success path, then errors: the order a reader follows. */
export const edgeKindOrder: readonly FlowEdge["kind"][] = ["condition", "next", "error"];

/**
 * Every transition of `action`, in the order they appear: conditions, errors, then
 * `NextAction`. Reads defensively, so a malformed action (parsed from JSON) yields what it has.
 *
 * @example
 * ```ts
 * flowEdges(action).map((edge) => `${edge.from} -> ${edge.to} [${edge.label}]`);
 * ```
 */
export function flowEdges(action: FlowAction): readonly FlowEdge[] {
  const from = action.Identifier;
  const transitions: unknown = action.Transitions;
  if (!isRecord(transitions)) return [];
  const edges: FlowEdge[] = [];
  for (const entry of arrayOf(transitions["Conditions"])) {
    const to = entry["NextAction"];
    const condition = entry["Condition"];
    if (typeof to !== "string") continue;
    edges.push({ from, to, kind: "condition", label: conditionLabel(action, condition) });
  }
  for (const entry of arrayOf(transitions["Errors"])) {
    const to = entry["NextAction"];
    if (typeof to !== "string") continue;
    edges.push({ from, to, kind: "error", label: errorLabel(entry["ErrorType"]) });
  }
  const next = transitions["NextAction"];
  if (typeof next === "string") edges.push({ from, to: next, kind: "next", label: "" });
  return edges;
}

function conditionLabel(action: FlowAction, condition: unknown): string {
  if (!isRecord(condition)) return "?";
  const operator = String(condition["Operator"]);
  const operands = Array.isArray(condition["Operands"]) ? condition["Operands"].map(String) : [];
  if (action.Type === "Loop") return operands.join(" ");
  const symbol = operatorSymbols[operator] ?? operator;
  return `${symbol} ${operands.join(", ")}`.trim();
}

function errorLabel(errorType: unknown): string {
  if (errorType === "NoMatchingCondition") return "no match";
  if (errorType === "NoMatchingError") return "error";
  return String(errorType);
}

/** Whether `value` is a plain object (not an array, not null). */
export function isRecord(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): readonly { readonly [key: string]: unknown }[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
