import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One SSM parameter of the stub: its type and value. */
export interface StubParameter {
  readonly type: "String" | "StringList" | "SecureString";
  readonly value: string;
}

/**
 * A loopback stand-in for SSM Parameter Store (`GetParameter`) and Secrets Manager
 * (`GetSecretValue`) on one port, reached by the real SDK clients through
 * `AWS_ENDPOINT_URL_SSM` and `AWS_ENDPOINT_URL_SECRETS_MANAGER`. Both services speak AWS JSON 1.1
 * (`X-Amz-Target` names the operation), which is all the stub needs of them. A name that is not
 * stored answers the service's own not-found error.
 */
export interface SecretStoreStub {
  readonly endpoint: string;
  /** Parameters by name (`/connect-affinity/prod/caller-key`); an ARN is looked up by its name. */
  readonly parameters: Map<string, StubParameter>;
  /** Secret strings by name; an ARN is looked up by its name (the part after `secret:`). */
  readonly secrets: Map<string, string>;
  /** Reads received, by `X-Amz-Target` (`AmazonSSM.GetParameter`, `secretsmanager.GetSecretValue`). */
  readonly calls: Map<string, number>;
  /** How long every answer waits, in ms (0, the default: at once); a slow store for budget tests. */
  delayMs: number;
  /** The variables that point the SDK's SSM and Secrets Manager clients at the stub. */
  readonly environment: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * Starts the stub on 127.0.0.1, on a free port.
 *
 * @example
 * ```ts
 * const store = await startSecretStoreStub();
 * store.parameters.set("/prod/caller-key", { type: "SecureString", value: "…32 bytes or more…" });
 * ```
 */
export async function startSecretStoreStub(): Promise<SecretStoreStub> {
  const parameters = new Map<string, StubParameter>();
  const secrets = new Map<string, string>();
  const calls = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    void answer(request, response);
  });
  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers["x-amz-target"] ?? "");
    calls.set(target, (calls.get(target) ?? 0) + 1);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<
      string,
      unknown
    >;
    if (stub.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, stub.delayMs);
        timers.add(timer);
      });
    }
    if (response.destroyed) return;
    const send = (status: number, payload: unknown): void => {
      response.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
      response.end(JSON.stringify(payload));
    };
    if (target === "AmazonSSM.GetParameter") {
      const name = String(body["Name"] ?? "").replace(/^arn:[^:]+:ssm:[^:]+:\d+:parameter/, "");
      const parameter = parameters.get(name) ?? parameters.get(name.replace(/^\//, ""));
      if (parameter === undefined) {
        send(400, { __type: "ParameterNotFound", message: `Parameter ${name} not found.` });
        return;
      }
      send(200, {
        Parameter: {
          Name: name,
          Type: parameter.type,
          Value: parameter.value,
          Version: 1,
          ARN: `arn:aws:ssm:ap-northeast-1:123456789012:parameter${name.startsWith("/") ? "" : "/"}${name}`,
        },
      });
      return;
    }
    if (target === "secretsmanager.GetSecretValue") {
      const id = String(body["SecretId"] ?? "").replace(
        /^arn:[^:]+:secretsmanager:[^:]+:\d+:secret:/,
        "",
      );
      const value = secrets.get(id);
      if (value === undefined) {
        send(400, {
          __type: "ResourceNotFoundException",
          message: "Secrets Manager can't find the specified secret.",
        });
        return;
      }
      send(200, {
        ARN: `arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:${id}`,
        Name: id,
        SecretString: value,
        VersionId: "v1",
        VersionStages: ["AWSCURRENT"],
      });
      return;
    }
    send(400, { __type: "UnknownOperationException", message: `unknown ${target}` });
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const stub: SecretStoreStub = {
    endpoint,
    parameters,
    secrets,
    calls,
    delayMs: 0,
    environment: {
      AWS_ENDPOINT_URL_SSM: endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
  return stub;
}
