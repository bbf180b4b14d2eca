import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One agent of the stub's instance. */
export interface StubAgent {
  readonly id: string;
  readonly username: string;
  routingProfileId: string;
  /** available: routable with free slots; busy: routable, no free slot; offline: not logged in. */
  state: "available" | "busy" | "offline";
  /** The user's hierarchy group, when assigned to one (SearchUsers' `HierarchyGroupId`). */
  hierarchyGroupId?: string;
  /** The user's tags (SearchUsers' `Tags`). */
  tags?: Readonly<Record<string, string>>;
}

/** The Connect operations the stub answers. */
export type StubOperation =
  | "ListUsers"
  | "SearchUsers"
  | "DescribeUser"
  | "GetCurrentUserData"
  | "DescribeContact";

/** How the stub answers: normally, or every call with a throttling or server error. */
export type StubFault = "none" | "throttle" | "error";

/**
 * A loopback stand-in for the Amazon Connect API, reached by the real SDK client through
 * `AWS_ENDPOINT_URL_CONNECT`. Just enough of the REST-JSON protocol for the handlers'
 * directory, presence and contact lookups.
 */
export interface ConnectStub {
  readonly endpoint: string;
  readonly instanceId: string;
  readonly instanceArn: string;
  readonly agents: StubAgent[];
  /** Customer address of each contact, for DescribeContact. */
  readonly contacts: Map<string, string | undefined>;
  /** Calls received per operation. */
  readonly calls: Map<StubOperation, number>;
  fault: StubFault;
  agentArn(agentId: string): string;
  close(): Promise<void>;
}

const region = "ap-northeast-1";
const account = "123456789012";

