import { errorExpectations } from "../model/action-catalog.js";
import { comparisonOperators } from "../model/action-shape.js";
import type { ConditionSpec } from "../model/catalog/action-type-spec.js";
import { isRecord } from "../model/flow-edges.js";
import { type ActionView, describe, type RuleContext } from "./action-view.js";

interface ConditionView {
  readonly index: number;
  readonly operator: unknown;
  readonly operands: readonly unknown[];
}

/**
 * Per-action transition rules: `NextAction` where the service needs it and nowhere on a
 * terminal action, the error branches the reference requires (strict: every error the action
 * can raise) and none it forbids, and only the conditions the type accepts.
 */
export function checkTransitions(view: ActionView, context: RuleContext): void {
  const report = (rule: Parameters<RuleContext["report"]>[0], message: string): void =>
    context.report(rule, message, view.id);
  const raw: unknown = view.action.Transitions;
  if (!isRecord(raw)) {
    report("invalid-document", `${describe(view)}: Transitions must be an object`);
    return;
  }
  const spec = view.spec;
  if (spec === undefined) return;
  const errors = listOf(view, raw, "Errors", ["NextAction", "ErrorType"], context);
  const conditions = listOf(view, raw, "Conditions", ["NextAction", "Condition"], context);
  const hasNext = raw["NextAction"] !== undefined;

  if (spec.next === "required" && typeof raw["NextAction"] !== "string") {
    report("missing-next-action", `${describe(view)} has no NextAction`);
  }
  if (spec.next === "forbidden" && (hasNext || errors.length > 0 || conditions.length > 0)) {
    report(
      "terminal-with-transitions",
      `${describe(view)} ends the flow, so its Transitions must be empty`,
    );
    return;
  }

  const named = new Set(errors.map((entry) => entry["ErrorType"]));
  const expected = errorExpectations(spec, view.parameters, conditions.length > 0);
  const required = context.strict ? expected.raisable : expected.requiredByService;
  for (const errorType of new Set(required)) {
    if (!named.has(errorType)) {
      report("missing-error-transition", `${describe(view)} has no branch for error ${errorType}`);
    }
  }
  for (const errorType of named) {
    const forbidden = (expected.forbidden as readonly unknown[]).includes(errorType);
    const unknown = !(expected.allowed as readonly unknown[]).includes(errorType);
    if (forbidden || (context.strict && unknown)) {
      report(
        "unexpected-error-type",
        forbidden
          ? `${describe(view)} may not have a branch for error ${String(errorType)} with these parameters`
          : `${describe(view)} cannot raise error ${String(errorType)}`,
      );
    }
  }

  const views = conditions.map((entry, index): ConditionView | undefined => {
    const condition = entry["Condition"];
    const operands = isRecord(condition) ? condition["Operands"] : undefined;
    if (!isRecord(condition) || !Array.isArray(operands)) {
      report("invalid-document", `${describe(view)}: condition ${index} has no Operands list`);
      return undefined;
    }
    return { index, operator: condition["Operator"], operands };
  });
  const valid = views.filter((entry): entry is ConditionView => entry !== undefined);
  for (const condition of valid) checkOperands(view, condition, context);
  checkConditionKind(view, spec.conditions, valid, context);
  if (
    context.strict &&
    valid.length === 0 &&
    (spec.type === "Compare" || spec.type === "CheckMetricData")
  ) {
    report(
      "missing-condition",
      `${describe(view)} has no condition, so it always takes its else branch`,
    );
  }
}

function listOf(
  view: ActionView,
  transitions: { readonly [key: string]: unknown },
  key: "Errors" | "Conditions",
  fields: readonly [string, string],
  context: RuleContext,
): readonly { readonly [key: string]: unknown }[] {
  const value = transitions[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    context.report(
      "invalid-document",
      `${describe(view)}: Transitions.${key} must be a list`,
      view.id,
    );
    return [];
  }
  return value.filter((entry, index) => {
    const ok =
      isRecord(entry) && typeof entry[fields[0]] === "string" && entry[fields[1]] !== undefined;
    if (!ok) {
      context.report(
        "invalid-document",
        `${describe(view)}: Transitions.${key}[${index}] needs ${fields.join(" and ")}`,
        view.id,
      );
    }
    return ok;
  }) as { readonly [key: string]: unknown }[];
}

