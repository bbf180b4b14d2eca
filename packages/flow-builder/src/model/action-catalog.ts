import type { ErrorType, FlowActionType } from "./flow-action.js";

/** What the flow language says about one action type. */
export interface ActionTypeSpec {
  /** Every error the action can raise; each needs a transition. */
  readonly errors: readonly ErrorType[];
  /** No transitions at all: the flow stops here. */
  readonly terminal: boolean;
  /** On success the contact leaves this flow (queued or disconnected). */
  readonly endsFlow: boolean;
  /** Which conditions the action accepts. */
  readonly conditions: "none" | "any" | "loop" | "metric";
  /** Allowed in an inbound (`CONTACT_FLOW`) flow. */
  readonly inbound: boolean;
}

/**
 * The action types this package knows, with their error types and restrictions, from the flow
 * language reference and what the service is reported to accept.
 */
export const actionCatalog: { readonly [T in FlowActionType]: ActionTypeSpec } = {
  InvokeLambdaFunction: spec({ errors: ["NoMatchingError"] }),
  UpdateContactTargetQueue: spec({ errors: ["NoMatchingError"] }),
  CheckMetricData: spec({
    errors: ["NoMatchingCondition", "NoMatchingError"],
    conditions: "metric",
  }),
  UpdateContactAttributes: spec({ errors: ["NoMatchingError"] }),
  Compare: spec({ errors: ["NoMatchingCondition"], conditions: "any" }),
  Loop: spec({ errors: [], conditions: "loop" }),
  MessageParticipant: spec({ errors: ["NoMatchingError"] }),
  TransferContactToQueue: spec({ errors: ["QueueAtCapacity", "NoMatchingError"], endsFlow: true }),
  UpdateContactRoutingCriteria: spec({ errors: ["NoMatchingError"] }),
  UpdateContactTextToSpeechVoice: spec({ errors: ["NoMatchingError"] }),
  DisconnectParticipant: spec({ errors: [], terminal: true, endsFlow: true }),
  EndFlowExecution: spec({ errors: [], terminal: true, endsFlow: true, inbound: false }),
  TransferContactToAgent: spec({ errors: ["NoMatchingError"], endsFlow: true, inbound: false }),
};

/**
 * Spellings the service rejects as unknown types although a documentation page or a console
 * label suggests them, with the type it accepts.
 */
export const misspeltActionTypes: { readonly [wrong: string]: string } = {
  UpdateRoutingCriteria: "UpdateContactRoutingCriteria",
  UnTagContact: "UntagContact",
};

/** The spec of `type`, or `undefined` for a type this package does not model. */
export function actionTypeSpec(type: string): ActionTypeSpec | undefined {
  return Object.hasOwn(actionCatalog, type) ? actionCatalog[type as FlowActionType] : undefined;
}

function spec(partial: Partial<ActionTypeSpec> & Pick<ActionTypeSpec, "errors">): ActionTypeSpec {
  return { terminal: false, endsFlow: false, conditions: "none", inbound: true, ...partial };
}
