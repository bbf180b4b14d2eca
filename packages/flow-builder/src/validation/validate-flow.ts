import type { FlowDocument } from "../model/flow-document.js";
import { isRecord } from "../model/flow-edges.js";
import { flowToJson } from "../render/flow-to-json.js";
import { actionViews } from "./action-view.js";
import { documentProblems, identityProblems } from "./document-rules.js";
import type { FlowProblem } from "./flow-problem.js";
import { FlowValidationError } from "./flow-validation-error.js";
import { graphProblems } from "./graph-rules.js";
import { parameterProblems } from "./parameter-rules.js";
import { transitionProblems } from "./transition-rules.js";

/**
 * Every problem of an inbound contact flow (`CONTACT_FLOW`), each naming its rule and, where it
 * concerns one, the action: the documented rules of the flow language and what the service is
 * reported to reject although the documentation allows it. An empty list means the flow passed.
 * The document may come from parsed JSON: nothing in it is trusted.
 *
 * @example
 * ```ts
 * const problems = validateFlow(flow);
 * for (const problem of problems) console.error(`${problem.rule}: ${problem.message}`);
 * ```
 */
export function validateFlow(flow: FlowDocument): readonly FlowProblem[] {
  const document: unknown = flow;
  if (!isRecord(document) || !Array.isArray(document["Actions"])) {
    return [{ rule: "invalid-document", message: "A flow is an object with an Actions array" }];
  }
  const actions: readonly unknown[] = document["Actions"];
  const problems: FlowProblem[] = [];
  actions.forEach((action, index) => {
    if (!isRecord(action)) {
      problems.push({ rule: "invalid-document", message: `Action ${index} is not an object` });
    }
  });
  const views = actionViews(actions);
  problems.push(
    ...documentProblems(
      document,
      actions.length,
      flowToJson(flow).length,
      new Set(views.map((view) => view.id)),
    ),
    ...identityProblems(views),
    ...graphProblems(document["StartAction"], views),
  );
  for (const view of views) {
    problems.push(...transitionProblems(view), ...parameterProblems(view));
  }
  return problems;
}

/**
 * Throws {@link FlowValidationError} with every problem if {@link validateFlow} finds any.
 *
 * @example
 * ```ts
 * assertValidFlow(agentQueueFlow(options)); // throws on a broken flow
 * ```
 */
export function assertValidFlow(flow: FlowDocument): void {
  const problems = validateFlow(flow);
  if (problems.length > 0) throw new FlowValidationError(problems);
}
