import { contactKeyPrefix } from "@connect-affinity/core/dynamodb";
import { resetContainer } from "../../src/container.js";
import { type ConnectStub, type StubAgent, startConnectStub } from "./connect-stub.js";
import { localAwsEnvironment, setEnvironment } from "./environment.js";
import { instanceId } from "./events.js";
import { type LocalDynamoDb, startLocalDynamoDb } from "./local-dynamodb.js";

/** Three agents, all available, in one routing profile. */
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

/**
 * Everything a handler test talks to, on loopback: DynamoDB (dynalite) and a Connect stub,
 * with the environment pointing the handlers at them.
 */
export interface Harness {
  readonly dynamoDb: LocalDynamoDb;
  readonly connect: ConnectStub;
  /** The table of the current test. */
  readonly tableName: string;
  /** A fresh table, fresh agents and a fresh handler container for the next test. */
  beforeEach(environment?: Readonly<Record<string, string | undefined>>): Promise<void>;
  afterEach(): void;
  /** Every item of the current table, contact index entries included. */
  items(): Promise<readonly Record<string, unknown>[]>;
  /** The current table's callers' records: every item but the contact index's `contact#…` ones. */
  records(): Promise<readonly Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startHarness(agents: readonly StubAgent[] = defaultAgents): Promise<Harness> {
  const dynamoDb = await startLocalDynamoDb();
  const connect = await startConnectStub({ instanceId, agents });
  let tableCount = 0;
  let tableName = "";
  let restoreEnvironment: (() => void) | undefined;
  return {
    dynamoDb,
    connect,
    get tableName() {
      return tableName;
    },
    async beforeEach(environment = {}) {
      tableCount += 1;
      tableName = `affinity-test-${tableCount}`;
      await dynamoDb.createAffinityTable(tableName);
      connect.agents.splice(0, connect.agents.length, ...agents.map((agent) => ({ ...agent })));
      connect.contacts.clear();
      connect.calls.clear();
      connect.fault = "none";
      restoreEnvironment = setEnvironment({
        ...localAwsEnvironment({
          dynamoDbEndpoint: dynamoDb.endpoint,
          connectEndpoint: connect.endpoint,
          tableName,
          instanceArn: connect.instanceArn,
        }),
        ...environment,
      });
      resetContainer();
    },
    afterEach() {
      resetContainer();
      restoreEnvironment?.();
      restoreEnvironment = undefined;
    },
    items: () => dynamoDb.scan(tableName),
    async records() {
      const items = await dynamoDb.scan(tableName);
      return items.filter((item) => !isContactIndexItem(item));
    },
    async close() {
      resetContainer();
      await connect.close();
      await dynamoDb.close();
    },
  };
}

function isContactIndexItem(item: Readonly<Record<string, unknown>>): boolean {
  const { callerKey } = item;
  return (
    typeof callerKey === "object" &&
    callerKey !== null &&
    "S" in callerKey &&
    typeof callerKey.S === "string" &&
    callerKey.S.startsWith(contactKeyPrefix)
  );
}
