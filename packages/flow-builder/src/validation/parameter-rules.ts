import type { ParameterSpec } from "../model/catalog/action-type-spec.js";
import { isRecord } from "../model/flow-edges.js";
import { containsJsonPath, hasTemplateToken, isSingleJsonPath } from "../model/json-path.js";
import { type ActionView, describe, type RuleContext } from "./action-view.js";
import type { FlowRule } from "./flow-problem.js";

/**
 * Parameter rules: the parameters each type requires, exclusive groups, how each value may be
 * written (static, one JSONPath, free text), the lists and ranges the reference gives, every
 * scalar a non-empty string; and, strict, no parameter the reference does not name.
 */
export function checkParameters(view: ActionView, context: RuleContext): void {
  const spec = view.spec;
  if (spec === undefined) return;
  const name = describe(view);
  const report = (rule: FlowRule, message: string): void => context.report(rule, message, view.id);
  const raw: unknown = view.action.Parameters;
  const hasRequired = Object.values(spec.parameters).some((parameter) => parameter.required);
  if (raw !== undefined && !isRecord(raw)) {
    report("missing-parameter", `${name}: Parameters must be an object`);
    return;
  }
  if (raw === undefined && (hasRequired || (spec.exactlyOne?.length ?? 0) > 0)) {
    report("missing-parameter", `${name} has no Parameters`);
    return;
  }
  const parameters = view.parameters ?? {};
  const has = (key: string): boolean => parameters[key] !== undefined;

  for (const [key, parameter] of Object.entries(spec.parameters)) {
    const value = parameters[key];
    if (value === undefined) {
      if (parameter.required) report("missing-parameter", `${name} has no ${key}`);
      continue;
    }
    checkValue(view, key, value, parameter, context);
  }
  for (const [key, value] of Object.entries(parameters)) {
    if (Object.hasOwn(spec.parameters, key)) continue;
    if (context.strict) {
      report("unknown-parameter", `${name}: ${key} is not a parameter of ${view.type}`);
    }
    scanScalars(view, `Parameters.${key}`, value, context);
  }
  for (const group of spec.atMostOne ?? []) {
    const given = group.filter(has);
    if (given.length > 1) {
      report("conflicting-parameters", `${name} sets ${given.join(" and ")}; use at most one`);
    }
  }
  for (const group of spec.exactlyOne ?? []) {
    const given = group.filter(has);
    if (given.length === 0) report("missing-parameter", `${name} needs one of ${group.join(", ")}`);
    if (given.length > 1) {
      report("conflicting-parameters", `${name} sets ${given.join(" and ")}; use exactly one`);
    }
  }
  checkTypeSpecific(view, parameters, context);
}

function checkValue(
  view: ActionView,
  key: string,
  value: unknown,
  parameter: ParameterSpec,
  context: RuleContext,
): void {
  const name = describe(view);
  const report = (rule: FlowRule, message: string): void => context.report(rule, message, view.id);
  switch (parameter.value) {
    case "free-form":
      if (context.strict) scanScalars(view, `Parameters.${key}`, value, context);
      return;
    case "path-or-object":
      if (typeof value === "string") break;
      if (!isRecord(value)) {
        report("invalid-parameter", `${name}: ${key} must be one JSONPath or an object`);
        return;
      }
      scanScalars(view, `Parameters.${key}`, value, context);
      return;
    case "map":
    case "object":
      if (!isRecord(value)) {
        report("invalid-parameter", `${name}: ${key} must be an object`);
        return;
      }
      scanScalars(view, `Parameters.${key}`, value, context);
      return;
    case "list":
      if (!Array.isArray(value)) {
        report("invalid-parameter", `${name}: ${key} must be a list`);
        return;
      }
      scanScalars(view, `Parameters.${key}`, value, context);
      return;
    default:
      break;
  }
  if (typeof value !== "string") {
    if (isRecord(value) || Array.isArray(value)) {
      report("invalid-parameter", `${name}: ${key} must be a string`);
    } else {
      report(
        "non-string-scalar",
        `${name}: Parameters.${key} is ${JSON.stringify(value)}; every scalar must be a string`,
      );
    }
    return;
  }
  if (value === "") {
    report("empty-string", `${name}: Parameters.${key} is an empty string`);
    return;
  }
  const rangeRule = rangeRuleOf(view.type, key);
  switch (parameter.value) {
    case "path-or-object":
      // A string is a whole-document JSONPath; its form is checked with the type's own rules.
      return;
    case "path":
      if (!isSingleJsonPath(value)) {
        report(
          key === "ComparisonValue" ? "invalid-comparison-value" : "invalid-parameter",
          `${name}: ${key} must be one JSONPath, such as "$.External.status" or "$.Channel", not "${value}"`,
        );
      }
      return;
    case "dynamic":
      if (context.strict && view.type === "InvokeLambdaFunction" && key === "LambdaFunctionARN") {
        if (containsJsonPath(value) && !isSingleJsonPath(value)) {
          report(
            "invalid-parameter",
            `${name}: ${key} must be static or exactly one JSONPath, not text with an embedded path ("${value}")`,
          );
        }
      }
      return;
    case "single-path":
      if (isSingleJsonPath(value)) return;
      if (containsJsonPath(value)) {
        report(
          rangeRule,
          `${name}: ${key} must be static or exactly one JSONPath, not text with an embedded path ("${value}")`,
        );
        return;
      }
      break;
    case "static":
      if (containsJsonPath(value)) {
        report(rangeRule, `${name}: ${key} must be static; it may not refer to "${value}"`);
        return;
      }
      break;
  }
  if (hasTemplateToken(value)) return;
  if (parameter.allowed !== undefined && !parameter.allowed.includes(value)) {
    report(
      "invalid-parameter",
      `${name}: ${key} must be one of ${parameter.allowed.join(", ")}, not "${value}"`,
    );
  }
  const range = parameter.integer;
  if (range !== undefined) {
    const number = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    const inRange =
      Number.isSafeInteger(number) &&
      number >= range.min &&
      (range.max === undefined || number <= range.max);
    if (!inRange) {
      report(
        rangeRule,
        `${name}: ${key} must be a whole number ${range.max === undefined ? `of at least ${range.min}` : `from "${range.min}" to "${range.max}"`}${parameter.value === "single-path" ? " (or one JSONPath)" : ""}, not "${value}"`,
      );
    }
  }
}