function checkOperands(view: ActionView, condition: ConditionView, context: RuleContext): void {
  const where = `${describe(view)}: condition ${condition.index}`;
  for (const operand of condition.operands) {
    if (operand === "") {
      context.report("empty-string", `${where} compares with an empty string`, view.id);
    } else if (typeof operand !== "string") {
      context.report(
        "non-string-scalar",
        `${where} operand ${JSON.stringify(operand)} must be a string`,
        view.id,
      );
    }
  }
  const operator = condition.operator;
  if (!(comparisonOperators as readonly unknown[]).includes(operator)) {
    context.report(
      "unsupported-condition",
      `${where} has the unknown operator ${JSON.stringify(operator)}`,
      view.id,
    );
  } else if (operator !== "KeyExists" && condition.operands.length !== 1) {
    context.report(
      "unsupported-condition",
      `${where}: ${String(operator)} takes exactly one operand, not ${condition.operands.length}`,
      view.id,
    );
  }
}

function checkConditionKind(
  view: ActionView,
  spec: ConditionSpec,
  conditions: readonly ConditionView[],
  context: RuleContext,
): void {
  const report = (message: string): void =>
    context.report("unsupported-condition", `${describe(view)} ${message}`, view.id);
  const signature = (condition: ConditionView): string =>
    `${String(condition.operator)} ${condition.operands.map(String).join(",")}`;
  const onlyEquals = (): boolean => {
    const other = conditions.find((condition) => condition.operator !== "Equals");
    if (other !== undefined)
      report(`only supports the Equals operator, not ${String(other.operator)}`);
    return other === undefined;
  };
  switch (spec.kind) {
    case "none":
      if (conditions.length > 0) report("takes no conditions");
      return;
    case "any":
      return;
    case "equals": {
      if (!onlyEquals() || spec.operands === undefined) return;
      const allowed = spec.operands;
      for (const condition of conditions) {
        const operand = condition.operands[0];
        if (typeof operand === "string" && !allowed.includes(operand)) {
          report(`compares with "${operand}"; its results are ${allowed.join(", ")}`);
        }
      }
      return;
    }
    case "exactly": {
      const expected = spec.operands.map((operand) => `Equals ${operand}`).sort();
      const actual = conditions.map(signature).sort();
      if (actual.length !== expected.length || actual.some((entry, i) => entry !== expected[i])) {
        report(`needs exactly the conditions ${expected.join(" and ")}`);
      }
      return;
    }
    case "metric": {
      const metric = view.parameters?.["MetricType"];
      if (typeof metric === "string" && metric.startsWith("NumberOfAgents")) {
        if (conditions.some((condition) => signature(condition) !== "NumberGreaterThan 0")) {
          report(`checks ${metric}, which only supports the condition NumberGreaterThan 0`);
        }
      }
      return;
    }
    case "percentage":
      for (const condition of conditions) {
        const operand = Number(condition.operands[0]);
        if (condition.operator !== "NumberLessThan" || !(operand > 0 && operand <= 100)) {
          report("only supports NumberLessThan conditions on a percentage up to 100");
          return;
        }
      }
      return;
    case "input": {
      if (view.parameters?.["StoreInput"] === "True") {
        if (conditions.length > 0)
          report("stores the input (StoreInput True), so it takes no conditions");
        return;
      }
      if (!onlyEquals()) return;
      for (const condition of conditions) {
        const operand = condition.operands[0];
        if (typeof operand === "string" && !/^[0-9*#]$/.test(operand)) {
          report(`compares with "${operand}"; a DTMF condition is one of 0-9, * or #`);
        }
      }
      return;
    }
    case "wait": {
      if (!onlyEquals()) return;
      const operands = new Set(conditions.map((condition) => condition.operands[0]));
      const events = view.parameters?.["Events"];
      const needed = ["WaitCompleted", ...(Array.isArray(events) ? events : [])];
      for (const operand of needed) {
        if (!operands.has(operand)) report(`needs a condition Equals ${String(operand)}`);
      }
      return;
    }
  }
}
