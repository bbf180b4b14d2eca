import {
  flowToJson,
  flowVariants,
  generateFlow,
  placeholderCustomerQueueFlowArn,
  placeholderLambdaArns,
  placeholderQueueArns,
  validateFlow,
} from "@connect-affinity/flow-builder";
import { describe, expect, it } from "vitest";
import { flowContent, flowOptionsFor } from "../src/flow-content.js";
import { flowFunctions, functionNames } from "../src/function-catalog.js";

const functionArns = {
  ...placeholderLambdaArns,
  contactEvent: "arn:aws:lambda:us-east-1:123456789012:function:connect-affinity-contact-event",
};

describe("flowContent", () => {
  it.each(flowVariants)("is flow-builder's validated JSON of the %s flow", (variant) => {
    // Prepare
    const options = flowOptionsFor(
      {
        variant,
        maxAttempts: 4,
        lambdaTimeLimitSeconds: 5,
        language: "en-US",
        fallbackQueueArn: placeholderQueueArns.fallback,
        customerQueueFlowArn: placeholderCustomerQueueFlowArn,
        standardQueueArn: placeholderQueueArns.standard,
      },
      functionArns,
    );

    // Act
    const content = flowContent(variant, options);

    // Assess
    const expected = generateFlow(variant, options);
    expect(content).toBe(flowToJson(expected));
    expect(validateFlow(JSON.parse(content), { profile: "strict" })).toEqual([]);
  });

  it.each(flowVariants)("lists exactly the functions the %s flow invokes", (variant) => {
    // Prepare
    const content = flowContent(
      variant,
      flowOptionsFor(
        {
          variant,
          maxAttempts: 5,
          lambdaTimeLimitSeconds: 5,
          language: "ja-JP",
          standardQueueArn: placeholderQueueArns.standard,
          customerQueueFlowArn: placeholderCustomerQueueFlowArn,
        },
        functionArns,
      ),
    );

    // Act
    const invoked = functionNames.filter((name) => content.includes(`"${functionArns[name]}"`));

    // Assess
    expect(invoked).toEqual(flowFunctions(variant));
  });

  it("fails on options flow-builder rejects, before Connect would", () => {
    // Act
    const act = (): string =>
      flowContent(
        "agent-queue",
        flowOptionsFor(
          {
            variant: "agent-queue",
            maxAttempts: 500,
            lambdaTimeLimitSeconds: 5,
            language: "ja-JP",
          },
          functionArns,
        ),
      );

    // Assess
    expect(act).toThrow(/maxAttempts/);
  });
});
