import { maskPhoneNumber } from "@connect-affinity/core";
import type { Context } from "aws-lambda";
import { type ContactFlowEvent, parseContactFlowEvent } from "./connect-event.js";
import { type Container, getContainer, getLogger, getMetrics } from "./container.js";
import type { FunctionName } from "./manifest/index.js";
import type { HandlerMetrics } from "./metrics.js";

/**
 * Runs one contact-flow invocation: validates the event, tags every log line with the
 * contact, hands the work the container, logs the answer, and logs then rethrows any failure
 * so that Connect takes the flow's error branch.
 */
export async function handleContactFlowEvent<T>(
  functionName: FunctionName,
  event: unknown,
  context: Context | undefined,
  work: (container: Container, event: ContactFlowEvent) => Promise<T>,
  summary: (result: T) => Readonly<Record<string, unknown>>,
  measure: (metrics: HandlerMetrics, result: T) => void,
): Promise<T> {
  const logger = getLogger();
  if (context !== undefined) logger.addContext(context);
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
    const result = await work(await getContainer(), parsed);
    logger.info(`${functionName} answered`, summary(result));
    measure(getMetrics(), result);
    return result;
  } catch (error) {
    logFailure(functionName, error);
    throw error;
  } finally {
    logger.resetKeys();
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
