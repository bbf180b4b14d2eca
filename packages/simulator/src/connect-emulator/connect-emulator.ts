import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { AgentFloor } from "../agents/agent-floor.js";
import { idFromIdOrArn, stableId } from "../agents/connect-resource-names.js";
import type { SimAgent } from "../agents/sim-agent.js";
import type { SimulatedClock } from "../clock/simulated-clock.js";
import {
  type ApiQuota,
  type ConnectApiName,
  defaultApiQuota,
  type PerApi,
  zeroPerApi,
} from "./connect-api.js";
import { ConnectApiError, invalidParameter } from "./connect-api-error.js";
import { FaultInjector, type FaultRule } from "./fault-rule.js";
import { decodePageToken, encodePageToken } from "./page-token.js";
import { TokenBucket } from "./token-bucket.js";
import { matchesUserSearch, userSearchCriteriaSchema } from "./user-search-criteria.js";
import {
  type UserViewContext,
  userDataOf,
  userOf,
  userSearchSummaryOf,
  userSummaryOf,
} from "./user-views.js";

/** Options of `ConnectEmulator`. */
export interface ConnectEmulatorOptions {
  /** The simulated instance; its `location.instanceId` is the only instance that exists. */
  readonly floor: AgentFloor;
  /** Refills the quotas and places fault windows; the same clock as the floor's. */
  readonly clock: SimulatedClock;
  /** Per-API rate quotas; default 2 requests/s, burst 5 (Connect's published defaults). */
  readonly quotas?: Partial<Record<ConnectApiName, ApiQuota>>;
  readonly faults?: readonly FaultRule[];
  /** Seeds the fault probabilities. Default 1. */
  readonly seed?: number;
  /** Loopback port; default 0 (any free port). */
  readonly port?: number;
}

/** What the emulator answered since start (or the last `resetStats`). */
export interface ConnectEmulatorStats {
  /** Requests received, per API, whatever the answer. */
  readonly calls: PerApi<number>;
  /** Answered `ThrottlingException`: quota exceeded or an injected throttle. */
  readonly throttled: PerApi<number>;
  /** Answered `InternalServiceException` by an injected fault. */
  readonly injectedErrors: PerApi<number>;
  /** Delayed by an injected latency. */
  readonly delayed: PerApi<number>;
  /** Answered another 4xx (bad parameter, unknown instance or user). */
  readonly clientErrors: PerApi<number>;
}

/** Documented page-size ranges (`MaxResults`), and the size the service uses when none is given. */
const pageLimits: PerApi<{ readonly max: number; readonly fallback: number }> = {
  ListUsers: { max: 1000, fallback: 100 },
  SearchUsers: { max: 500, fallback: 100 },
  DescribeUser: { max: 0, fallback: 0 },
  GetCurrentUserData: { max: 100, fallback: 100 },
};
/** `UserDataFilters`: up to 100 agents, queues or routing profiles, exactly one hierarchy group. */
const maxFilterValues = 100;
const maxBodyBytes = 1024 * 1024;
const contactStates = [
  "INCOMING",
  "PENDING",
  "CONNECTING",
  "CONNECTED",
  "CONNECTED_ONHOLD",
  "MISSED",
  "ERROR",
  "ENDED",
  "REJECTED",
] as const;

const searchUsersBody = z.object({
  InstanceId: z.string().optional(),
  NextToken: z.string().optional(),
  MaxResults: z.number().optional(),
  SearchFilter: z.unknown().optional(),
  SearchCriteria: userSearchCriteriaSchema.optional(),
});

const idList = z.array(z.string()).optional();
const currentUserDataBody = z.object({
  Filters: z
    .object({
      Queues: idList,
      ContactFilter: z.object({ ContactStates: z.array(z.string()).optional() }).optional(),
      RoutingProfiles: idList,
      Agents: idList,
      UserHierarchyGroups: idList,
    })
    .optional(),
  NextToken: z.string().optional(),
  MaxResults: z.number().optional(),
});

