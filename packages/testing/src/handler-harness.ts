import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { type ConnectStub, type StubAgent, startConnectStub } from "./connect-stub.js";
import { fixtureInstanceId } from "./contact-events.js";
import { setEnvironment } from "./environment.js";
import { type LocalDynamoDb, startLocalDynamoDb } from "./local-dynamodb.js";
import { type SecretStoreStub, startSecretStoreStub } from "./secret-store-stub.js";

/** Three agents, all available, in one routing profile: the agents of the Kinesis fixture. */
export const defaultAgents: readonly StubAgent[] = [
  {
    id: "a1f0c2d4-0000-4000-8000-000000000001",
    username: "sato",
    routingProfileId: "rp-main",
    state: "available",
  },
  {
    id: "a1f0c2d4-0000-4000-8000-000000000002",
    username: "suzuki",
    routingProfileId: "rp-main",
    state: "available",
  },
  {
    id: "a1f0c2d4-0000-4000-8000-000000000003",
    username: "takahashi",
    routingProfileId: "rp-main",
    state: "available",
  },
];

/** What the harness needs to know about the handlers under test. */
export interface HandlerHarnessSetup {
  /** The table each test gets fresh, by name. */
  readonly table: (tableName: string) => CreateTableCommandInput;
  /** The handlers' own variables, pointing them at the harness's table and Connect instance. */
  readonly environment: (target: HandlerTarget) => Readonly<Record<string, string>>;
  /** Forgets the handlers' cached clients and configuration, which they build once. */
  readonly reset: () => void;
  /** Whether an item of the table is a caller's record (rather than, say, an index entry). */
  readonly isRecord: (item: Readonly<Record<string, unknown>>) => boolean;
  /** The Connect instance's agents at the start of every test; default {@link defaultAgents}. */
  readonly agents?: readonly StubAgent[];
}

/** Where the harness points the handlers. */
export interface HandlerTarget {
  readonly tableName: string;
  readonly instanceArn: string;
}

/**
 * Everything a handler test talks to, on loopback: DynamoDB (dynalite) and a Connect stub,
 * with the environment pointing the handlers at them.
 */
export interface HandlerHarness {
  readonly dynamoDb: LocalDynamoDb;
  readonly connect: ConnectStub;
  /** SSM Parameter Store and Secrets Manager, emptied before every test. */
  readonly secrets: SecretStoreStub;
  /** The table of the current test. */
  readonly tableName: string;
  /**
   * A fresh table, fresh agents and freshly reset handlers for the test that calls it, with
   * `environment` over the harness's own variables (`undefined` removes one).
   */
  beforeEach(environment?: Readonly<Record<string, string | undefined>>): Promise<void>;
  /** Resets the handlers and puts the environment back. */
  afterEach(): void;
  /** Every item of the current table. */
  items(): Promise<readonly Record<string, unknown>[]>;
  /** The current table's callers' records (`setup.isRecord`). */
  records(): Promise<readonly Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** The variables a handler needs to reach local endpoints: a Region, dummy credentials. */
export function localAwsEnvironment(endpoints: {
  readonly dynamoDb: string;
  readonly connect: string;
  readonly secrets?: string;
}): Readonly<Record<string, string>> {
  return {
    AWS_REGION: "ap-northeast-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamoDb,
    AWS_ENDPOINT_URL_CONNECT: endpoints.connect,
    ...(endpoints.secrets === undefined
      ? {}
      : {
          AWS_ENDPOINT_URL_SSM: endpoints.secrets,
          AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secrets,
        }),
  };
}

/**
 * Starts a handler harness; the caller runs its lifecycle. Most test files want
 * {@link useHandlerHarness}; this is for one whose handlers live for the whole file.
 */
export async function startHandlerHarness(setup: HandlerHarnessSetup): Promise<HandlerHarness> {
  const agents = setup.agents ?? defaultAgents;
  const dynamoDb = await startLocalDynamoDb();
  const connect = await startConnectStub({ instanceId: fixtureInstanceId, agents });
  const secrets = await startSecretStoreStub();
  let tableCount = 0;
  let tableName = "";
  let restoreEnvironment: (() => void) | undefined;
  return {
    dynamoDb,
    connect,
    secrets,
    get tableName() {
      return tableName;
    },
    async beforeEach(environment = {}) {
      tableCount += 1;
      tableName = `affinity-test-${tableCount}`;
      await dynamoDb.createTable(setup.table(tableName));
      connect.agents.splice(0, connect.agents.length, ...agents.map((agent) => ({ ...agent })));
      connect.contacts.clear();
      connect.calls.clear();
      connect.fault = "none";
      secrets.parameters.clear();
      secrets.secrets.clear();
      secrets.calls.clear();
      secrets.delayMs = 0;
      restoreEnvironment = setEnvironment({
        ...localAwsEnvironment({
          dynamoDb: dynamoDb.endpoint,
          connect: connect.endpoint,
          secrets: secrets.endpoint,
        }),
        ...setup.environment({ tableName, instanceArn: connect.instanceArn }),
        ...environment,
      });
      setup.reset();
    },
    afterEach() {
      setup.reset();
      restoreEnvironment?.();
      restoreEnvironment = undefined;
    },
    items: () => dynamoDb.scan(tableName),
    async records() {
      const items = await dynamoDb.scan(tableName);
      return items.filter(setup.isRecord);
    },
    async close() {
      setup.reset();
      await connect.close();
      await secrets.close();
      await dynamoDb.stop();
    },
  };
}

/**
 * The handler-test lifecycle in one call: starts the harness before the file's tests, after each
 * test resets the handlers, restores the environment and every `vi.spyOn`, and stops it all after
 * the file. Each test then calls `harness.beforeEach(environment?)` for its fresh table.
 *
 * @example
 * ```ts
 * const harness = useHandlerHarness(setup);
 *
 * it("routes a returning caller to their last agent", async () => {
 *   await harness.beforeEach({ MAX_ATTEMPTS: "2" });
 *   // … invoke the handlers, read harness.records() …
 * });
 * ```
 */
export function useHandlerHarness(setup: HandlerHarnessSetup): HandlerHarness {
  let started: HandlerHarness | undefined;
  const current = (): HandlerHarness => {
    if (started === undefined) {
      throw new Error("the handler harness exists from beforeAll to afterAll: use it in a test");
    }
    return started;
  };
  beforeAll(async () => {
    started = await startHandlerHarness(setup);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    started?.afterEach();
  });
  afterAll(async () => {
    await started?.close();
    started = undefined;
  });
  return {
    get dynamoDb() {
      return current().dynamoDb;
    },
    get connect() {
      return current().connect;
    },
    get secrets() {
      return current().secrets;
    },
    get tableName() {
      return current().tableName;
    },
    beforeEach: (environment) => current().beforeEach(environment),
    afterEach: () => current().afterEach(),
    items: () => current().items(),
    records: () => current().records(),
    close: () => current().close(),
  };
}
