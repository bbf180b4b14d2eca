import { NodeHttpHandler } from "@smithy/node-http-handler";
import { InvalidOptionError } from "../domain/errors.js";
import { nonBlankString, optionObject, rejectUnknownKeys } from "../options/option-checks.js";
import { BoundedRetryStrategy } from "./bounded-retry-strategy.js";

/**
 * How an SDK client made by `createDynamoDbClient` / `createConnectClient` talks to AWS.
 *
 * Every field is optional; the defaults keep the worst case of one call far inside Amazon
 * Connect's 8-second limit for a Lambda function invoked from a flow.
 */
export interface SdkClientOptions {
  /** AWS Region; defaults to the SDK's own resolution (`AWS_REGION` in Lambda). */
  readonly region?: string;
  /** Upper bound of one attempt, connection included (ms). Default 1,000. */
  readonly requestTimeoutMs?: number;
  /** Upper bound of the TCP/TLS connection phase of one attempt (ms). Default 500. */
  readonly connectionTimeoutMs?: number;
  /** Attempts per call, the first included. Default 3 for DynamoDB, 2 for Connect. */
  readonly maxAttempts?: number;
}

const optionNames: Readonly<Record<keyof SdkClientOptions, true>> = {
  region: true,
  requestTimeoutMs: true,
  connectionTimeoutMs: true,
  maxAttempts: true,
};

/** The values `createDynamoDbClient` / `createConnectClient` resolve `SdkClientOptions` to. */
export interface ResolvedSdkClientOptions {
  readonly region?: string;
  readonly requestTimeoutMs: number;
  readonly connectionTimeoutMs: number;
  readonly maxAttempts: number;
}

/** Defaults shared by both clients; only `maxAttempts` differs per service. */
export const defaultRequestTimeoutMs = 1_000;
/** Default connection-phase timeout (ms). */
export const defaultConnectionTimeoutMs = 500;

/**
 * Validates `options` and fills in the defaults.
 *
 * @throws InvalidOptionError for an unknown option, or a non-positive or non-integer timeout or
 *   attempt count.
 */
export function resolveSdkClientOptions(
  options: SdkClientOptions,
  defaultMaxAttempts: number,
): ResolvedSdkClientOptions {
  rejectUnknownKeys(optionObject("options", options), Object.keys(optionNames));
  if (options.region !== undefined) nonBlankString("region", options.region);
  const requestTimeoutMs = positiveInteger(
    "requestTimeoutMs",
    options.requestTimeoutMs ?? defaultRequestTimeoutMs,
  );
  const connectionTimeoutMs = positiveInteger(
    "connectionTimeoutMs",
    options.connectionTimeoutMs ?? Math.min(defaultConnectionTimeoutMs, requestTimeoutMs),
  );
  const maxAttempts = positiveInteger("maxAttempts", options.maxAttempts ?? defaultMaxAttempts);
  if (maxAttempts > 10) {
    throw new InvalidOptionError("maxAttempts", `must be at most 10, got ${maxAttempts}`);
  }
  return {
    ...(options.region === undefined ? {} : { region: options.region }),
    requestTimeoutMs,
    connectionTimeoutMs,
    maxAttempts,
  };
}

/**
 * The client configuration both factories share: a Node HTTP handler whose request timeout
 * really throws (the SDK only warns unless `throwOnRequestTimeout` is set) and a retry strategy
 * whose total delay is bounded.
 */
export function sdkClientConfig(resolved: ResolvedSdkClientOptions): {
  readonly region?: string;
  readonly maxAttempts: number;
  readonly requestHandler: NodeHttpHandler;
  readonly retryStrategy: BoundedRetryStrategy;
} {
  return {
    ...(resolved.region === undefined ? {} : { region: resolved.region }),
    maxAttempts: resolved.maxAttempts,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: resolved.connectionTimeoutMs,
      requestTimeout: resolved.requestTimeoutMs,
      throwOnRequestTimeout: true,
      socketTimeout: resolved.requestTimeoutMs,
    }),
    retryStrategy: new BoundedRetryStrategy({ maxAttempts: resolved.maxAttempts }),
  };
}

/**
 * The longest one SDK call can take with these options: every attempt runs into its timeout
 * and every retry waits the longest back-off.
 *
 * @example
 * ```ts
 * import { resolveSdkClientOptions, worstCaseCallMs } from "@connect-affinity/core/dynamodb";
 *
 * worstCaseCallMs(resolveSdkClientOptions({}, 3)); // 3 × 1,000 + 50 + 100 = 3,150
 * ```
 */
export function worstCaseCallMs(resolved: ResolvedSdkClientOptions): number {
  let total = resolved.maxAttempts * resolved.requestTimeoutMs;
  for (let retry = 0; retry < resolved.maxAttempts - 1; retry++) {
    total += BoundedRetryStrategy.maxDelayMs(retry);
  }
  return total;
}

function positiveInteger(option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new InvalidOptionError(option, `must be a positive integer, got ${String(value)}`);
  }
  return value;
}
