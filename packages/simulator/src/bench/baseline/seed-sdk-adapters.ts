/**
 * BASELINE: the seed's behaviour, for comparison, never shipped.
 *
 * The seed's ports over the real AWS SDK clients, pointed at the simulator's endpoints.
 */
import { type ConnectClient, ListUsersCommand } from "@aws-sdk/client-connect";
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { SeedNumberTable, SeedUserList } from "./seed-ports.js";

/** The seed's table through `GetItem` / `PutItem`. */
export class DynamoDbSeedNumberTable implements SeedNumberTable {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;

  constructor(client: DynamoDBClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async get(number: string): Promise<string | undefined> {
    const output = await this.#client.send(
      new GetItemCommand({ TableName: this.#tableName, Key: { Number: { S: number } } }),
    );
    const { Agent: agent } = output.Item ?? {};
    return agent?.S;
  }

  async put(number: string, agent: string): Promise<void> {
    await this.#client.send(
      new PutItemCommand({
        TableName: this.#tableName,
        Item: { Number: { S: number }, Agent: { S: agent } },
      }),
    );
  }
}

/** The seed's `list_users(InstanceId=…)`: no page size, no paging. */
export class ConnectSeedUserList implements SeedUserList {
  readonly #client: ConnectClient;
  readonly #instanceId: string;

  constructor(client: ConnectClient, instanceId: string) {
    this.#client = client;
    this.#instanceId = instanceId;
  }

  async list(): Promise<readonly string[]> {
    const output = await this.#client.send(new ListUsersCommand({ InstanceId: this.#instanceId }));
    return (output.UserSummaryList ?? []).flatMap((user) =>
      user.Id === undefined ? [] : [user.Id],
    );
  }
}

/** The seed table's `CreateTable` input: partition key `Number` (S), on demand. */
export function seedTableInput(tableName: string): {
  readonly TableName: string;
  readonly KeySchema: { AttributeName: string; KeyType: "HASH" }[];
  readonly AttributeDefinitions: { AttributeName: string; AttributeType: "S" }[];
  readonly BillingMode: "PAY_PER_REQUEST";
} {
  return {
    TableName: tableName,
    KeySchema: [{ AttributeName: "Number", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "Number", AttributeType: "S" }],
    BillingMode: "PAY_PER_REQUEST",
  };
}