type Route =
  | { readonly api: "ListUsers"; readonly instanceId: string }
  | { readonly api: "SearchUsers" }
  | { readonly api: "DescribeUser"; readonly instanceId: string; readonly userId: string }
  | { readonly api: "GetCurrentUserData"; readonly instanceId: string };

/**
 * A loopback HTTP server that answers the Amazon Connect REST-JSON APIs the routing adapters
 * use (`ListUsers`, `SearchUsers`, `DescribeUser`, `GetCurrentUserData`) from an `AgentFloor`,
 * so the unmodified `@aws-sdk/client-connect` works against it through
 * `AWS_ENDPOINT_URL_CONNECT` (any credentials; signatures are not checked).
 *
 * Like the service it pages with `NextToken` within the documented `MaxResults` ranges,
 * enforces a per-API token bucket (refilled by the simulated clock) with
 * `ThrottlingException` (HTTP 429), and answers errors with the `x-amzn-ErrorType` header the
 * SDK reads. Faults (throttles, errors, latency) can be injected per API and time window.
 *
 * @example
 * ```ts
 * const emulator = new ConnectEmulator({ floor, clock });
 * const { endpoint } = await emulator.start();
 * const client = new ConnectClient({ endpoint, region: "eu-west-2", credentials });
 * ```
 */
export class ConnectEmulator {
  readonly #floor: AgentFloor;
  readonly #clock: SimulatedClock;
  readonly #quotas: PerApi<ApiQuota>;
  #buckets: PerApi<TokenBucket>;
  readonly #faults: FaultInjector;
  readonly #port: number;
  readonly #views: UserViewContext;
  #stats = emptyStats();
  #server: Server | undefined;
  #requestCount = 0;

