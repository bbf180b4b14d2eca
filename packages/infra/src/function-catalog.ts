import type { FlowVariant } from "@connect-affinity/flow-builder";
import {
  deployedFunctions,
  type RouterFunctionId,
  routerFunctionIds,
  type VariableName,
  variablesReadBy,
} from "@connect-affinity/handlers/manifest";

/** The five routing functions, by the handlers manifest's identifiers. */
export const functionNames = routerFunctionIds;

/** One of {@link functionNames}. */
export type FunctionName = RouterFunctionId;

/** A DynamoDB action on the affinity table. */
export type TableAction =
  | "dynamodb:GetItem"
  | "dynamodb:BatchGetItem"
  | "dynamodb:UpdateItem"
  | "dynamodb:PutItem";

/** What a function is deployed as, and what its role must allow. */
export interface FunctionNeeds {
  /** Resource-name suffix and log-group suffix: the manifest's kebab-case name. */
  readonly slug: string;
  /** What the function is for, as its Lambda description says (from the manifest). */
  readonly description: string;
  /** The table actions it calls (core's `DynamoDbAffinityStore`: `find` reads, `save` writes). */
  readonly tableActions: readonly TableAction[];
  /**
   * Whether it asks who is available now (`route`, `next-agent`, `routing-criteria`): it reads
   * `PRESENCE_MAX_AGE_SECONDS`. With event-stream presence it queries the agent index; with
   * Connect's presence it calls `GetCurrentUserData`.
   */
  readonly readsPresence: boolean;
  /**
   * Whether it reserves the agent it offers on event-stream presence: it reads
   * `RESERVATION_SECONDS` (core's router does in `route` and `next`, not in `routingCriteria`,
   * which names agents without offering one).
   */
  readonly reservesAgents: boolean;
  /** Whether it hashes callers, so reads the caller-key secret (`CALLER_KEY_SECRET_REF`). */
  readonly readsCallerKeySecret: boolean;
  /** Whether it reads callers' records under the previous key during a rotation. */
  readonly readsPreviousCallerKey: boolean;
}

/**
 * The affinity-table actions of each function, read from the handlers and core's router:
 * `route` and `routing-criteria` read the customer's records (`GetItem` for one key,
 * `BatchGetItem` for a customer with several identities or a scoped history) and remember the
 * contact's customer in the contact index (`PutItem` of a `contact#<id>` item); `next-agent`
 * touches no table (the cursor carries the rest, the customer's exclusions included); `record`
 * writes the records (`UpdateItem` conditionally; `GetItem` then `PutItem` for a version-1 or
 * malformed item; `GetItem` of the contact index with the queue scope); `contact-event` does the same after reading the contact's customer
 * back from the index, because contact events do not carry the number.
 */
const tableActions: { readonly [F in FunctionName]: readonly TableAction[] } = {
  route: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem"],
  nextAgent: [],
  record: ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:PutItem"],
  routingCriteria: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem"],
  contactEvent: ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:PutItem"],
};

const reads = (fn: FunctionName, variable: VariableName): boolean =>
  variablesReadBy(fn).includes(variable);

/**
 * What each routing function needs: its name and description from the handlers manifest, its
 * table actions, and whether it reads presence and reserves agents (from the variables the
 * manifest says it reads, so a function that starts reading presence gets the permission).
 */
export const functionCatalog: { readonly [F in FunctionName]: FunctionNeeds } = Object.freeze(
  Object.fromEntries(
    functionNames.map((fn): [FunctionName, FunctionNeeds] => [
      fn,
      {
        slug: deployedFunctions[fn].name,
        description: deployedFunctions[fn].description,
        tableActions: tableActions[fn],
        readsPresence: reads(fn, "PRESENCE_MAX_AGE_SECONDS"),
        reservesAgents: reads(fn, "RESERVATION_SECONDS"),
        readsCallerKeySecret: reads(fn, "CALLER_KEY_SECRET_REF"),
        readsPreviousCallerKey: reads(fn, "CALLER_KEY_PREVIOUS_SECRET_REF"),
      },
    ]),
  ) as { [F in FunctionName]: FunctionNeeds },
);

/**
 * The functions the flow of `variant` invokes: each gets Connect's invoke permission and an
 * association with the instance. The contact-event function is invoked by EventBridge instead.
 */
export function flowFunctions(variant: FlowVariant): readonly FunctionName[] {
  switch (variant) {
    case "agent-queue":
      return ["route", "nextAgent", "record"];
    case "routing-criteria":
      return ["routingCriteria"];
  }
}
