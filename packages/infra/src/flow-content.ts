import {
  assertValidFlow,
  type CustomerProfileLookup,
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
