import { isRecord } from "../model/flow-edges.js";
import { isJsonPathWithLeaf } from "../model/json-path.js";
import { type ActionView, describe } from "./action-view.js";
import type { FlowProblem } from "./flow-problem.js";

const metricTypes = new Set([
  "NumberOfAgentsAvailable",
  "NumberOfAgentsStaffed",
  "NumberOfAgentsOnline",
  "OldestContactInQueueAgeSeconds",
  "NumberOfContactsInQueue",
]);

// Parameters the language takes "fully static or a single, valid JSONPath", never free text.
const singleValueParameters = [
  "LambdaFunctionARN",
  "QueueId",
  "AgentId",
  "LoopCount",
  "TextToSpeechVoice",
] as const;

/**
 * Parameter rules: every scalar a non-empty string (condition operands too), the parameters
 * each type needs, no forbidden combinations, and the ranges the service enforces.
 */
export function parameterProblems(view: ActionView): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const problem = (rule: string, message: string): void => {
    problems.push({ rule, actionId: view.id, message });
  };
  const parameters = view.parameters;
  if (parameters === undefined) {
    problem("missing-parameter", `${describe(view)} has no Parameters object`);
  } else {
    scanScalars(parameters, "Parameters", (rule, path, value) =>
      problem(
        rule,
        rule === "empty-string"
          ? `${describe(view)}: ${path} is an empty string`
          : `${describe(view)}: ${path} is ${JSON.stringify(value)}; every scalar must be a string`,
      ),
    );
  }
  const conditions = view.transitions?.["Conditions"];
  if (Array.isArray(conditions)) {
    conditions.forEach((entry, index) => {
      const condition = isRecord(entry) ? entry["Condition"] : undefined;
      const operands = isRecord(condition) ? condition["Operands"] : undefined;
      if (!Array.isArray(operands)) {
        problem("invalid-document", `${describe(view)}: condition ${index} has no Operands list`);
        return;
      }
      for (const operand of operands) {
        if (operand === "") {
          problem(
            "empty-string",
            `${describe(view)}: condition ${index} compares with an empty string`,
          );
        } else if (typeof operand !== "string") {
          problem(
            "non-string-scalar",
            `${describe(view)}: condition ${index} operand ${JSON.stringify(operand)} must be a string`,
          );
        }
      }
    });
  }
  if (parameters !== undefined) problems.push(...typeSpecificProblems(view, parameters));
  return problems;
}

