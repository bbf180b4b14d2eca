import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";

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
 * Starts dynalite in this process on 127.0.0.1 (any free port), tables ready at once.
 *
 * Every request is counted by its `X-Amz-Target` operation before dynalite sees it, so a run can
 * report how many reads and writes the handlers made.
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
  // Tables become ACTIVE without dynalite's default half-second CREATING delay (wall time).
  const server = dynalite({
    ...(options.path === undefined ? {} : { path: options.path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const served = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  let counts: Record<string, number> = {};
  let refused = 0;
  let available = true;
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    const operation = operationOf(request.headers["x-amz-target"]);
    counts[operation] = (counts[operation] ?? 0) + 1;
    if (!available) {
      refused += 1;
      request.socket.destroy();
      return;
    }
    for (const listener of served) {
      listener.call(server, request, response);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requestCount: () => ({ ...counts }),
    refusedCount: () => refused,
    resetCounts: () => {
      counts = {};
      refused = 0;
    },
    setAvailable: (value) => {
      available = value;
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve, reject) => {
        // dynalite's close reports success as `null`.
        server.close((error) => (error instanceof Error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

/** `DynamoDB_20120810.PutItem` → `PutItem`; anything else → `unknown`. */
function operationOf(target: string | string[] | undefined): string {
  const value = Array.isArray(target) ? target[0] : target;
  const operation = value?.split(".")[1];
  return operation === undefined || operation === "" ? "unknown" : operation;
}
