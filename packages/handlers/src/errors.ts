import { ConnectAffinityError } from "@connect-affinity/core";

/**
 * Errors the handlers raise on purpose. Each has a stable `code`, so a log search or a
 * metric filter can find it, and readonly context naming what was wrong.
 *
 * They are thrown out of the handler: Amazon Connect then takes the flow's error branch, and
 * EventBridge retries the contact-event function. They extend core's `ConnectAffinityError`,
 * so one `instanceof` (or the `code`) covers core's errors and these.
 */

/** One environment variable with a value the function cannot use. */
export interface ConfigurationProblem {
  readonly variable: string;
  readonly problem: string;
}

/**
 * The function's environment variables are missing or invalid. Raised on the first
 * invocation of a container (never at import time) and on every invocation after it, until
 * the deployment is fixed.
 */
export class ConfigurationError extends ConnectAffinityError {
  readonly code = "INVALID_CONFIGURATION";

  constructor(readonly problems: readonly ConfigurationProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.problem}`).join("; ")}`);
  }
}

/**
 * The invocation event does not have the shape this function expects (wrong trigger, a
 * malformed test event, a required field missing).
 */
export class InvalidEventError extends ConnectAffinityError {
  readonly code = "INVALID_EVENT";

  constructor(
    readonly expected: string,
    readonly issues: readonly string[],
  ) {
    super(`Invalid ${expected}: ${issues.join("; ")}`);
  }
}

/**
 * A parameter the flow must pass (`Details.Parameters.<name>`, set in the "Invoke AWS Lambda
 * function" block) is missing, empty or the `none` sentinel.
 */
export class MissingParameterError extends ConnectAffinityError {
  readonly code = "MISSING_PARAMETER";

  constructor(
    readonly functionName: string,
    readonly parameter: string,
  ) {
    super(
      `The ${functionName} function needs the flow to pass the parameter "${parameter}" ` +
        `(Details.Parameters.${parameter}); it was missing, empty or "none"`,
    );
  }
}

/**
 * The router answered with a value Connect would reject (an empty string): a defect, reported
 * instead of handing the flow an empty operand.
 */
export class InvalidResponseError extends ConnectAffinityError {
  readonly code = "INVALID_RESPONSE";

  constructor(
    readonly functionName: string,
    readonly key: string,
  ) {
    super(`The ${functionName} response has no usable value for "${key}"`);
  }
}

/**
 * A secret store could not be read (the parameter or secret is missing, the function's role may
 * not read it or its KMS key, or the service throttled). Not kept: the next invocation tries
 * again.
 */
export class SecretUnavailableError extends ConnectAffinityError {
  readonly code = "SECRET_UNAVAILABLE";

  constructor(
    readonly variable: string,
    readonly reference: string,
    cause: unknown,
  ) {
    super(
      `${variable}: cannot read ${reference} (${errorName(cause)}): check that it exists in the function's Region or the ARN's, and that the role may call ssm:GetParameter or secretsmanager:GetSecretValue on it (and kms:Decrypt on a customer managed key)`,
      { cause },
    );
  }
}

/**
 * The invocation's time budget was spent before the function could decide: on a cold start,
 * fetching the caller-key secret took too long. The work goes on for the next invocation.
 */
export class TimeBudgetSpentError extends ConnectAffinityError {
  readonly code = "TIME_BUDGET_SPENT";

  constructor(readonly during: string) {
    super(`The invocation's time budget was spent while ${during}; the next invocation retries`);
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "unknown error";
}
