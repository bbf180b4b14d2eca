import type { FlowDocument } from "../model/flow-document.js";
import { isRecord } from "../model/flow-edges.js";
import { flowToJson } from "../render/flow-to-json.js";
import { actionViews, problemCollector } from "./action-view.js";
import { checkDocument, checkIdentity } from "./document-rules.js";
import type { FlowProblem } from "./flow-problem.js";
import { FlowValidationError } from "./flow-validation-error.js";
import { checkGraph } from "./graph-rules.js";
import { checkParameters } from "./parameter-rules.js";
import { checkTransitions } from "./transition-rules.js";
import type { ValidationOptions } from "./validation-options.js";

/**
 * Every problem of a flow, each naming its rule and, where it concerns one, the action. The
 * `service` profile (the default) checks only what Amazon Connect is documented or observed to
 * reject, so a flow Connect accepts passes; `strict` adds this project's house rules for
 * generated flows. Rules that depend on where a flow runs use `flowType` (default
 * `CONTACT_FLOW`). The document may come from parsed JSON: nothing in it is trusted. An empty
 * list means the flow passed.
 *
 * @example
 * ```ts
 * const problems = validateFlow(flow, { profile: "strict" });
 * for (const problem of problems) console.error(`${problem.rule}: ${problem.message}`);
 * validateFlow(queueFlow, { flowType: "CUSTOMER_QUEUE" });
 * ```
 */
export function validateFlow(
  flow: FlowDocument | unknown,
  options: ValidationOptions = {},
): readonly FlowProblem[] {
  const strict = options.profile === "strict";
  const context = problemCollector(strict, options.flowType ?? "CONTACT_FLOW");
  const document: unknown = flow;
  if (!isRecord(document) || !Array.isArray(document["Actions"])) {
    return [{ rule: "invalid-document", message: "A flow is an object with an Actions array" }];
  }
  const actions: readonly unknown[] = document["Actions"];
  actions.forEach((action, index) => {
    if (!isRecord(action)) context.report("invalid-document", `Action ${index} is not an object`);
  });
  const views = actionViews(actions);
  const contentLength = strict
    ? flowToJson(document as unknown as FlowDocument).length
    : JSON.stringify(document).length;
  checkDocument(
    document,
    actions.length,
    contentLength,
    new Set(views.map((view) => view.id)),
    context,
  );
  checkIdentity(views, context);
  checkGraph(document["StartAction"], views, context);
  for (const view of views) {
    checkTransitions(view, context);
    checkParameters(view, context);
  }
  return context.problems;
}

/**
 * Throws {@link FlowValidationError} with every problem if {@link validateFlow} finds any.
 *
 * @example
 * ```ts
 * assertValidFlow(agentQueueFlow(options), { profile: "strict" }); // throws on a broken flow
 * ```
 */
export function assertValidFlow(
  flow: FlowDocument | unknown,
  options: ValidationOptions = {},
): void {
  const problems = validateFlow(flow, options);
  if (problems.length > 0) throw new FlowValidationError(problems);
}
