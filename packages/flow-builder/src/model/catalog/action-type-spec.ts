import type { ErrorType } from "../action-shape.js";
import type { FlowActionType } from "../flow-action.js";
import { type FlowType, type FlowTypeGroup, flowTypeGroups } from "../flow-type.js";

/** The four kinds of action the reference sorts types into. */
export type ActionCategory = "contact" | "flow-control" | "interaction" | "participant";

/**
 * How a parameter may be written, in the reference's words:
 * - `static`: "must be defined statically" — no JSONPath at all;
 * - `single-path`: "statically or as a single valid JSONPath identifier" — the whole value;
 * - `path`: one JSONPath and nothing else ("cannot be set statically");
 * - `dynamic`: "may be defined statically or dynamically" — text may embed paths;
 * - `map`: an object of strings (attributes, tags, session attributes);
 * - `object` / `list`: structured values whose scalars are strings;
 * - `path-or-object`: one JSONPath to a whole object (a Lambda's JSON response), or the
 *   object written out (routing criteria);
 * - `free-form`: any JSON the consumer reads (a view's `ViewData`).
 *
 * Source: "Parameter restrictions for actions in the Amazon Connect Flow language",
 * https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions-parameter-restrictions.html
 */
export type ParameterValue =
  | "static"
  | "single-path"
  | "path"
  | "dynamic"
  | "map"
  | "object"
  | "path-or-object"
  | "list"
  | "free-form";

/** One parameter of an action type. */
export interface ParameterSpec {
  readonly value: ParameterValue;
  readonly required?: boolean;
  /** The values the parameter accepts when written statically. */
  readonly allowed?: readonly string[];
  /** A whole number in this range when written statically. */
  readonly integer?: { readonly min: number; readonly max?: number };
}

/**
 * What conditions an action accepts:
 * - `none`: "No conditions are supported";
 * - `any`: any operator (`Compare`);
 * - `equals`: only `Equals`, on any operand or one of `operands`;
 * - `exactly`: `Equals` on exactly these operands, each present once (`Loop`,
 *   `CheckHoursOfOperation`);
 * - `metric`, `percentage`, `input`, `wait`: the rules of `CheckMetricData`,
 *   `DistributeByPercentage`, `GetParticipantInput` and `Wait`.
 */
export type ConditionSpec =
  | { readonly kind: "none" }
  | { readonly kind: "any" }
  | { readonly kind: "equals"; readonly operands?: readonly string[] }
  | { readonly kind: "exactly"; readonly operands: readonly string[] }
  | { readonly kind: "metric" }
  | { readonly kind: "percentage" }
  | { readonly kind: "input" }
  | { readonly kind: "wait" };

/** Where an action may appear: every flow type, or these groups and types. */
export type FlowTypeSpec =
  | "all"
  | {
      readonly in: readonly (FlowTypeGroup | FlowType)[];
      /** Types excluded although a type they run like is allowed. */
      readonly notIn?: readonly FlowType[];
      /** Why this differs from the reference, when it does. */
      readonly note?: string;
    };

/** What the flow language says about one action type, and where it says it. */
export interface ActionTypeSpec {
  readonly type: FlowActionType;
  readonly category: ActionCategory;
  /** The console block that writes this type. */
  readonly block: string;
  /** The reference page, `https://docs.aws.amazon.com/connect/latest/APIReference/<page>.html`. */
  readonly page: string;
  readonly parameters: { readonly [name: string]: ParameterSpec };
  /** Groups of parameters of which at most one may be given. */
  readonly atMostOne?: readonly (readonly string[])[];
  /** Groups of parameters of which exactly one must be given. */
  readonly exactlyOne?: readonly (readonly string[])[];
  /** The error types the reference lists for this type. */
  readonly errors: readonly ErrorType[];
  /** Error types flows Connect accepted use although the reference does not list them. */
  readonly observedErrors?: readonly ErrorType[];
  readonly conditions: ConditionSpec;
  /**
   * `NextAction`: `required` (the service rejects its absence), `optional` (an action that may
   * never complete, or that ends the flow), `forbidden` (a terminal action: "Transitions must
   * be defined as an empty object").
   */
  readonly next: "required" | "optional" | "forbidden";
  /** On success the contact leaves this flow (queued, transferred, disconnected, returned). */
  readonly endsFlow: boolean;
  readonly flowTypes: FlowTypeSpec;
  /** Where the reference and accepted flows disagree, and which this spec follows. */
  readonly note?: string;
}

/** The URL of a reference page. */
export function referenceUrl(page: string): string {
  return `https://docs.aws.amazon.com/connect/latest/APIReference/${page}.html`;
}

/** The flow types a {@link FlowTypeSpec} lists, groups expanded. */
export function listedFlowTypes(spec: FlowTypeSpec): readonly FlowType[] | "all" {
  if (spec === "all") return "all";
  return spec.in.flatMap((entry): readonly FlowType[] =>
    Object.hasOwn(flowTypeGroups, entry)
      ? flowTypeGroups[entry as FlowTypeGroup]
      : [entry as FlowType],
  );
}
