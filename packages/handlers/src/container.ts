import type { Logger } from "@aws-lambda-powertools/logger";
import type { ConnectClient } from "@aws-sdk/client-connect";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  type AgentPresence,
  cryptoRandom,
  type IndexSources,
  RosterRefresher,
  type RosterSources,
  type RoutingObserver,
  recordMessages,
  StickyRouter,
  type StickyRouting,
  systemClock,
} from "@connect-affinity/core";
import type { AgentPresenceRules } from "@connect-affinity/core/agent-events";
import {
  ConnectAgentDirectory,
  ConnectAgentPresence,
  ConnectDirectoryPages,
  createConnectClient,
} from "@connect-affinity/core/connect";
import { type LogLevel, logLevels } from "@connect-affinity/core/contract";
import {
  createDynamoDbClient,
  DynamoDbAffinityStore,
  DynamoDbAgentIndex,
  DynamoDbPresenceWriter,
  DynamoDbSharedRoster,
} from "@connect-affinity/core/dynamodb";
import {
  type AgentEventsConfig,
  type HandlerConfig,
  loadAgentEventsConfig,
  loadConfig,
  loadRosterRefreshConfig,
  type RosterRefreshConfig,
} from "./config.js";
import { createLogger } from "./logger.js";
import { environmentVariables } from "./manifest/index.js";

/**
 * What one Lambda container keeps between invocations: the validated configuration, the SDK
 * clients (their connections are reused) and the router with its directory cache.
 */
export interface Container {
  readonly config: HandlerConfig;
  readonly router: StickyRouting;
  readonly dynamoDb: DynamoDBClient;
  readonly connect: ConnectClient;
}

/**
 * What the agent-events function's container keeps: its configuration, the DynamoDB client and
 * the presence writer. It needs no Connect client and no affinity table.
 */
export interface AgentEventsContainer {
  readonly config: AgentEventsConfig;
  readonly rules: AgentPresenceRules;
  readonly writer: DynamoDbPresenceWriter;
  readonly dynamoDb: DynamoDBClient;
}

/**
 * What the roster refresher's container keeps: its configuration, the clients, the refresher
 * and its two adapters (for their counters).
 */
export interface RosterRefreshContainer {
  readonly config: RosterRefreshConfig;
  readonly refresher: RosterRefresher;
  readonly pages: ConnectDirectoryPages;
  readonly roster: DynamoDbSharedRoster;
  readonly dynamoDb: DynamoDBClient;
  readonly connect: ConnectClient;
}

// The only module-level state of the handlers. Each is created on first use, inside an
// invocation, so a bad environment fails that invocation with a logged message instead of
// failing the import (which Lambda reports as an opaque init error). A bundle holds one
// function, so at most one of the three containers is ever created in a Lambda.
let logger: Logger | undefined;
let container: Container | undefined;
let agentEventsContainer: AgentEventsContainer | undefined;
let rosterRefreshContainer: RosterRefreshContainer | undefined;

/** The container's logger, created on first use from `LOG_LEVEL`. */
export function getLogger(): Logger {
  const { POWERTOOLS_SERVICE_NAME: serviceName, LOG_LEVEL: logLevel } = process.env;
  logger ??= createLogger({
    serviceName: serviceName ?? environmentVariables.POWERTOOLS_SERVICE_NAME.default,
    ...logLevelOption(logLevel),
  });
  return logger;
}

/**
 * The container's configuration, clients and router, created on the first invocation.
 *
 * @throws ConfigurationError when the environment is invalid (again on every invocation,
 *   until it is fixed: nothing half-built is kept).
 */
export function getContainer(): Container {
  container ??= createContainer(loadConfig(process.env), getLogger());
  return container;
}

/**
 * The agent-events function's configuration, DynamoDB client and presence writer, created on
 * the first invocation.
 *
 * @throws ConfigurationError when the environment is invalid (again on every invocation,
 *   until it is fixed).
 */
export function getAgentEventsContainer(): AgentEventsContainer {
  agentEventsContainer ??= createAgentEventsContainer(loadAgentEventsConfig(process.env));
  return agentEventsContainer;
}

/**
 * The roster refresher's configuration, clients and refresher, created on the first invocation.
 *
 * @throws ConfigurationError when the environment is invalid (again on every invocation,
 *   until it is fixed).
 */
export function getRosterRefreshContainer(): RosterRefreshContainer {
  rosterRefreshContainer ??= createRosterRefreshContainer(loadRosterRefreshConfig(process.env));
  return rosterRefreshContainer;
}

/**
 * Forgets the containers and logger, closing the SDK clients' sockets. For tests, which change
 * the environment between cases; a Lambda container never needs it.
 */
export function resetContainer(): void {
  container?.dynamoDb.destroy();
  container?.connect.destroy();
  agentEventsContainer?.dynamoDb.destroy();
  rosterRefreshContainer?.dynamoDb.destroy();
  rosterRefreshContainer?.connect.destroy();
  container = undefined;
  agentEventsContainer = undefined;
  rosterRefreshContainer = undefined;
  logger = undefined;
}

