import { isRecord } from "../model/flow-edges.js";
import { type ActionView, describe } from "./action-view.js";
import type { FlowProblem } from "./flow-problem.js";

/**
 * Per-action transition rules: a `NextAction` on every non-terminal action, a branch for every
 * error the action can raise and none it cannot, and only the conditions its type accepts.
 */
export function transitionProblems(view: ActionView): FlowProblem[] {
  const spec = view.spec;
  if (spec === undefined) return [];
  const problems: FlowProblem[] = [];
  const problem = (rule: string, message: string): void => {
    problems.push({ rule, actionId: view.id, message });
  };
  const transitions = view.transitions ?? {};
  if (!spec.terminal && typeof transitions["NextAction"] !== "string") {
    problem("missing-next-action", `${describe(view)} has no NextAction`);
  }

  const errors = Array.isArray(transitions["Errors"]) ? transitions["Errors"].filter(isRecord) : [];
  const handled = new Set(errors.map((entry) => entry["ErrorType"]));
  for (const errorType of spec.errors) {
    if (!handled.has(errorType)) {
      problem(
        "missing-error-transition",
        `${describe(view)} has no transition for error ${errorType}`,
      );
    }
  }
  for (const errorType of handled) {
    if (!(spec.errors as readonly unknown[]).includes(errorType)) {
      problem("unexpected-error-type", `${describe(view)} cannot raise error ${String(errorType)}`);
    }
  }

  const conditions = Array.isArray(transitions["Conditions"])
    ? transitions["Conditions"].map((entry) => (isRecord(entry) ? entry["Condition"] : undefined))
    : [];
  const signature = (condition: unknown): string =>
    isRecord(condition) && Array.isArray(condition["Operands"])
      ? `${String(condition["Operator"])} ${condition["Operands"].map(String).join(",")}`
      : "?";
  const signatures = conditions.map(signature);
  switch (spec.conditions) {
    case "none":
      if (conditions.length > 0)
        problem("unsupported-condition", `${describe(view)} takes no conditions`);
      break;
    case "loop": {
      const expected = ["Equals ContinueLooping", "Equals DoneLooping"];
      const sorted = [...signatures].sort();
      if (sorted.length !== 2 || sorted.some((entry, index) => entry !== expected[index])) {
        problem(
          "unsupported-condition",
          `${describe(view)} needs exactly the conditions Equals ContinueLooping and Equals DoneLooping`,
        );
      }
      break;
    }
    case "metric": {
      const metric = view.parameters?.["MetricType"];
      const agentMetric = typeof metric === "string" && metric.startsWith("NumberOfAgents");
      if (agentMetric && signatures.some((entry) => entry !== "NumberGreaterThan 0")) {
        problem(
          "unsupported-condition",
          `${describe(view)} checks ${metric}, which only supports the condition NumberGreaterThan 0`,
        );
      }
      if (conditions.length === 0)
        problem("unsupported-condition", `${describe(view)} has no condition`);
      break;
    }
    case "any":
      if (conditions.length === 0)
        problem("unsupported-condition", `${describe(view)} has no condition`);
      break;
  }
  return problems;
}
