import { createServer, type Server, type Socket } from "node:net";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../src/domain/errors.js";
import { resolveSdkClientOptions, worstCaseCallMs } from "../../src/dynamodb/index.js";
import { type LocalDynamoDb, localClient, startLocalDynamoDb } from "../helpers/local-dynamodb.js";

let local: LocalDynamoDb;
let silent: Server;
const sockets = new Set<Socket>();

beforeAll(async () => {
  local = await startLocalDynamoDb();
  await local.createTable({
    TableName: "endpoint-probe",
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    BillingMode: "PAY_PER_REQUEST",
  });
  // Accepts connections and never answers: only the request timeout can end a call to it.
  silent = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  await local.stop();
});

describe("createDynamoDbClient", () => {
  it("sends to the endpoint named by AWS_ENDPOINT_URL_DYNAMODB", async () => {
    // Prepare
    const client = localClient(local.endpoint);

    // Act
    const { TableNames } = await client.send(new ListTablesCommand({}));

    // Assess
    expect(TableNames).toContain("endpoint-probe");
    client.destroy();
  });

  it("gives up on a server that never answers with a timeout error", async () => {
    // Prepare
    const { port } = silent.address() as { port: number };
    const client = localClient(`http://127.0.0.1:${port}`, {
      requestTimeoutMs: 100,
      maxAttempts: 2,
    });

    // Act
    const call = client.send(new ListTablesCommand({}));

    // Assess
    await expect(call).rejects.toMatchObject({ name: "TimeoutError" });
    client.destroy();
  });

  it("bounds a call with the defaults to 3 attempts of 1 s plus back-off", () => {
    // Act
    const resolved = resolveSdkClientOptions({}, 3);

    // Assess
    expect(resolved).toEqual({ requestTimeoutMs: 1_000, connectionTimeoutMs: 500, maxAttempts: 3 });
    expect(worstCaseCallMs(resolved)).toBe(3_150);
  });

  it("refuses a zero timeout and an unbounded attempt count", () => {
    // Assess
    expect(() => resolveSdkClientOptions({ requestTimeoutMs: 0 }, 3)).toThrow(InvalidOptionError);
    expect(() => resolveSdkClientOptions({ maxAttempts: 50 }, 3)).toThrow(/maxAttempts/);
  });
});
