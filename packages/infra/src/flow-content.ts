import {
  assertValidFlow,
  type Binding,
  type CustomerProfileLookup,
  type CustomerQueueFlowOptions,
  customerQueueFlow,
  type FlowLanguage,
  type FlowOptions,
  type FlowVariant,
  flowToJson,
  generateFlow,
} from "@connect-affinity/flow-builder";
import type { FunctionName } from "./function-catalog.js";

/** The flow settings a stack chooses, resolved to plain values. */
export interface FlowSettings {
  readonly variant: FlowVariant;
  /** How many agents the agent-queue flow tries in all. */
  readonly maxAttempts: number;
  /** Each Lambda invocation's time limit in the flow, whole seconds (1 to 8). */
  readonly lambdaTimeLimitSeconds: number;
  readonly language: FlowLanguage;
  readonly fallbackQueueArn?: string;
  readonly standardQueueArn?: string;
  /** Each routing-criteria step's expiry (flow-builder's default if unset). */
  readonly preferredAgentExpirySeconds?: number;
  /** The bounded wait for a busy agent (flow-builder's options of the same names). */
  readonly preferredWaitSeconds?: number;
  readonly binding?: Binding;
  readonly requiredWaitSeconds?: number;
  /** The routing priority of a caller about to wait (flow-builder's `waitPriority`). */
  readonly waitPriority?: number;
  /** The deployed customer queue flow's ARN, when the wait is on. */
  readonly customerQueueFlowArn?: string;
  /** A JSONPath the flow passes to the Lambdas as `customerKey`. */
  readonly customerKey?: string;
  /** A Customer Profiles lookup before routing, its profile ID passed as `customerKey`. */
  readonly customerProfile?: true | CustomerProfileLookup;
}

/**
 * flow-builder's options for the deployed functions' real ARNs. Every function ARN is passed,
 * so either variant can be generated from the same options.
 */
export function flowOptionsFor(
  settings: FlowSettings,
  functionArns: { readonly [F in FunctionName]: string },
): FlowOptions {
  return {
    lambdaArns: {
      route: functionArns.route,
      nextAgent: functionArns.nextAgent,
      record: functionArns.record,
      routingCriteria: functionArns.routingCriteria,
    },
    ...customerQueueOptionsFor(settings),
  };
}

/**
 * flow-builder's options for the customer queue flow (no Lambda): the queues, the language
 * and the wait; {@link flowOptionsFor} adds the functions' ARNs for the routing flows.
 */
export function customerQueueOptionsFor(
  settings: FlowSettings,
): CustomerQueueFlowOptions & Omit<FlowOptions, "lambdaArns"> {
  return {
    ...pick(settings, [
      "preferredAgentExpirySeconds",
      "preferredWaitSeconds",
      "binding",
      "requiredWaitSeconds",
      "waitPriority",
      "customerQueueFlowArn",
    ]),
    maxAttempts: settings.maxAttempts,
    lambdaTimeLimitSeconds: settings.lambdaTimeLimitSeconds,
    language: settings.language,
    ...(settings.fallbackQueueArn === undefined
      ? {}
      : { fallbackQueueArn: settings.fallbackQueueArn }),
    ...(settings.standardQueueArn === undefined
      ? {}
      : { standardQueueArn: settings.standardQueueArn }),
    ...(settings.customerKey === undefined ? {} : { customerKey: settings.customerKey }),
    ...(settings.customerProfile === undefined
      ? {}
      : { customerProfile: settings.customerProfile }),
  };
}

/**
 * The `content` of the contact flow: flow-builder's flow for `variant`, checked by its
 * validator (a broken flow fails the deployment here, before Connect sees it), as the
 * deterministic JSON `flowToJson` writes, so an unchanged flow is an unchanged resource.
 *
 * @throws FlowOptionsError or FlowValidationError from flow-builder.
 */
export function flowContent(variant: FlowVariant, options: FlowOptions): string {
  const flow = generateFlow(variant, options);
  assertValidFlow(flow);
  return flowToJson(flow);
}

/**
 * The `content` of the customer queue flow (type `CUSTOMER_QUEUE`), validated as one.
 *
 * @throws FlowOptionsError or FlowValidationError from flow-builder.
 */
export function customerQueueContent(options: CustomerQueueFlowOptions): string {
  const flow = customerQueueFlow(options);
  assertValidFlow(flow, { flowType: "CUSTOMER_QUEUE" });
  return flowToJson(flow);
}

/** The entries of `value` named in `keys` that are set. */
function pick<T extends object, K extends keyof T>(
  value: T,
  keys: readonly K[],
): { [P in K]?: Exclude<T[P], undefined> } {
  return Object.fromEntries(
    keys.filter((key) => value[key] !== undefined).map((key) => [key, value[key]]),
  ) as { [P in K]?: Exclude<T[P], undefined> };
}
