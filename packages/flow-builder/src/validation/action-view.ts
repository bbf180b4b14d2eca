import { type ActionTypeSpec, actionTypeSpec } from "../model/action-catalog.js";
import type { FlowAction } from "../model/flow-action.js";
import { isRecord } from "../model/flow-edges.js";

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
  readonly parameters: { readonly [key: string]: unknown } | undefined;
  readonly transitions: { readonly [key: string]: unknown } | undefined;
  /** Undefined for a type this package does not model. */
  readonly spec: ActionTypeSpec | undefined;
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
