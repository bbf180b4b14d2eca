import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectAgentDirectory, createConnectClient } from "../../src/connect/index.js";
import { instanceArn, instanceId, ManualClock } from "./connect-fixtures.js";

let server: Server;
const requests: string[] = [];
let throttling = false;

beforeAll(async () => {
  // A loopback stand-in that answers ListUsers (REST-JSON: GET /users-summary/{InstanceId}).
  server = createServer((request: IncomingMessage, response) => {
    requests.push(request.url ?? "");
    response.setHeader("content-type", "application/json");
    if (throttling) {
      response.statusCode = 429;
      response.setHeader("x-amzn-errortype", "ThrottlingException");
      response.end(JSON.stringify({ message: "Rate exceeded" }));
      return;
    }
    response.end(
      JSON.stringify({
        UserSummaryList: [{ Id: "u-1", Arn: `${instanceArn}/agent/u-1`, Username: "ann" }],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("createConnectClient", () => {
  it("sends to the endpoint named by AWS_ENDPOINT_URL_CONNECT", async () => {
    // Prepare
    const { port } = server.address() as AddressInfo;
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_CONNECT: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
    });
    const client = createConnectClient({ region: "eu-west-2" });
    const directory = new ConnectAgentDirectory({ client, instanceId, clock: new ManualClock() });

    // Act
    const roster = await directory.roster();

    // Assess
    expect(roster.get("u-1")?.username).toBe("ann");
    expect(requests).toEqual([`/users-summary/${instanceId}?maxResults=1000`]);
    client.destroy();
  });

  it("retries a throttled call once by default, then lets the directory degrade", async () => {
    // Prepare
    const { port } = server.address() as AddressInfo;
    Object.assign(process.env, { AWS_ENDPOINT_URL_CONNECT: `http://127.0.0.1:${port}` });
    const client = createConnectClient({ region: "eu-west-2" });
    const directory = new ConnectAgentDirectory({ client, instanceId, clock: new ManualClock() });
    requests.length = 0;
    throttling = true;

    // Act
    const attempt = directory.roster();

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: "DirectoryUnavailableError",
      reason: "throttled",
    });
    expect(requests).toHaveLength(2);
    expect(directory.stats()).toMatchObject({ apiCalls: 1, throttles: 1 });
    throttling = false;
    client.destroy();
  });
});
