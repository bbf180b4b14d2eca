import { setMaxListeners } from "node:events";
import type { Context } from "aws-lambda";

/** The longest a flow function may take to answer: inside Connect's 8 s and the Lambda timeout. */
export const answerWithinMs = 4_000;

/** What a function keeps, after its dependencies are cut off, to decide and answer. */
export const answerReserveMs = 500;

/** How long the agent-events consumer may take (its Lambda timeout is 30 s), and its reserve. */
export const consumerBudget = { answerWithinMs: 28_000, reserveMs: 2_000 } as const;

/** The time budget of one invocation: a signal that aborts when its dependencies must stop. */
export interface InvocationBudget {
  /** Aborts (with a `TimeoutError`) when the dependencies' share of the budget is spent. */
  readonly signal: AbortSignal;
  /** The dependencies' share, in ms from the start of the invocation. */
  readonly dependencyMs: number;
  /** Clears the timer; call it when the invocation ends. */
  dispose(): void;
}

/**
 * Starts an invocation's time budget: the function answers within `answerWithinMs` (4 s), or
 * sooner when the Lambda context says less time remains, and its dependencies get that minus
 * `reserveMs` (0.5 s kept to decide and answer). The budget is measured with a timer, not the
 * clock, so a simulation's clock does not stretch it.
 *
 * @example
 * ```ts
 * const budget = startInvocationBudget(context);
 * try { return await router.route(contact, { signal: budget.signal }); } finally { budget.dispose(); }
 * ```
 */
export function startInvocationBudget(
  context: Pick<Context, "getRemainingTimeInMillis"> | undefined,
  limits: { readonly answerWithinMs: number; readonly reserveMs: number } = {
    answerWithinMs,
    reserveMs: answerReserveMs,
  },
): InvocationBudget {
  const remaining = remainingMs(context);
  const dependencyMs = Math.max(
    0,
    Math.min(limits.answerWithinMs, remaining ?? limits.answerWithinMs) - limits.reserveMs,
  );
  const controller = new AbortController();
  // One listener per port call and SDK request in flight (and per combined signal): a route
  // holds a dozen at once, past Node's default warning threshold of 10.
  setMaxListeners(64, controller.signal);
  const timer = setTimeout(() => {
    const error = new Error(`the invocation's time budget of ${dependencyMs} ms is spent`);
    error.name = "TimeoutError";
    controller.abort(error);
  }, dependencyMs);
  // The budget never keeps a process alive by itself.
  timer.unref();
  return { signal: controller.signal, dependencyMs, dispose: () => clearTimeout(timer) };
}

function remainingMs(
  context: Pick<Context, "getRemainingTimeInMillis"> | undefined,
): number | undefined {
  const remaining = context?.getRemainingTimeInMillis?.();
  return typeof remaining === "number" && Number.isFinite(remaining) ? remaining : undefined;
}
