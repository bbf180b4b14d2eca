import type { LambdaArns } from "./flow-options.js";

const region = "us-east-1";
const account = "123456789012";
const instance = "00000000-0000-4000-8000-000000000000";

/**
 * Well-formed ARNs that name nothing, for flows generated without a deployment (`synth`, tests,
 * the local simulator). Import a flow built with them only to look at it.
 */
export const placeholderLambdaArns: Required<LambdaArns> = {
  route: `arn:aws:lambda:${region}:${account}:function:connect-affinity-route`,
  nextAgent: `arn:aws:lambda:${region}:${account}:function:connect-affinity-next-agent`,
  record: `arn:aws:lambda:${region}:${account}:function:connect-affinity-record`,
  routingCriteria: `arn:aws:lambda:${region}:${account}:function:connect-affinity-routing-criteria`,
};

/** Placeholder queue ARNs of the same instance, for the standard and the fallback queue. */
export const placeholderQueueArns = {
  standard: `arn:aws:connect:${region}:${account}:instance/${instance}/queue/00000000-0000-4000-8000-000000000001`,
  fallback: `arn:aws:connect:${region}:${account}:instance/${instance}/queue/00000000-0000-4000-8000-000000000002`,
} as const;

/**
 * A placeholder ARN of a deployed sticky-routing flow, for splicing a `TransferToFlow` into a
 * flow before the sticky flow exists. Replace it with the real flow's ARN before deploying.
 */
export const placeholderStickyFlowArn = `arn:aws:connect:${region}:${account}:instance/${instance}/contact-flow/00000000-0000-4000-8000-000000000003`;

/**
 * A placeholder ARN of the deployed customer queue flow, for generating the agent-queue flow
 * with a wait before that flow exists (`synth`, tests, the local simulator).
 */
export const placeholderCustomerQueueFlowArn = `arn:aws:connect:${region}:${account}:instance/${instance}/contact-flow/00000000-0000-4000-8000-000000000004`;
