import { type CallOptions, maskPhoneNumber } from "@connect-affinity/core";
import type { Context } from "aws-lambda";
import { type ContactFlowEvent, parseContactFlowEvent } from "./connect-event.js";
import { type Container, getContainer, getLogger, getMetrics } from "./container.js";
import { ConfigurationError, TimeBudgetSpentError } from "./errors.js";
import { startInvocationBudget } from "./invocation-budget.js";
import type { FunctionName } from "./manifest/index.js";
import type { HandlerMetrics } from "./metrics.js";

/** The functions that sign or check the routing cursor, and so cannot run without its key. */
const cursorFunctions: ReadonlySet<FunctionName> = new Set(["route", "next-agent"]);

/**
 * Runs one contact-flow invocation: validates the event, tags every log line with the
 * contact, hands the work the container and the invocation's time budget (`options.signal`,
 * see `startInvocationBudget`: the answer comes within 4 s whatever the dependencies do), logs
 * the answer, and logs then rethrows any failure so that Connect takes the flow's error branch.
 */
export async function handleContactFlowEvent<T>(
  functionName: FunctionName,
  event: unknown,
  context: Context | undefined,
  work: (container: Container, event: ContactFlowEvent, options: CallOptions) => Promise<T>,
  summary: (result: T) => Readonly<Record<string, unknown>>,
  measure: (metrics: HandlerMetrics, result: T) => void,
): Promise<T> {
  const logger = getLogger();
  if (context !== undefined) logger.addContext(context);
  const budget = startInvocationBudget(context);
  try {
    const parsed = parseContactFlowEvent(event);
    logger.appendKeys({
      contactId: parsed.Details.ContactData.ContactId,
      channel: parsed.Details.ContactData.Channel,
    });
    // Masked here and again by the logger's replacer: a number must never reach a log line.
    logger.debug("Contact", {
      caller: maskPhoneNumber(parsed.Details.ContactData.CustomerEndpoint?.Address),
    });
    const container = await containerWithin(budget.signal);
    if (cursorFunctions.has(functionName) && !container.signsCursors) {
      throw new ConfigurationError([
        {
          variable: "CURSOR_SIGNING_KEY",
          problem:
            "or a caller-key secret (CALLER_KEY_SECRET_REF) must be set: route signs the routing cursor and next-agent checks it",
        },
      ]);
    }
    const result = await work(container, parsed, { signal: budget.signal });
    logger.info(`${functionName} answered`, {
      ...summary(result),
      ...(budget.signal.aborted ? { timeBudgetSpent: true, budgetMs: budget.dependencyMs } : {}),
    });
    measure(getMetrics(), result);
    return result;
  } catch (error) {
    logFailure(functionName, error);
    throw error;
  } finally {
    budget.dispose();
    logger.resetKeys();
  }
}

/**
 * The container, within the invocation's budget: a cold start whose secret fetch outlasts the
 * budget fails in time (Connect takes the error branch) rather than at the Lambda timeout. The
 * fetch goes on, and the next invocation finds the container ready.
 */
export async function containerWithin(signal: AbortSignal): Promise<Container> {
  const pending = getContainer();
  let stop: (() => void) | undefined;
  const spent = new Promise<never>((_, reject) => {
    stop = () => reject(new TimeBudgetSpentError("loading the configuration and secrets"));
    if (signal.aborted) stop();
    else signal.addEventListener("abort", stop, { once: true });
  });
  try {
    return await Promise.race([pending, spent]);
  } finally {
    if (stop !== undefined) signal.removeEventListener("abort", stop);
  }
}

/** Logs a failure with its stable code, when it has one. */
export function logFailure(functionName: FunctionName, error: unknown): void {
  const code =
    typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
      ? error.code
      : "UNEXPECTED";
  getLogger().error(`${functionName} failed`, {
    errorCode: code,
    error: error instanceof Error ? error : new Error(String(error)),
  });
  // A dimension takes a closed set of values: our codes and Node's (ECONNREFUSED…), not free text.
  getMetrics().handlerError(functionName, /^[A-Z][A-Z_]{2,39}$/.test(code) ? code : "UNEXPECTED");
}
