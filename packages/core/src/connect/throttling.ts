/**
 * Whether an SDK error means "slow down": Connect answers an exceeded quota with HTTP 429
 * `ThrottlingException` (older operations say `TooManyRequestsException`).
 */
export function isThrottling(error: unknown): boolean {
  if (typeof error !== "object" || error === null) {
    return false;
  }
  const { name, $metadata } = error as {
    readonly name?: unknown;
    readonly $metadata?: { readonly httpStatusCode?: unknown };
  };
  return (
    name === "ThrottlingException" ||
    name === "TooManyRequestsException" ||
    $metadata?.httpStatusCode === 429
  );
}

/** A short description of an error for logs and `PresenceLookup.detail`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return `${error.name}: ${error.message}`;
  }
  return String(error);
}
