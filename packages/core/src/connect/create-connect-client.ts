import { ConnectClient } from "@aws-sdk/client-connect";
import {
  resolveSdkClientOptions,
  type SdkClientOptions,
  sdkClientConfig,
} from "../aws/sdk-client-options.js";

/**
 * Connect attempts per call unless `maxAttempts` says otherwise. Two, not the SDK's three:
 * under Connect's low per-account quotas a throttled call retried at once mostly meets the
 * same throttle, and the adapters degrade (cached roster, unknown presence) instead.
 */
export const defaultConnectMaxAttempts = 2;

/**
 * An Amazon Connect client with explicit timeouts and bounded retries.
 *
 * With the defaults (1,000 ms per attempt, 2 attempts, back-off ≤ 50 ms) one call takes at most
 * 2,050 ms. The endpoint follows the SDK's own configuration, so `AWS_ENDPOINT_URL_CONNECT`
 * (or `AWS_ENDPOINT_URL`) points it at a local Connect stand-in. Create it once per container.
 *
 * @example
 * ```ts
 * import { systemClock } from "@connect-affinity/core";
 * import { ConnectAgentDirectory, createConnectClient } from "@connect-affinity/core/connect";
 *
 * const client = createConnectClient({ region: "eu-west-2" });
 * const directory = new ConnectAgentDirectory({ client, instanceId, clock: systemClock });
 * ```
 */
export function createConnectClient(options: SdkClientOptions = {}): ConnectClient {
  return new ConnectClient(
    sdkClientConfig(resolveSdkClientOptions(options, defaultConnectMaxAttempts)),
  );
}
