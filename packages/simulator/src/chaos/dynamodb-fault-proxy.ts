import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/**
 * How the proxy treats DynamoDB requests: pass them on; drop the connection (`down`); answer
 * after `delayMs` (`slow`); never answer (`hang`); or refuse with
 * `ProvisionedThroughputExceededException` (`throttled`).
 */
export type DynamoDbFaultMode =
  | { readonly kind: "pass" }
  | { readonly kind: "down" }
  | { readonly kind: "slow"; readonly delayMs: number }
  | { readonly kind: "hang" }
  | { readonly kind: "throttled" };

/** A loopback proxy in front of the embedded DynamoDB that injects one fault at a time. */
export interface DynamoDbFaultProxy {
  readonly endpoint: string;
  mode: DynamoDbFaultMode;
  /** Requests seen, faulted or not. */
  requests(): number;
  close(): Promise<void>;
}

/**
 * Starts the proxy. The embedded DynamoDB (dynalite) only knows "up" and "unreachable"; the
 * chaos matrix also needs a slow, a hanging and a throttling DynamoDB, so the handlers are
 * pointed here instead, and this forwards to `upstream` unless a fault applies. `now` stamps the
 * `Date` header of the answers it makes itself (the SDK compares it with its clock).
 */
export async function startDynamoDbFaultProxy(
  upstream: string,
  now: () => number,
): Promise<DynamoDbFaultProxy> {
  const target = new URL(upstream);
  const timers = new Set<NodeJS.Timeout>();
  const held = new Set<ServerResponse>();
  let requests = 0;
  const proxy = {
    endpoint: "",
    mode: { kind: "pass" } as DynamoDbFaultMode,
    requests: () => requests,
    close: async (): Promise<void> => undefined,
  };

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    const upstreamRequest = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstreamRequest.on("error", () => outgoing.destroy());
    incoming.pipe(upstreamRequest);
  };

  const server = createServer((incoming, outgoing) => {
    requests += 1;
    const mode = proxy.mode;
    switch (mode.kind) {
      case "pass":
        forward(incoming, outgoing);
        return;
      case "down":
        incoming.socket.destroy();
        return;
      case "hang":
        held.add(outgoing);
        outgoing.on("close", () => held.delete(outgoing));
        incoming.resume();
        return;
      case "slow": {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!outgoing.destroyed) forward(incoming, outgoing);
        }, mode.delayMs);
        timers.add(timer);
        return;
      }
      case "throttled":
        incoming.resume();
        incoming.on("end", () => {
          outgoing.writeHead(400, {
            "content-type": "application/x-amz-json-1.0",
            date: new Date(now()).toUTCString(),
          });
          outgoing.end(
            JSON.stringify({
              __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
              message: "The level of configured provisioned throughput for the table was exceeded.",
            }),
          );
        });
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      for (const response of held) response.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
