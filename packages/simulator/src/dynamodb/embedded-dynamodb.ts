import type { IncomingMessage } from "node:http";
import { startDynalite } from "@connect-affinity/testing/dynalite";
import { CapacityMeter, type CapacityReading } from "./capacity-meter.js";

/** Options of `startEmbeddedDynamoDb`. */
export interface EmbeddedDynamoDbOptions {
  /** A directory to keep the data in (LevelDB); default in memory, gone at `stop`. */
  readonly path?: string;
}

/** A running in-process DynamoDB (dynalite) on a loopback port. */
export interface EmbeddedDynamoDb {
  /** `http://127.0.0.1:PORT`: what `AWS_ENDPOINT_URL_DYNAMODB` should be. */
  readonly endpoint: string;
  /** Requests received per operation (`PutItem`, `GetItem`, …), refused ones included. */
  requestCount(): Record<string, number>;
  /** Requests refused while unavailable. */
  refusedCount(): number;
  /** Read and write units consumed, by AWS's rules (see `CapacityMeter`). */
  capacity(): CapacityReading;
  /** Starts the request counts and the capacity afresh. */
  resetCounts(): void;
  /**
   * `false`: every request has its connection dropped before an answer, as with an unreachable
   * service (the SDK sees a network error and retries within its bounds). `true` again serves.
   */
  setAvailable(available: boolean): void;
  /** Closes the server, every connection and the store. */
  stop(): Promise<void>;
}

/**
 * Starts dynalite in this process on 127.0.0.1 (any free port), tables ready at once: the
 * repository's one dynalite server (`@connect-affinity/testing/dynalite`), with counting and an
 * outage switch in front.
 *
 * Every request is counted by its `X-Amz-Target` operation before dynalite sees it, so a run can
 * report how many reads and writes the handlers made, and the read and write units they
 * consumed are counted as DynamoDB would bill them (`capacity()`).
 *
 * @example
 * ```ts
 * const dynamo = await startEmbeddedDynamoDb();
 * process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
 * await ensureTable(dynamo.endpoint, affinityTableInput);
 * ```
 */
export async function startEmbeddedDynamoDb(
  options: EmbeddedDynamoDbOptions = {},
): Promise<EmbeddedDynamoDb> {
  let counts: Record<string, number> = {};
  let refused = 0;
  let available = true;
  const meter = new CapacityMeter();
  const server = await startDynalite({
    observer: meter,
    ...(options.path === undefined ? {} : { path: options.path }),
    beforeRequest: (request: IncomingMessage) => {
      const operation = operationOf(request.headers["x-amz-target"]);
      counts[operation] = (counts[operation] ?? 0) + 1;
      if (available) return "serve";
      refused += 1;
      request.socket.destroy();
      return "handled";
    },
  });
  return {
    endpoint: server.endpoint,
    requestCount: () => ({ ...counts }),
    refusedCount: () => refused,
    capacity: () => meter.reading(),
    resetCounts: () => {
      counts = {};
      refused = 0;
      meter.reset();
    },
    setAvailable: (value) => {
      available = value;
    },
    stop: () => server.stop(),
  };
}

/** `DynamoDB_20120810.PutItem` → `PutItem`; anything else → `unknown`. */
function operationOf(target: string | string[] | undefined): string {
  const value = Array.isArray(target) ? target[0] : target;
  const operation = value?.split(".")[1];
  return operation === undefined || operation === "" ? "unknown" : operation;
}
