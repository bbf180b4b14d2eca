import fc from "fast-check";
import {
  type FlowOptions,
  flowLanguages,
  placeholderLambdaArns,
  placeholderQueueArns,
} from "../../src/index.js";

/** Options for every variant with placeholder ARNs; `overrides` replace single fields. */
export function flowOptions(overrides: Partial<FlowOptions> = {}): FlowOptions {
  return {
    lambdaArns: placeholderLambdaArns,
    standardQueueArn: placeholderQueueArns.standard,
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
    identity: fc.constantFrom<"number" | "customer-key" | "customer-profile">(
      "number",
      "customer-key",
      "customer-profile",
    ),
  })
  .map(({ fallback, maxAttempts, lambdaTimeLimitSeconds, language, sorry, identity }) =>
    flowOptions({
      maxAttempts,
      lambdaTimeLimitSeconds,
      language,
      ...(fallback ? { fallbackQueueArn: placeholderQueueArns.fallback } : {}),
      ...(sorry === undefined ? {} : { messages: { sorry } }),
      ...(identity === "customer-key" ? { customerKey: "$.Attributes.crmCustomerId" } : {}),
      ...(identity === "customer-profile" ? { customerProfile: true as const } : {}),
    }),
  );
