import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConnectStub, startConnectStub } from "../src/connect-stub.js";
import { defaultAgents } from "../src/handler-harness.js";

let stub: ConnectStub;

beforeAll(async () => {
  stub = await startConnectStub({ instanceId: "i-1", agents: defaultAgents });
});
afterAll(async () => {
  await stub.close();
});

/** The fields of the stub's answers these tests read. */
interface Answer {
  readonly NextToken?: string;
  readonly UserSummaryList?: readonly { readonly Username: string }[];
  readonly UserDataList?: readonly {
    readonly User: { readonly Id: string };
    readonly AvailableSlotsByChannel: { readonly VOICE: number };
  }[];
  readonly Contact?: unknown;
}

async function call(
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<{ status: number; errorType: string | null; json: Answer }> {
  const response = await fetch(`${stub.endpoint}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    errorType: response.headers.get("x-amzn-errortype"),
    json: (await response.json()) as Answer,
  };
}

describe("the Connect stub", () => {
  it("pages ListUsers with Connect's NextToken until every agent was listed", async () => {
    // Act
    const first = await call("GET", "/users-summary/i-1?maxResults=2");
    const second = await call(
      "GET",
      `/users-summary/i-1?maxResults=2&nextToken=${first.json.NextToken}`,
    );

    // Assess
    const names = [first, second].flatMap((page) =>
      (page.json.UserSummaryList ?? []).map((user) => user.Username),
    );
    expect(names).toEqual(["sato", "suzuki", "takahashi"]);
    expect(second.json.NextToken).toBeUndefined();
  });

  it("reports only logged-in agents' current data, with a free voice slot for the available", async () => {
    // Prepare
    const [sato, suzuki, takahashi] = stub.agents;
    if (sato === undefined || suzuki === undefined || takahashi === undefined) {
      throw new Error("the stub has the three default agents");
    }
    suzuki.state = "busy";
    takahashi.state = "offline";

    // Act
    const { json } = await call("POST", "/metrics/userdata/i-1", { Filters: {} });

    // Assess
    const slots = (json.UserDataList ?? []).map((data) => [
      data.User.Id,
      data.AvailableSlotsByChannel.VOICE,
    ]);
    expect(slots).toEqual([
      [sato.id, 1],
      [suzuki.id, 0],
    ]);
  });

  it("searches users by routing profile with their hierarchy group and tags", async () => {
    // Prepare
    const [sato, suzuki] = stub.agents;
    if (sato === undefined || suzuki === undefined) throw new Error("stub agents missing");
    sato.hierarchyGroupId = "group-night";
    sato.tags = { sticky: "off" };

    // Act
    const found = await call("POST", "/search-users", {
      InstanceId: "i-1",
      SearchCriteria: {
        OrConditions: [
          { StringCondition: { FieldName: "RoutingProfileId", Value: sato.routingProfileId } },
        ],
      },
    });

    // Assess
    const users = (
      found.json as {
        readonly Users?: readonly {
          readonly Username: string;
          readonly [field: string]: unknown;
        }[];
      }
    ).Users;
    expect(users?.find((user) => user.Username === "sato")).toMatchObject({
      HierarchyGroupId: "group-night",
      Tags: { sticky: "off" },
    });
    const other = users?.find((user) => user.Username === "suzuki");
    expect(other === undefined || !("HierarchyGroupId" in other)).toBe(true);
    delete sato.hierarchyGroupId;
    delete sato.tags;
  });

  it("answers every call with the configured fault, and counts it", async () => {
    // Prepare
    stub.calls.clear();
    stub.fault = "throttle";

    // Act
    const throttled = await call("GET", "/users-summary/i-1");
    stub.fault = "error";
    const failed = await call("GET", "/users-summary/i-1");
    stub.fault = "none";

    // Assess
    expect([throttled.status, throttled.errorType]).toEqual([429, "ThrottlingException"]);
    expect([failed.status, failed.errorType]).toEqual([500, "InternalServiceException"]);
    expect(stub.calls.get("ListUsers")).toBe(2);
  });

  it("describes a known contact's caller and says ResourceNotFound for any other", async () => {
    // Prepare
    stub.contacts.set("c-1", "+819012345678");

    // Act
    const known = await call("GET", "/contacts/i-1/c-1");
    const unknown = await call("GET", "/contacts/i-1/c-2");

    // Assess
    expect(known.json.Contact).toMatchObject({
      CustomerEndpoint: { Type: "TELEPHONE_NUMBER", Address: "+819012345678" },
    });
    expect([unknown.status, unknown.errorType]).toEqual([404, "ResourceNotFoundException"]);
  });
});