  constructor(options: ConnectEmulatorOptions) {
    this.#floor = options.floor;
    this.#clock = options.clock;
    const quotaOf = (api: ConnectApiName): ApiQuota => options.quotas?.[api] ?? defaultApiQuota;
    this.#quotas = {
      ListUsers: quotaOf("ListUsers"),
      SearchUsers: quotaOf("SearchUsers"),
      DescribeUser: quotaOf("DescribeUser"),
      GetCurrentUserData: quotaOf("GetCurrentUserData"),
    };
    this.#buckets = this.#freshBuckets();
    this.#faults = new FaultInjector(options.faults ?? [], options.seed ?? 1);
    this.#port = options.port ?? 0;
    this.#views = {
      securityProfileId: stableId(`${options.floor.location.instanceId}:security-profile:Agent`),
      region: options.floor.location.region,
      modifiedAt: options.clock.start,
    };
  }

  /** Listens on 127.0.0.1; the endpoint is what `AWS_ENDPOINT_URL_CONNECT` should be. */
  async start(): Promise<{ readonly endpoint: string }> {
    if (this.#server !== undefined) {
      return { endpoint: this.endpoint };
    }
    const server = createServer((request, response) => {
      void this.#handle(request, response);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.#server = server;
    return { endpoint: this.endpoint };
  }

  /** `http://127.0.0.1:PORT`; throws before `start`. */
  get endpoint(): string {
    const address = this.#server?.address();
    if (address === undefined || address === null || typeof address === "string") {
      throw new Error("ConnectEmulator is not started");
    }
    return `http://127.0.0.1:${(address as AddressInfo).port}`;
  }

  /** Closes the server and every kept-alive connection. */
  async stop(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    this.#server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Counters since start or the last `resetStats`. */
  stats(): ConnectEmulatorStats {
    return {
      calls: { ...this.#stats.calls },
      throttled: { ...this.#stats.throttled },
      injectedErrors: { ...this.#stats.injectedErrors },
      delayed: { ...this.#stats.delayed },
      clientErrors: { ...this.#stats.clientErrors },
    };
  }

  /** Zeroes the counters (quotas keep their state). */
  resetStats(): void {
    this.#stats = emptyStats();
  }

  /** Refills every token bucket, e.g. between benchmark runs. */
  resetQuotas(): void {
    this.#buckets = this.#freshBuckets();
  }

  #freshBuckets(): PerApi<TokenBucket> {
    const now = this.#clock.now();
    return {
      ListUsers: new TokenBucket(this.#quotas.ListUsers, now),
      SearchUsers: new TokenBucket(this.#quotas.SearchUsers, now),
      DescribeUser: new TokenBucket(this.#quotas.DescribeUser, now),
      GetCurrentUserData: new TokenBucket(this.#quotas.GetCurrentUserData, now),
    };
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.#requestCount += 1;
    const requestId = stableId(`connect-emulator:request:${this.#requestCount}`);
    let api: ConnectApiName | undefined;
    try {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      const route = routeOf(request.method ?? "GET", url.pathname);
      if (route === undefined) {
        throw new ConnectApiError(
          "UnknownOperationException",
          `${request.method} ${url.pathname} is not an operation the emulator knows.`,
        );
      }
      api = route.api;
      this.#stats.calls[api] += 1;
      const body = await readBody(request);
      const decision = this.#faults.decide(api, this.#clock.now() - this.#clock.start);
      if (decision.delayMs > 0) {
        this.#stats.delayed[api] += 1;
        await sleep(decision.delayMs);
      }
      if (decision.failure === "throttle" || !this.#buckets[api].tryTake(this.#clock.now())) {
        throw new ConnectApiError("ThrottlingException", "Rate exceeded");
      }
      if (decision.failure === "error") {
        throw new ConnectApiError("InternalServiceException", "Injected fault: internal error.");
      }
      send(response, 200, requestId, this.#answer(route, url.searchParams, body));
    } catch (error) {
      const failure =
        error instanceof ConnectApiError
          ? error
          : new ConnectApiError("InternalServiceException", "The emulator failed to answer.");
      if (api !== undefined) this.#count(api, failure);
      response.setHeader("x-amzn-ErrorType", failure.code);
      send(response, failure.status, requestId, { Message: failure.message });
    }
  }

  #count(api: ConnectApiName, failure: ConnectApiError): void {
    if (failure.code === "ThrottlingException") this.#stats.throttled[api] += 1;
    else if (failure.code === "InternalServiceException") this.#stats.injectedErrors[api] += 1;
    else if (failure.status < 500) this.#stats.clientErrors[api] += 1;
  }

  #answer(route: Route, query: URLSearchParams, body: unknown): object {
    switch (route.api) {
      case "ListUsers":
        return this.#listUsers(route.instanceId, query);
      case "SearchUsers":
        return this.#searchUsers(body);
      case "DescribeUser":
        return this.#describeUser(route.instanceId, route.userId);
      case "GetCurrentUserData":
        return this.#currentUserData(route.instanceId, body);
    }
  }

  #listUsers(instanceId: string, query: URLSearchParams): object {
    this.#requireInstance(instanceId);
    const rawMax = query.get("maxResults");
    const maxResults = pageSize("ListUsers", rawMax === null ? undefined : Number(rawMax));
    const scope = `ListUsers:${instanceId}`;
    const page = paged(
      this.#floor.list(),
      scope,
      decodePageToken(scope, query.get("nextToken") ?? undefined),
      maxResults,
    );
    return {
      UserSummaryList: page.items.map((agent) => userSummaryOf(agent, this.#views)),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  }

  #searchUsers(body: unknown): object {
    const input = parse(searchUsersBody, body);
    if (input.InstanceId === undefined || input.InstanceId === "") {
      throw invalidParameter("InstanceId is required.");
    }
    this.#requireInstance(input.InstanceId);
    if (input.SearchFilter !== undefined) {
      throw invalidParameter(
        "SearchFilter (tags, user attributes) is not supported by the emulator.",
      );
    }
    const maxResults = pageSize("SearchUsers", input.MaxResults);
    const criteria = input.SearchCriteria;
    const matching =
      criteria === undefined
        ? this.#floor.list()
        : this.#floor
            .list()
            .filter((agent) => matchesUserSearch(criteria, agent, this.#views.securityProfileId));
    const scope = `SearchUsers:${input.InstanceId}:${JSON.stringify(criteria ?? null)}`;
    const page = paged(matching, scope, decodePageToken(scope, input.NextToken), maxResults);
    return {
      Users: page.items.map((agent) => userSearchSummaryOf(agent, this.#views)),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
      ApproximateTotalCount: matching.length,
    };
  }

  #describeUser(instanceId: string, userId: string): object {
    this.#requireInstance(instanceId);
    const agent = this.#floor.get(userId);
    if (agent === undefined) {
      throw new ConnectApiError("ResourceNotFoundException", `User ${userId} not found.`);
    }
    return { User: userOf(agent, this.#views) };
  }

  #currentUserData(instanceId: string, body: unknown): object {
    this.#requireInstance(instanceId);
    const input = parse(currentUserDataBody, body);
    const maxResults = pageSize("GetCurrentUserData", input.MaxResults);
    const filters = input.Filters;
    if (filters === undefined) {
      throw invalidParameter("Filters is required.");
    }
    const selectors = (
      [
        ["Agents", filters.Agents],
        ["Queues", filters.Queues],
        ["RoutingProfiles", filters.RoutingProfiles],
        ["UserHierarchyGroups", filters.UserHierarchyGroups],
      ] as const
    ).filter(([, values]) => values !== undefined);
    const [selector, ...others] = selectors;
    if (selector === undefined || others.length > 0) {
      throw invalidParameter(
        "Filters must hold exactly one of Agents, Queues, RoutingProfiles or UserHierarchyGroups.",
      );
    }
    const [name, values = []] = selector;
    const limit = name === "UserHierarchyGroups" ? 1 : maxFilterValues;
    if (values.length < 1 || values.length > limit) {
      throw invalidParameter(
        `Filters.${name} must hold between 1 and ${limit} values, got ${values.length}.`,
      );
    }
    const states = filters.ContactFilter?.ContactStates;
    if (states !== undefined) {
      const unknown = states.find((state) => !contactStates.some((known) => known === state));
      if (unknown !== undefined || states.length > contactStates.length) {
        throw invalidParameter(`Invalid ContactFilter.ContactStates value ${unknown}.`);
      }
    }
    const wanted = new Set(values.map((value) => this.#idOf(name, value)));
    // An agent filter names its agents: look them up rather than scan the floor.
    const candidates =
      name === "Agents"
        ? [...wanted].flatMap((id) => this.#floor.get(id) ?? [])
        : this.#floor.list().filter((agent) => {
            const key = filterKeyOf(name, agent);
            return key !== undefined && wanted.has(key);
          });
    const selected = candidates.filter(
      (agent) =>
        // Connect reports only logged-in agents: an offline agent is simply absent.
        agent.status.type !== "OFFLINE" &&
        // Simulated contacts are all CONNECTED.
        (states === undefined || (states.includes("CONNECTED") && agent.contacts.length > 0)),
    );
    const scope = `GetCurrentUserData:${instanceId}:${JSON.stringify(filters)}`;
    const page = paged(selected, scope, decodePageToken(scope, input.NextToken), maxResults);
    return {
      UserDataList: page.items.map((agent) => userDataOf(agent)),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
      ApproximateTotalCount: selected.length,
    };
  }

  #idOf(
    filter: "Agents" | "Queues" | "RoutingProfiles" | "UserHierarchyGroups",
    idOrArn: string,
  ): string {
    const location = this.#floor.location;
    const kinds =
      filter === "Agents"
        ? (["user", "agent"] as const)
        : filter === "Queues"
          ? (["queue"] as const)
          : filter === "RoutingProfiles"
            ? (["routing-profile"] as const)
            : (["agent-group"] as const);
    // An ARN of another instance or kind matches nobody, as an unknown ID does.
    return idFromIdOrArn(location, kinds, idOrArn) ?? `\u0000${idOrArn}`;
  }

  #requireInstance(instanceIdOrArn: string): void {
    const { instanceId } = this.#floor.location;
    if (instanceIdOrArn !== instanceId && instanceIdOrArn !== this.#floor.instanceArn) {
      throw new ConnectApiError(
        "ResourceNotFoundException",
        `Instance ${instanceIdOrArn} not found.`,
      );
    }
  }
}

/** The agent's ID, queue, routing profile or hierarchy group: what a filter of `name` compares. */
function filterKeyOf(
  name: "Agents" | "Queues" | "RoutingProfiles" | "UserHierarchyGroups",
  agent: SimAgent,
): string | undefined {
  switch (name) {
    case "Agents":
      return agent.id;
    case "Queues":
      return agent.queueId;
    case "RoutingProfiles":
      return agent.routingProfileId;
    case "UserHierarchyGroups":
      return agent.hierarchyGroupId;
  }
}

function emptyStats(): {
  calls: PerApi<number>;
  throttled: PerApi<number>;
  injectedErrors: PerApi<number>;
  delayed: PerApi<number>;
  clientErrors: PerApi<number>;
} {
  return {
    calls: zeroPerApi(),
    throttled: zeroPerApi(),
    injectedErrors: zeroPerApi(),
    delayed: zeroPerApi(),
    clientErrors: zeroPerApi(),
  };
}

/** The operation a request addresses, from the SDK model's HTTP bindings. */
function routeOf(method: string, pathname: string): Route | undefined {
  const parts = pathname.split("/").slice(1).map(decodeSegment);
  const [first, second, third, ...rest] = parts;
  if (parts.some((part) => part === undefined) || rest.length > 0) return undefined;
  if (method === "GET" && first === "users-summary" && second && third === undefined) {
    return { api: "ListUsers", instanceId: second };
  }
  if (method === "POST" && first === "search-users" && second === undefined) {
    return { api: "SearchUsers" };
  }
  if (method === "GET" && first === "users" && second && third) {
    return { api: "DescribeUser", instanceId: second, userId: third };
  }
  if (method === "POST" && first === "metrics" && second === "userdata" && third) {
    return { api: "GetCurrentUserData", instanceId: third };
  }
  return undefined;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** `MaxResults` within the API's documented range, or its default when absent. */
function pageSize(api: ConnectApiName, value: number | undefined): number {
  const { max, fallback } = pageLimits[api];
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw invalidParameter(
      `1 validation error detected: Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${max}.`,
    );
  }
  return value;
}

function paged(
  all: readonly SimAgent[],
  scope: string,
  offset: number,
  size: number,
): { readonly items: readonly SimAgent[]; readonly nextToken: string | undefined } {
  if (offset > all.length) {
    throw invalidParameter("The NextToken is invalid or does not belong to this request.");
  }
  const end = offset + size;
  return {
    items: all.slice(offset, end),
    nextToken: end < all.length ? encodePageToken(scope, end) : undefined,
  };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw invalidParameter(
      `Invalid request: ${issue === undefined ? "malformed body" : `${issue.path.join(".")}: ${issue.message}`}.`,
    );
  }
  return result.data;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) {
      throw invalidParameter("The request body is too large.");
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConnectApiError("InvalidRequestException", "The request body is not valid JSON.");
  }
}

function send(response: ServerResponse, status: number, requestId: string, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "x-amzn-RequestId": requestId,
  });
  response.end(text);
}

export type { ApiQuota, ConnectApiName, FaultRule };
