import type { Context } from "aws-lambda";
import { afterEach, describe, expect, it, vi } from "vitest";
import { answerWithinMs, startInvocationBudget } from "../src/invocation-budget.js";

const remaining = (ms: number): Pick<Context, "getRemainingTimeInMillis"> => ({
  getRemainingTimeInMillis: () => ms,
});

describe("startInvocationBudget", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("gives the dependencies 3.5 s of the 4 s answer budget when the Lambda has more left", () => {
    // Prepare
    vi.useFakeTimers();

    // Act
    const budget = startInvocationBudget(remaining(5_000));
    vi.advanceTimersByTime(3_499);
    const before = budget.signal.aborted;
    vi.advanceTimersByTime(1);

    // Assess
    expect(answerWithinMs).toBe(4_000);
    expect(budget.dependencyMs).toBe(3_500);
    expect(before).toBe(false);
    expect(budget.signal.aborted).toBe(true);
    expect(budget.signal.reason).toMatchObject({ name: "TimeoutError" });
  });

  it("budgets from what the Lambda context says remains when that is less", () => {
    // Act
    const budget = startInvocationBudget(remaining(1_300));
    budget.dispose();

    // Assess
    expect(budget.dependencyMs).toBe(800);
  });

  it("budgets 4 s without a Lambda context, and never less than nothing", () => {
    // Act
    const without = startInvocationBudget(undefined);
    const spent = startInvocationBudget(remaining(100));
    without.dispose();
    spent.dispose();

    // Assess
    expect(without.dependencyMs).toBe(3_500);
    expect(spent.dependencyMs).toBe(0);
  });

  it("never aborts once disposed", () => {
    // Prepare
    vi.useFakeTimers();
    const budget = startInvocationBudget(undefined);

    // Act
    budget.dispose();
    vi.advanceTimersByTime(10_000);

    // Assess
    expect(budget.signal.aborted).toBe(false);
  });
});
