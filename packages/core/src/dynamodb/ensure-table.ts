import { setTimeout as sleep } from "node:timers/promises";
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import {
  nonBlankString,
  optionObject,
  positiveNumber,
  rejectUnknownKeys,
  withMethods,
} from "../options/option-checks.js";

/**
 * A table as data, without its name: `affinityTableDefinition` or `presenceTableDefinition`.
 * `ttlAttributeName` is the attribute DynamoDB's TTL deletes expired items by.
 */
export interface TableDefinition {
  readonly KeySchema: readonly {
    readonly AttributeName: string;
    readonly KeyType: "HASH" | "RANGE";
  }[];
  readonly AttributeDefinitions: readonly {
    readonly AttributeName: string;
    readonly AttributeType: "S" | "N" | "B";
  }[];
  readonly BillingMode: "PAY_PER_REQUEST" | "PROVISIONED";
  /** Global secondary indexes (the presence table's per-channel indexes), on-demand like the table. */
  readonly GlobalSecondaryIndexes?: readonly {
    readonly IndexName: string;
    readonly KeySchema: readonly {
      readonly AttributeName: string;
      readonly KeyType: "HASH" | "RANGE";
    }[];
    readonly Projection: {
      readonly ProjectionType: "ALL" | "KEYS_ONLY" | "INCLUDE";
      readonly NonKeyAttributes?: readonly string[];
    };
  }[];
  readonly ttlAttributeName: string;
}

/** Options of {@link ensureTable}. */
export interface EnsureTableOptions {
  /** A client from `createDynamoDbClient`, aimed at the account or the local endpoint. */
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** `affinityTableDefinition` or `presenceTableDefinition`. */
  readonly definition: TableDefinition;
  /** How long to wait for a new table to become `ACTIVE` (ms). Default 60,000. */
  readonly timeoutMs?: number;
}

/** What {@link ensureTable} found or did. */
export interface EnsuredTable {
  readonly tableName: string;
  /** `true` when the table was created now, `false` when it existed already. */
  readonly created: boolean;
  /**
   * `enabled`: DynamoDB deletes expired items (enabled now or before; deletion takes up to a
   * few days). `unsupported`: the endpoint has no `UpdateTimeToLive` (dynalite): expired items
   * stay. The router ignores expired affinity records itself, so routing is unaffected; only
   * storage grows.
   */
  readonly timeToLive: "enabled" | "unsupported";
}

const optionNames: Readonly<Record<keyof EnsureTableOptions, true>> = {
  client: true,
  tableName: true,
  definition: true,
  timeoutMs: true,
};

/**
 * Creates a table from its definition unless it exists, waits until it is `ACTIVE`, and turns
 * on its TTL: for local runs, tests and development accounts. Production tables belong to your
 * infrastructure code (the definitions say what they must look like).
 *
 * An endpoint without TTL support (dynalite answers `UpdateTimeToLive` with
 * `UnknownOperationException`) does not fail the call: the result says `timeToLive:
 * "unsupported"`. Running it again on an existing table changes nothing.
 *
 * Needs `dynamodb:CreateTable`, `dynamodb:DescribeTable`, `dynamodb:DescribeTimeToLive` and
 * `dynamodb:UpdateTimeToLive` on the table.
 *
 * @throws {InvalidOptionError} for an unknown or missing option.
 * @throws {Error} when the table is not `ACTIVE` within `timeoutMs`, when it has TTL on another
 *   attribute, or when DynamoDB fails otherwise.
 * @example
 * ```ts
 * import { affinityTableDefinition, createDynamoDbClient, ensureTable } from "@connect-affinity/core/dynamodb";
 *
 * const client = createDynamoDbClient(); // AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:4567 for dynalite
 * await ensureTable({ client, tableName: "affinity", definition: affinityTableDefinition });
 * // { tableName: "affinity", created: true, timeToLive: "unsupported" } on dynalite
 * ```
 */
export async function ensureTable(options: EnsureTableOptions): Promise<EnsuredTable> {
  rejectUnknownKeys(optionObject("options", options), Object.keys(optionNames));
  const client = withMethods("client", options.client, ["send"]);
  const tableName = nonBlankString("tableName", options.tableName);
  const definition = optionObject("definition", options.definition) as unknown as TableDefinition;
  nonBlankString("definition.ttlAttributeName", definition.ttlAttributeName);
  const timeoutMs = positiveNumber("timeoutMs", options.timeoutMs ?? 60_000);

  const created = await createUnlessExists(client, createTableInput(tableName, definition));
  await waitUntilActive(client, tableName, timeoutMs);
  const timeToLive = await enableTimeToLive(client, tableName, definition.ttlAttributeName);
  return { tableName, created, timeToLive };
}

function createTableInput(tableName: string, definition: TableDefinition): CreateTableCommandInput {
  return {
    TableName: tableName,
    KeySchema: definition.KeySchema.map((key) => ({ ...key })),
    AttributeDefinitions: definition.AttributeDefinitions.map((attribute) => ({ ...attribute })),
    BillingMode: definition.BillingMode,
    ...(definition.GlobalSecondaryIndexes === undefined
      ? {}
      : {
          GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes.map((index) => ({
            IndexName: index.IndexName,
            KeySchema: index.KeySchema.map((key) => ({ ...key })),
            Projection: {
              ProjectionType: index.Projection.ProjectionType,
              ...(index.Projection.NonKeyAttributes === undefined
                ? {}
                : { NonKeyAttributes: [...index.Projection.NonKeyAttributes] }),
            },
          })),
        }),
  };
}

async function createUnlessExists(
  client: DynamoDBClient,
  input: CreateTableCommandInput,
): Promise<boolean> {
  try {
    await client.send(new CreateTableCommand(input));
    return true;
  } catch (error) {
    if (error instanceof ResourceInUseException) return false;
    throw error;
  }
}

/** Polls `DescribeTable` (50 ms, doubling to 1 s between polls) until `ACTIVE` or the deadline. */
async function waitUntilActive(
  client: DynamoDBClient,
  tableName: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 50; ; pause = Math.min(pause * 2, 1_000)) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === "ACTIVE") return;
    if (Date.now() + pause > deadline) {
      throw new Error(
        `Table ${tableName} is ${Table?.TableStatus ?? "unknown"}, not ACTIVE, after ${timeoutMs} ms`,
      );
    }
    await sleep(pause);
  }
}

async function enableTimeToLive(
  client: DynamoDBClient,
  tableName: string,
  attributeName: string,
): Promise<EnsuredTable["timeToLive"]> {
  try {
    const { TimeToLiveDescription: current } = await client.send(
      new DescribeTimeToLiveCommand({ TableName: tableName }),
    );
    const status = current?.TimeToLiveStatus;
    if (status === "ENABLED" || status === "ENABLING") {
      if (current?.AttributeName === attributeName) return "enabled";
      throw new Error(
        `Table ${tableName} has TTL on ${String(current?.AttributeName)}, not ${attributeName}`,
      );
    }
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: attributeName, Enabled: true },
      }),
    );
    return "enabled";
  } catch (error) {
    if (isUnknownOperation(error)) return "unsupported";
    throw error;
  }
}

/** dynalite (and other stand-ins) answer an operation they lack with this error. */
function isUnknownOperation(error: unknown): boolean {
  return error instanceof Error && error.name === "UnknownOperationException";
}
