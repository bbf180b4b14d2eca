import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";
import { type DynaliteObserver, observedDynalite } from "./dynalite-observer.js";

/** Options of {@link startDynalite}. */
export interface DynaliteServerOptions {
  /** A directory to keep the data in (LevelDB); default in memory, gone at `stop`. */
  readonly path?: string;
  /**
   * Sees every request before dynalite does. Answer `"serve"` to let dynalite answer it, or
   * `"handled"` when the hook has answered or dropped it itself.
   */
  readonly beforeRequest?: (request: IncomingMessage, response: ServerResponse) => RequestVerdict;
  /**
   * Sees the items every write replaced, every refused condition, every item read (for capacity
   * accounting; see `DynaliteObserver`). Observing changes nothing the clients receive.
   */
  readonly observer?: DynaliteObserver;
}

/** What {@link DynaliteServerOptions.beforeRequest} decided about a request. */
export type RequestVerdict = "serve" | "handled";

/** A dynalite server listening on a loopback port. */
export interface DynaliteServer {
  /** `http://127.0.0.1:PORT`: an SDK client's `endpoint`, or `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  /** Closes every connection, the server and its store; later calls return the same promise. */
  stop(): Promise<void>;
}

/**
 * Starts dynalite in this process on 127.0.0.1 (a free port), with tables ACTIVE at once instead
 * of after dynalite's default half-second of CREATING.
 *
 * The one place the repository starts dynalite: the tests' local DynamoDB and the simulator's
 * embedded DynamoDB both build on it.
 */
export async function startDynalite(options: DynaliteServerOptions = {}): Promise<DynaliteServer> {
  const create = () =>
    dynalite({
      ...(options.path === undefined ? {} : { path: options.path }),
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
    });
  const server =
    options.observer === undefined ? create() : observedDynalite(options.observer, create);
  const { beforeRequest } = options;
  if (beforeRequest !== undefined) {
    const served = server.listeners("request") as RequestListener[];
    server.removeAllListeners("request");
    server.on("request", (request: IncomingMessage, response: ServerResponse) => {
      if (beforeRequest(request, response) === "handled") return;
      for (const listener of served) listener.call(server, request, response);
    });
  }
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

export type {
  DynaliteIndex,
  DynaliteItem,
  DynaliteKeyElement,
  DynaliteObserver,
  DynaliteTable,
} from "./dynalite-observer.js";
