import fc from "fast-check";
import {
  type FlowOptions,
  flowLanguages,
  placeholderCustomerQueueFlowArn,
  placeholderLambdaArns,
  placeholderQueueArns,
} from "../../src/index.js";

/** Options for every variant with placeholder ARNs; `overrides` replace single fields. */
export function flowOptions(overrides: Partial<FlowOptions> = {}): FlowOptions {
  return {
    lambdaArns: placeholderLambdaArns,
    standardQueueArn: placeholderQueueArns.standard,
    customerQueueFlowArn: placeholderCustomerQueueFlowArn,
    ...overrides,
  };
}

/** Any valid combination of the generators' options. */
export const anyFlowOptions: fc.Arbitrary<FlowOptions> = fc
  .record({
    fallback: fc.boolean(),
    maxAttempts: fc.integer({ min: 1, max: 100 }),
    lambdaTimeLimitSeconds: fc.integer({ min: 1, max: 8 }),
    language: fc.constantFrom(...flowLanguages),
    sorry: fc.option(
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 200 }).filter((text) => text.trim() !== ""),
        fc.constant({ ssml: '<speak>Sorry, <break time="300ms"/> please call again.</speak>' }),
      ),
      { nil: undefined },
    ),
    wait: anyWait(),
    preferredAgentExpirySeconds: fc.option(fc.integer({ min: 1, max: 86_400 }), {
      nil: undefined,
    }),
    identity: fc.constantFrom<"number" | "customer-key" | "customer-profile">(
      "number",
      "customer-key",
      "customer-profile",
    ),
  })
  .map(
    ({
      fallback,
      maxAttempts,
      lambdaTimeLimitSeconds,
      language,
      sorry,
      wait,
      preferredAgentExpirySeconds,
      identity,
    }) =>
      flowOptions({
        maxAttempts,
        lambdaTimeLimitSeconds,
        language,
        ...(fallback ? { fallbackQueueArn: placeholderQueueArns.fallback } : {}),
        ...(sorry === undefined ? {} : { messages: { sorry } }),
        ...wait,
        ...(preferredAgentExpirySeconds === undefined ? {} : { preferredAgentExpirySeconds }),
        ...(identity === "customer-key" ? { customerKey: "$.Attributes.crmCustomerId" } : {}),
        ...(identity === "customer-profile" ? { customerProfile: true as const } : {}),
      }),
  );

/** The default wait, none (the guard alone), a preferred agent's bounded wait, or a required agent's. */
export function anyWait(): fc.Arbitrary<Partial<FlowOptions>> {
  return fc.oneof(
    fc.constant({}),
    fc.constant({ preferredWaitSeconds: 0 }),
    fc.integer({ min: 1, max: 600 }).map((preferredWaitSeconds) => ({
      preferredWaitSeconds,
      customerQueueFlowArn: placeholderCustomerQueueFlowArn,
    })),
    fc.integer({ min: 1, max: 600 }).map((requiredWaitSeconds) => ({
      binding: "required" as const,
      requiredWaitSeconds,
      customerQueueFlowArn: placeholderCustomerQueueFlowArn,
    })),
  );
}