function typeSpecificProblems(
  view: ActionView,
  parameters: { readonly [key: string]: unknown },
): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const problem = (rule: string, message: string): void => {
    problems.push({ rule, actionId: view.id, message });
  };
  const has = (key: string): boolean => parameters[key] !== undefined;
  const name = describe(view);
  for (const key of singleValueParameters) {
    const value = parameters[key];
    if (typeof value === "string" && value.includes("$.") && !isJsonPathWithLeaf(value)) {
      problem(
        "invalid-parameter",
        `${name}: ${key} must be static or exactly one JSONPath, not text with an embedded path ("${value}")`,
      );
    }
  }
  switch (view.type) {
    case "InvokeLambdaFunction": {
      if (!has("LambdaFunctionARN"))
        problem("missing-parameter", `${name} has no LambdaFunctionARN`);
      const limit = parameters["InvocationTimeLimitSeconds"];
      if (typeof limit !== "string" || !/^[1-8]$/.test(limit)) {
        problem(
          "invalid-time-limit",
          `${name}: InvocationTimeLimitSeconds must be a whole number of seconds from "1" to "8", not ${JSON.stringify(limit)}`,
        );
      }
      if (parameters["InvocationType"] !== "SYNCHRONOUS") {
        problem(
          "invocation-type",
          `${name}: InvocationType must be "SYNCHRONOUS" (the flow reads the response), not ${JSON.stringify(parameters["InvocationType"])}`,
        );
      }
      const validation = parameters["ResponseValidation"];
      if (validation !== undefined) {
        const type = isRecord(validation) ? validation["ResponseType"] : undefined;
        if (type !== "STRING_MAP" && type !== "JSON") {
          problem(
            "invalid-parameter",
            `${name}: ResponseValidation.ResponseType must be "STRING_MAP" or "JSON"`,
          );
        }
      }
      const attributes = parameters["LambdaInvocationAttributes"];
      if (attributes !== undefined && !isRecord(attributes)) {
        problem("invalid-parameter", `${name}: LambdaInvocationAttributes must be an object`);
      }
      break;
    }
    case "UpdateContactTargetQueue":
      if (has("QueueId") && has("AgentId")) {
        problem("conflicting-parameters", `${name} sets both QueueId and AgentId; use exactly one`);
      } else if (!has("QueueId") && !has("AgentId")) {
        problem("missing-parameter", `${name} needs a QueueId or an AgentId`);
      }
      break;
    case "CheckMetricData": {
      if (has("QueueId") && has("AgentId")) {
        problem("conflicting-parameters", `${name} sets both QueueId and AgentId; use at most one`);
      }
      const metric = parameters["MetricType"];
      if (typeof metric !== "string" || !metricTypes.has(metric)) {
        problem(
          has("MetricType") ? "invalid-parameter" : "missing-parameter",
          `${name}: MetricType must be one of ${[...metricTypes].join(", ")}`,
        );
      }
      break;
    }
    case "UpdateContactAttributes": {
      const attributes = parameters["Attributes"];
      if (!isRecord(attributes) || Object.keys(attributes).length === 0) {
        problem("missing-parameter", `${name} sets no Attributes`);
      }
      break;
    }
    case "Compare": {
      const value = parameters["ComparisonValue"];
      if (value === undefined) {
        problem("missing-parameter", `${name} has no ComparisonValue`);
      } else if (typeof value !== "string" || !isJsonPathWithLeaf(value)) {
        problem(
          "invalid-comparison-value",
          `${name}: ComparisonValue must be one JSONPath with a leaf, such as "$.External.status", not ${JSON.stringify(value)}`,
        );
      }
      break;
    }
    case "Loop": {
      const count = parameters["LoopCount"];
      const valid =
        typeof count === "string" &&
        ((/^\d{1,3}$/.test(count) && Number(count) <= 100) || isJsonPathWithLeaf(count));
      if (!valid) {
        problem(
          "invalid-loop-count",
          `${name}: LoopCount must be a whole number from "0" to "100" (or one JSONPath), not ${JSON.stringify(count)}`,
        );
      }
      break;
    }
    case "MessageParticipant": {
      const contents = ["Text", "SSML", "PromptId", "Media"].filter(has);
      if (contents.length === 0)
        problem("missing-parameter", `${name} needs Text, SSML, PromptId or Media`);
      if (contents.length > 1) {
        problem(
          "conflicting-parameters",
          `${name} sets ${contents.join(" and ")}; use exactly one`,
        );
      }
      break;
    }
    case "UpdateContactRoutingCriteria": {
      const criteria = parameters["RoutingCriteria"];
      if (criteria === undefined) {
        problem("missing-parameter", `${name} has no RoutingCriteria`);
      } else if (typeof criteria === "string" && !isJsonPathWithLeaf(criteria)) {
        problem(
          "invalid-parameter",
          `${name}: a dynamic RoutingCriteria must be one JSONPath, not "${criteria}"`,
        );
      } else if (
        typeof criteria !== "string" &&
        !(isRecord(criteria) && Array.isArray(criteria["Steps"]))
      ) {
        problem(
          "invalid-parameter",
          `${name}: RoutingCriteria must be a JSONPath or an object with Steps`,
        );
      }
      break;
    }
    case "UpdateContactTextToSpeechVoice":
      if (!has("TextToSpeechVoice"))
        problem("missing-parameter", `${name} has no TextToSpeechVoice`);
      break;
    default:
      break;
  }
  return problems;
}

function scanScalars(
  value: unknown,
  path: string,
  report: (rule: "empty-string" | "non-string-scalar", path: string, value: unknown) => void,
): void {
  if (value === "") {
    report("empty-string", path, value);
  } else if (Array.isArray(value)) {
    value.forEach((entry, index) => {
      scanScalars(entry, `${path}[${index}]`, report);
    });
  } else if (isRecord(value)) {
    for (const [key, entry] of Object.entries(value)) scanScalars(entry, `${path}.${key}`, report);
  } else if (typeof value !== "string") {
    report("non-string-scalar", path, value);
  }
}