function createAgentEventsContainer(config: AgentEventsConfig): AgentEventsContainer {
  const dynamoDb = createDynamoDbClient();
  return {
    config,
    rules: {
      ...(config.routableStatusNames === undefined
        ? {}
        : { routableStatusNames: config.routableStatusNames }),
      ...(config.directoryFilter === undefined ? {} : { filter: config.directoryFilter }),
    },
    writer: new DynamoDbPresenceWriter({
      client: dynamoDb,
      tableName: config.presenceTableName,
      ...(config.ttlSeconds === undefined ? {} : { ttlSeconds: config.ttlSeconds }),
      ...(config.indexShards === undefined ? {} : { shards: config.indexShards }),
      ...(config.indexChannels === undefined ? {} : { channels: config.indexChannels }),
      ...(config.refreshSeconds === undefined ? {} : { refreshSeconds: config.refreshSeconds }),
    }),
    dynamoDb,
  };
}

function createRosterRefreshContainer(config: RosterRefreshConfig): RosterRefreshContainer {
  const dynamoDb = createDynamoDbClient();
  const connect = createConnectClient(
    config.instance.region === undefined ? {} : { region: config.instance.region },
  );
  const pages = new ConnectDirectoryPages({
    client: connect,
    instanceId: config.instance.instanceId,
    ...(config.directoryFilter === undefined ? {} : { filter: config.directoryFilter }),
  });
  const roster = new DynamoDbSharedRoster({
    client: dynamoDb,
    tableName: config.presenceTableName,
  });
  const refresher = new RosterRefresher(
    {
      pages,
      roster,
      clock: systemClock,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    },
    config.refresher,
  );
  return { config, refresher, pages, roster, dynamoDb, connect };
}

function createContainer(config: HandlerConfig, log: Logger): Container {
  const dynamoDb = createDynamoDbClient();
  // An instance ARN names the instance's Region, which may differ from the function's.
  const connect = createConnectClient(
    config.instance.region === undefined ? {} : { region: config.instance.region },
  );
  const observer: RoutingObserver = {
    degraded: ({ component, reason, error }) => {
      log.warn("Routing degraded", {
        component,
        reason,
        ...(error === undefined ? {} : { error: asError(error) }),
      });
    },
  };
  // One table holds the affinity records and the contact index that lets contact-event find a
  // contact's caller without DescribeContact.
  const store = new DynamoDbAffinityStore({ client: dynamoDb, tableName: config.tableName });
  const router = new StickyRouter(
    {
      store,
      contacts: store,
      ...agentSources(config, connect, dynamoDb),
      clock: systemClock,
      random: cryptoRandom,
      observer,
    },
    {
      ...config.router,
      messages: {
        ...recordMessages[config.recordMessages.language],
        ...(config.recordMessages.recorded === undefined
          ? {}
          : { recorded: config.recordMessages.recorded }),
        ...(config.recordMessages.skipped === undefined
          ? {}
          : { skipped: config.recordMessages.skipped }),
      },
    },
  );
  return {
    config,
    router,
    dynamoDb,
    connect,
  };
}

/**
 * Where the router learns who the agents are and who is available. With event-stream presence,
 * the shared roster and index on the presence table: no container lists the directory, and a
 * route reads a few items whatever the floor size. Otherwise (small centers) each container
 * lists the directory itself (cached) and asks Connect, or nobody, about presence.
 */
function agentSources(
  config: HandlerConfig,
  connect: ConnectClient,
  dynamoDb: DynamoDBClient,
): RosterSources | IndexSources {
  const { presence } = config;
  if (presence.source === "event-stream") {
    return {
      agentIndex: new DynamoDbAgentIndex({
        client: dynamoDb,
        tableName: presence.tableName,
        clock: systemClock,
        ...(presence.maxAgeMs === undefined ? {} : { maxAgeMs: presence.maxAgeMs }),
      }),
    };
  }
  const directory = new ConnectAgentDirectory({
    client: connect,
    instanceId: config.instance.instanceId,
    clock: systemClock,
    ...(config.directoryCacheTtlMs === undefined ? {} : { ttlMs: config.directoryCacheTtlMs }),
    ...(config.directoryFilter === undefined ? {} : { filter: config.directoryFilter }),
  });
  return { directory, presence: createPresence({ ...config, presence }, connect) };
}

function createPresence(
  config: HandlerConfig & { readonly presence: { readonly source: "connect-api" | "none" } },
  connect: ConnectClient,
): AgentPresence {
  const { presence } = config;
  switch (presence.source) {
    case "connect-api":
      return new ConnectAgentPresence({
        client: connect,
        instanceId: config.instance.instanceId,
        clock: systemClock,
        ...(config.routableStatusNames === undefined
          ? {}
          : { routableStatusNames: config.routableStatusNames }),
        ...(config.presenceCacheTtlMs === undefined
          ? {}
          : { cacheTtlMs: config.presenceCacheTtlMs }),
      });
    case "none":
      // The flow's own staffing check decides; the router marks every offer unverified.
      return { lookup: async () => ({ kind: "unknown", reason: "disabled" }) };
  }
}

function logLevelOption(value: string | undefined): { logLevel?: LogLevel } {
  const level = logLevels.find((name) => name === value?.trim().toUpperCase());
  return level === undefined ? {} : { logLevel: level };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
