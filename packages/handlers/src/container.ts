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
import { cursorSigningKeys } from "./cursor-signing-key.js";
import { createLogger } from "./logger.js";
import { environmentVariables } from "./manifest/index.js";
import { HandlerMetrics } from "./metrics.js";
import { loadCallerKeys } from "./secrets/caller-keys.js";

/**
 * What one Lambda container keeps between invocations: the validated configuration, the SDK
 * clients (their connections are reused) and the router with its directory cache.
 */
export interface Container {
  readonly config: HandlerConfig;
  readonly router: StickyRouting;
  readonly dynamoDb: DynamoDBClient;
  readonly connect: ConnectClient;
  /** Whether the router signs and checks cursors (a key came from the secrets or the environment). */
  readonly signsCursors: boolean;
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

// Core keys its built-in texts by language subtag; this is the one place a language tag
// (`RECORD_MESSAGE_LANGUAGE`, BCP 47 as everywhere else) is mapped to them.
// The only module-level state of the handlers. Each is created on first use, inside an
// invocation, so a bad environment fails that invocation with a logged message instead of
// failing the import (which Lambda reports as an opaque init error). A bundle holds one
// function, so at most one of the three containers is ever created in a Lambda.
let logger: Logger | undefined;
let metrics: HandlerMetrics | undefined;
let pendingContainer: Promise<Container> | undefined;
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

/** The container's metrics writer, created on first use from `POWERTOOLS_METRICS_NAMESPACE`. */
export function getMetrics(): HandlerMetrics {
  const namespace = process.env["POWERTOOLS_METRICS_NAMESPACE"]?.trim();
  metrics ??= new HandlerMetrics({ namespace: namespace === "" ? undefined : namespace });
  return metrics;
}

/**
 * The container's configuration, clients and router, created on the first invocation: the
 * caller-key secrets are fetched then, once, and kept for the container's life.
 *
 * @throws ConfigurationError when the environment or a secret is invalid, SecretUnavailableError
 *   when a secret cannot be read (again on every invocation, until it is fixed: nothing
 *   half-built is kept, so the next invocation tries again).
 */
export function getContainer(): Promise<Container> {
  if (pendingContainer === undefined) {
    const creating = createContainer(getLogger());
    pendingContainer = creating;
    creating.then(
      (created) => {
        container = created;
      },
      () => {
        if (pendingContainer === creating) pendingContainer = undefined;
      },
    );
  }
  return pendingContainer;
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
  pendingContainer = undefined;
  agentEventsContainer = undefined;
  rosterRefreshContainer = undefined;
  logger = undefined;
  metrics = undefined;
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
      clock: systemClock,
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

async function createContainer(log: Logger): Promise<Container> {
  const config = loadConfig(process.env);
  const callerKeys = await loadCallerKeys(config.callerKeys);
  // The cursor's keys come from the secrets just fetched, so a managed secret signs it too.
  const cursorKeys = cursorSigningKeys({
    ...callerKeys,
    ...(config.cursorSigningKey === undefined ? {} : { cursorSigningKey: config.cursorSigningKey }),
  });
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
      getMetrics().degraded({ component, reason });
    },
  };
  // One table holds the affinity records and the contact index that lets contact-event find a
  // contact's caller without DescribeContact.
  const store = new DynamoDbAffinityStore({ client: dynamoDb, tableName: config.tableName });
  const router = new StickyRouter(
    {
      store,
      contacts: store,
      ...agentSources(config, connect, dynamoDb, log),
      clock: systemClock,
      random: cryptoRandom,
      observer,
    },
    {
      ...config.router,
      ...callerKeys,
      ...cursorKeys,
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
    signsCursors: cursorKeys.cursorSigningKey !== undefined,
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
  log: Logger,
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
    // Loud degradation: an empty or garbled directory sends every contact to the fallback
    // queue; say so once per refresh, with the running count.
    observer: {
      suspicious: (found) => {
        log.warn("Agent directory suspicious", { ...found });
        getMetrics().suspiciousDirectory(found.problem);
      },
    },
    ...(config.directoryCacheTtlMs === undefined ? {} : { ttlMs: config.directoryCacheTtlMs }),
    ...(config.directoryFilter === undefined ? {} : { filter: config.directoryFilter }),
    ...(config.directoryOptOut === undefined ? {} : { optOut: config.directoryOptOut }),
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