/** The rule a bad value of `key` breaks: loop counts and Lambda time limits have their own. */
function rangeRuleOf(type: string, key: string): FlowRule {
  if (type === "Loop" && key === "LoopCount") return "invalid-loop-count";
  if (type === "InvokeLambdaFunction" && key === "InvocationTimeLimitSeconds") {
    return "invalid-time-limit";
  }
  return "invalid-parameter";
}

function checkTypeSpecific(
  view: ActionView,
  parameters: { readonly [key: string]: unknown },
  context: RuleContext,
): void {
  const name = describe(view);
  const report = (rule: FlowRule, message: string): void => context.report(rule, message, view.id);
  switch (view.type) {
    case "InvokeLambdaFunction": {
      const validation = parameters["ResponseValidation"];
      if (validation !== undefined) {
        const type = isRecord(validation) ? validation["ResponseType"] : undefined;
        if (type !== "STRING_MAP" && type !== "JSON") {
          report(
            "invalid-parameter",
            `${name}: ResponseValidation.ResponseType must be "STRING_MAP" or "JSON"`,
          );
        }
      }
      if (context.strict && parameters["InvocationType"] !== "SYNCHRONOUS") {
        report(
          "invocation-type",
          `${name}: InvocationType must be "SYNCHRONOUS" (the flow reads the response), not ${JSON.stringify(parameters["InvocationType"])}`,
        );
      }
      return;
    }
    case "UpdateContactRoutingCriteria": {
      const criteria = parameters["RoutingCriteria"];
      if (typeof criteria === "string") {
        if (!isSingleJsonPath(criteria)) {
          report(
            "invalid-parameter",
            `${name}: a dynamic RoutingCriteria must be one JSONPath, not "${criteria}"`,
          );
        }
      } else if (
        isRecord(criteria) &&
        !(Array.isArray(criteria["Steps"]) && criteria["Steps"].length > 0)
      ) {
        report("invalid-parameter", `${name}: RoutingCriteria must hold a list of Steps`);
      }
      return;
    }
    case "UpdateContactEventHooks": {
      const hooks = parameters["EventHooks"];
      if (isRecord(hooks) && Object.keys(hooks).length !== 1) {
        report(
          "invalid-parameter",
          `${name}: EventHooks must hold exactly one event (it holds ${Object.keys(hooks).length})`,
        );
      }
      return;
    }
    case "UpdateContactAttributes": {
      const attributes = parameters["Attributes"];
      if (context.strict && isRecord(attributes) && Object.keys(attributes).length === 0) {
        report("missing-parameter", `${name} sets no Attributes`);
      }
      return;
    }
    default:
      return;
  }
}

function scanScalars(view: ActionView, path: string, value: unknown, context: RuleContext): void {
  const name = describe(view);
  if (value === "") {
    context.report("empty-string", `${name}: ${path} is an empty string`, view.id);
  } else if (Array.isArray(value)) {
    value.forEach((entry, index) => {
      scanScalars(view, `${path}[${index}]`, entry, context);
    });
  } else if (isRecord(value)) {
    for (const [key, entry] of Object.entries(value))
      scanScalars(view, `${path}.${key}`, entry, context);
  } else if (typeof value !== "string") {
    context.report(
      "non-string-scalar",
      `${name}: ${path} is ${JSON.stringify(value)}; every scalar must be a string`,
      view.id,
    );
  }
}
