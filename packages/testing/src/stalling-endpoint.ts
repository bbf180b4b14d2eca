import { type AddressInfo, createServer, type Socket } from "node:net";

/** A loopback server that accepts every request and never answers it. */
export interface StallingEndpoint {
  /** `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  /** Requests that reached it (one per request head, so a retry counts again). */
  readonly requests: () => number;
  /** Connections the client closed, as a client that gives up (or aborts) does. */
  readonly closedByClient: () => number;
  /** Connections still open. */
  readonly open: () => number;
  close(): Promise<void>;
}

/**
 * A loopback endpoint that takes every request and never answers: a service that hangs. The
 * tests of the handlers' time budget point an SDK client at it and count the requests, so they
 * can tell a call cut off by the budget from one retried until its own timeouts gave up.
 */
export async function stallingEndpoint(): Promise<StallingEndpoint> {
  const sockets = new Set<Socket>();
  let requests = 0;
  let closedByClient = 0;
  let closing = false;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("data", (chunk: Buffer) => {
      // Each request's head starts with its method; one chunk may hold several of them.
      requests += chunk.toString("latin1").match(/^(GET|POST|PUT) /gm)?.length ?? 0;
    });
    socket.on("close", () => {
      sockets.delete(socket);
      if (!closing) closedByClient += 1;
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => requests,
    closedByClient: () => closedByClient,
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
