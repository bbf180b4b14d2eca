import { actionTypeSpec } from "../model/action-catalog.js";
import type { ActionTypeSpec } from "../model/catalog/action-type-spec.js";
import type { FlowAction } from "../model/flow-action.js";
import { isRecord } from "../model/flow-edges.js";
import type { FlowType } from "../model/flow-type.js";
import type { FlowProblem, FlowRule } from "./flow-problem.js";

/**
 * One action as the validator sees it: the document may come from parsed JSON, so nothing is
 * trusted beyond "it is an object".
 */
export interface ActionView {
  readonly index: number;
  /** The identifier, or `#<index>` when it is not a string. */
  readonly id: string;
  readonly type: string;
  readonly action: FlowAction;
  /** Undefined when `Parameters` is absent or not an object. */
  readonly parameters: { readonly [key: string]: unknown } | undefined;
  /** Undefined when `Transitions` is absent or not an object. */
  readonly transitions: { readonly [key: string]: unknown } | undefined;
  /** Undefined for a type the flow language does not have. */
  readonly spec: ActionTypeSpec | undefined;
}

/** What every rule needs besides the action: the profile, the flow type and where to report. */
export interface RuleContext {
  readonly strict: boolean;
  readonly flowType: FlowType;
  report(rule: FlowRule, message: string, actionId?: string): void;
}

/** A view of each action that is an object; the others are left to the document rules. */
export function actionViews(actions: readonly unknown[]): readonly ActionView[] {
  const views: ActionView[] = [];
  actions.forEach((action, index) => {
    if (!isRecord(action)) return;
    const id = typeof action["Identifier"] === "string" ? action["Identifier"] : `#${index}`;
    const type = typeof action["Type"] === "string" ? action["Type"] : "";
    const parameters = action["Parameters"];
    const transitions = action["Transitions"];
    views.push({
      index,
      id,
      type,
      action: action as unknown as FlowAction,
      parameters: isRecord(parameters) ? parameters : undefined,
      transitions: isRecord(transitions) ? transitions : undefined,
      spec: actionTypeSpec(type),
    });
  });
  return views;
}

/** `Type "Identifier"`, the way every message names an action. */
export function describe(view: ActionView): string {
  return `${view.type || "action"} "${view.id}"`;
}

/** A collector of problems for one validation run. */
export function problemCollector(
  strict: boolean,
  flowType: FlowType,
): RuleContext & { readonly problems: FlowProblem[] } {
  const problems: FlowProblem[] = [];
  return {
    strict,
    flowType,
    problems,
    report(rule, message, actionId) {
      problems.push(actionId === undefined ? { rule, message } : { rule, actionId, message });
    },
  };
}