export async function startConnectStub(options: {
  readonly instanceId: string;
  readonly agents: readonly StubAgent[];
}): Promise<ConnectStub> {
  const instanceArn = `arn:aws:connect:${region}:${account}:instance/${options.instanceId}`;
  const agentArn = (id: string): string => `${instanceArn}/agent/${id}`;
  const profileArn = (id: string): string => `${instanceArn}/routing-profile/${id}`;
  const stub = {
    endpoint: "",
    instanceId: options.instanceId,
    instanceArn,
    agents: options.agents.map((agent) => ({ ...agent })),
    contacts: new Map<string, string | undefined>(),
    calls: new Map<StubOperation, number>(),
    fault: "none" as StubFault,
    agentArn,
    close: async (): Promise<void> => undefined,
  };

  const summary = (agent: StubAgent) => ({
    Id: agent.id,
    Arn: agentArn(agent.id),
    Username: agent.username,
    LastModifiedTime: 1_764_000_000,
    LastModifiedRegion: region,
  });

  const operations: {
    readonly operation: StubOperation;
    readonly method: string;
    readonly path: RegExp;
    readonly answer: (match: RegExpExecArray, url: URL, body: RequestBody) => unknown;
  }[] = [
    {
      operation: "ListUsers",
      method: "GET",
      path: /^\/users-summary\/([^/]+)$/,
      answer: (_match, url) => page(stub.agents.map(summary), url.searchParams, "UserSummaryList"),
    },
    {
      operation: "SearchUsers",
      method: "POST",
      path: /^\/search-users$/,
      answer: (_match, _url, body) => {
        const wanted = routingProfileFilter(body);
        const users = stub.agents
          .filter((agent) => wanted === undefined || wanted.includes(agent.routingProfileId))
          .map((agent) => ({
            ...summary(agent),
            RoutingProfileId: agent.routingProfileId,
            ...(agent.hierarchyGroupId === undefined
              ? {}
              : { HierarchyGroupId: agent.hierarchyGroupId }),
            Tags: { ...agent.tags },
          }));
        const params = new URLSearchParams();
        if (typeof body.NextToken === "string") params.set("nextToken", body.NextToken);
        if (typeof body.MaxResults === "number") params.set("maxResults", String(body.MaxResults));
        return { ...page(users, params, "Users"), ApproximateTotalCount: users.length };
      },
    },
    {
      operation: "DescribeUser",
      method: "GET",
      path: /^\/users\/([^/]+)\/([^/]+)$/,
      answer: (match) => {
        const agent = stub.agents.find((candidate) => candidate.id === match[2]);
        if (agent === undefined) throw new StubError(404, "ResourceNotFoundException");
        return {
          User: {
            ...summary(agent),
            RoutingProfileId: agent.routingProfileId,
            SecurityProfileIds: [],
            IdentityInfo: {},
            PhoneConfig: { PhoneType: "SOFT_PHONE" },
          },
        };
      },
    },
    {
      operation: "GetCurrentUserData",
      method: "POST",
      path: /^\/metrics\/userdata\/([^/]+)$/,
      answer: (_match, _url, body) => {
        const filters = (body.Filters ?? {}) as {
          Agents?: string[];
          RoutingProfiles?: string[];
        };
        const requested = (filters.Agents ?? []).map((value) =>
          value.slice(value.lastIndexOf("/") + 1),
        );
        const data = stub.agents
          .filter((agent) => agent.state !== "offline")
          .filter((agent) => filters.Agents === undefined || requested.includes(agent.id))
          .map((agent) => {
            const free = agent.state === "available" ? 1 : 0;
            return {
              User: { Id: agent.id, Arn: agentArn(agent.id) },
              RoutingProfile: {
                Id: agent.routingProfileId,
                Arn: profileArn(agent.routingProfileId),
              },
              Status: {
                StatusName: "Available",
                StatusArn: `${instanceArn}/agent-state/available`,
                StatusStartTimestamp: 1_764_000_000,
              },
              AvailableSlotsByChannel: { VOICE: free, CHAT: free * 2, TASK: free, EMAIL: free },
              MaxSlotsByChannel: { VOICE: 1, CHAT: 2, TASK: 1, EMAIL: 1 },
              ActiveSlotsByChannel: { VOICE: 1 - free, CHAT: 0, TASK: 0, EMAIL: 0 },
              Contacts: [],
            };
          });
        return { UserDataList: data, ApproximateTotalCount: data.length };
      },
    },
    {
      operation: "DescribeContact",
      method: "GET",
      path: /^\/contacts\/([^/]+)\/([^/]+)$/,
      answer: (match) => {
        const contactId = match[2] ?? "";
        if (!stub.contacts.has(contactId)) throw new StubError(404, "ResourceNotFoundException");
        const address = stub.contacts.get(contactId);
        return {
          Contact: {
            Id: contactId,
            Arn: `${instanceArn}/contact/${contactId}`,
            Channel: "VOICE",
            InitiationMethod: "INBOUND",
            ...(address === undefined
              ? {}
              : { CustomerEndpoint: { Type: "TELEPHONE_NUMBER", Address: address } }),
          },
        };
      },
    },
  ];

  const server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const route = operations.find(
      (candidate) => candidate.method === request.method && candidate.path.test(url.pathname),
    );
    if (route === undefined) {
      reply(
        response,
        404,
        { message: `stub: no operation for ${request.method} ${url.pathname}` },
        "UnknownOperationException",
      );
      return;
    }
    stub.calls.set(route.operation, (stub.calls.get(route.operation) ?? 0) + 1);
    if (stub.fault === "throttle") {
      reply(response, 429, { message: "Rate exceeded" }, "ThrottlingException");
      return;
    }
    if (stub.fault === "error") {
      reply(response, 500, { message: "stub failure" }, "InternalServiceException");
      return;
    }
    try {
      const match = route.path.exec(url.pathname) as RegExpExecArray;
      const body = text === "" ? {} : (JSON.parse(text) as RequestBody);
      reply(response, 200, route.answer(match, url, body));
    } catch (error) {
      if (error instanceof StubError)
        reply(response, error.status, { message: error.type }, error.type);
      else reply(response, 500, { message: String(error) }, "InternalServiceException");
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  stub.endpoint = `http://127.0.0.1:${port}`;
  stub.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return stub;
}

/** The request fields the stub reads. */
interface RequestBody {
  readonly NextToken?: unknown;
  readonly MaxResults?: unknown;
  readonly Filters?: unknown;
  readonly SearchCriteria?: unknown;
}

class StubError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
  ) {
    super(type);
  }
}

function reply(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  response.writeHead(status, {
    "content-type": "application/json",
    ...(errorType === undefined ? {} : { "x-amzn-errortype": errorType }),
  });
  response.end(JSON.stringify(body));
}

function page<T>(
  items: readonly T[],
  params: URLSearchParams,
  key: string,
): Record<string, unknown> {
  const size = Number(params.get("maxResults") ?? 100);
  const start = Number(params.get("nextToken") ?? 0);
  const next = start + size;
  return {
    [key]: items.slice(start, next),
    ...(next < items.length ? { NextToken: String(next) } : {}),
  };
}

function routingProfileFilter(body: RequestBody): readonly string[] | undefined {
  // Any string condition on RoutingProfileId, alone or inside an OrConditions list.
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === "object" && node !== null) {
      const { FieldName: field, Value: value } = node as { FieldName?: unknown; Value?: unknown };
      if (field === "RoutingProfileId" && typeof value === "string") found.push(value);
      Object.values(node).forEach(visit);
    }
  };
  visit(body.SearchCriteria);
  return found.length === 0 ? undefined : found;
}
