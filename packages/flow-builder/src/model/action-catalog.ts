import type { ErrorType } from "./action-shape.js";
import type { ActionTypeSpec } from "./catalog/action-type-spec.js";
import { listedFlowTypes } from "./catalog/action-type-spec.js";
import { contactActionSpecs } from "./catalog/contact-action-specs.js";
import { flowControlActionSpecs } from "./catalog/flow-control-action-specs.js";
import { interactionSpecs } from "./catalog/interaction-specs.js";
import { participantActionSpecs } from "./catalog/participant-action-specs.js";
import type { FlowActionType } from "./flow-action.js";
import { type FlowType, flowTypeLike } from "./flow-type.js";

const allSpecs: readonly ActionTypeSpec[] = [
  ...contactActionSpecs,
  ...flowControlActionSpecs,
  ...interactionSpecs,
  ...participantActionSpecs,
];

/**
 * Every action type of the flow language with what its reference page says: parameters and
 * how each may be written, error types, conditions, whether it ends the flow, and the flow
 * types it is allowed in. `referenceUrl(spec.page)` is the page.
 *
 * @example
 * ```ts
 * actionCatalog.TransferContactToQueue.errors; // ["QueueAtCapacity", "NoMatchingError"]
 * ```
 */
export const actionCatalog = Object.fromEntries(allSpecs.map((spec) => [spec.type, spec])) as {
  readonly [T in FlowActionType]: ActionTypeSpec & { readonly type: T };
};

/** Every modelled action type, in catalog order (contact, flow control, interaction, participant). */
export const actionTypes: readonly FlowActionType[] = allSpecs.map((spec) => spec.type);

/**
 * Spellings the service rejects as unknown types although a documentation page or a console
 * label suggests them, with the type it accepts (reported by a library that checks its output
 * against `CreateContactFlow`).
 */
export const misspeltActionTypes: { readonly [wrong: string]: FlowActionType } = {
  UpdateRoutingCriteria: "UpdateContactRoutingCriteria",
  UnTagContact: "UntagContact",
};

/** The spec of `type`, or `undefined` for a type the flow language does not have. */
export function actionTypeSpec(type: string): ActionTypeSpec | undefined {
  return Object.hasOwn(actionCatalog, type) ? actionCatalog[type as FlowActionType] : undefined;
}

/** Whether `type` is a modelled action type. */
export function isActionType(type: unknown): type is FlowActionType {
  return typeof type === "string" && Object.hasOwn(actionCatalog, type);
}

/**
 * Whether an action of `spec` may appear in a flow of `flowType`: listed by its reference
 * page, or allowed in the type `flowType` runs like (a module or a campaign flow runs like an
 * inbound flow) and not excluded.
 *
 * @example
 * ```ts
 * isAllowedIn(actionCatalog.EndFlowExecution, "CONTACT_FLOW"); // false
 * ```
 */
export function isAllowedIn(spec: ActionTypeSpec, flowType: FlowType): boolean {
  const listed = listedFlowTypes(spec.flowTypes);
  if (listed === "all") return true;
  if (listed.includes(flowType)) return true;
  if (typeof spec.flowTypes !== "string" && spec.flowTypes.notIn?.includes(flowType)) return false;
  const like = flowTypeLike[flowType];
  return like !== undefined && listed.includes(like);
}

/** Which error branches an action has to wire and which it may wire. */
export interface ErrorExpectations {
  /** Errors the reference says must be wired (or the service is reported to require). */
  readonly requiredByService: readonly ErrorType[];
  /** Every error the action can raise given its parameters: our house rule wires them all. */
  readonly raisable: readonly ErrorType[];
  /** Error types a branch may name without being wrong (raisable plus what flows use). */
  readonly allowed: readonly ErrorType[];
  /** Error types the reference forbids for these parameters. */
  readonly forbidden: readonly ErrorType[];
}

/**
 * The error expectations of one action, from its type and parameters. Most types raise the
 * same errors whatever their parameters; `GetParticipantInput`, `CheckMetricData`,
 * `TransferParticipantToThirdParty` and the case actions depend on them, as their pages say.
 *
 * @example
 * ```ts
 * errorExpectations(actionCatalog.GetParticipantInput, { StoreInput: "True" }).forbidden;
 * // ["NoMatchingCondition", "InvalidPhoneNumber"]
 * ```
 */
export function errorExpectations(
  spec: ActionTypeSpec,
  parameters: { readonly [key: string]: unknown } | undefined,
  hasConditions: boolean,
): ErrorExpectations {
  const parameter = (name: string): unknown => parameters?.[name];
  const observed = spec.observedErrors ?? [];
  switch (spec.type) {
    case "GetParticipantInput": {
      // Source: participant-actions-getparticipantinput, "Errors".
      const stored = parameter("StoreInput") === "True";
      const validation = parameter("InputValidation");
      const phone =
        typeof validation === "object" &&
        validation !== null &&
        "PhoneNumberValidation" in validation;
      const required: ErrorType[] = ["NoMatchingError"];
      if (!stored) required.push("NoMatchingCondition");
      if (stored && phone) required.push("InvalidPhoneNumber");
      const forbidden: ErrorType[] = [];
      if (stored) forbidden.push("NoMatchingCondition");
      if (!(stored && phone)) forbidden.push("InvalidPhoneNumber");
      return {
        requiredByService: required,
        raisable: [...required, ...(stored ? [] : (["InputTimeLimitExceeded"] as const))],
        allowed: [...required, "InputTimeLimitExceeded"],
        forbidden,
      };
    }
    case "CheckMetricData":
      // Reported: the service requires both branches, agent metrics included.
      return {
        requiredByService: spec.errors,
        raisable: spec.errors,
        allowed: spec.errors,
        forbidden: [],
      };
    case "TransferParticipantToThirdParty": {
      // Source: the page: CallFailed and ConnectionTimeLimitExceeded only when the flow continues.
      const continues = parameter("ContinueFlowExecution") !== "False";
      const raisable: ErrorType[] = continues ? [...spec.errors] : ["NoMatchingError"];
      return { requiredByService: [], raisable, allowed: spec.errors, forbidden: [] };
    }
    case "CreateCase":
    case "UpdateCase":
    case "GetCase": {
      // Source: the case pages: ContactNotLinked appears when the contact is to be linked.
      const links = String(parameter("LinkContactToCase")).toLowerCase() === "true";
      const raisable = spec.errors.filter((type) => links || type !== "ContactNotLinked");
      return { requiredByService: [], raisable, allowed: spec.errors, forbidden: [] };
    }
    default: {
      // NoMatchingCondition is only raised by an action that has conditions to miss.
      const raisable = spec.errors.filter(
        (type) => type !== "NoMatchingCondition" || hasConditions || spec.type === "Compare",
      );
      return {
        requiredByService: [],
        raisable,
        allowed: [...spec.errors, ...observed],
        forbidden: [],
      };
    }
  }
}
