import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The affinity table, as data: one item per caller, keyed by `callerKey` (the E.164 number or
 * its keyed hash), on-demand capacity, and `expiresAt` (epoch seconds) as the TTL attribute.
 *
 * Infra, the simulator, tests and users' own tooling create the table from this, so they all
 * agree on the key and the TTL attribute. `TableName` is left out: each environment names it.
 * `ensureTable` creates it (and turns TTL on where the endpoint supports it).
 *
 * @example
 * ```ts
 * import { affinityTableDefinition, createDynamoDbClient, ensureTable } from "@connect-affinity/core/dynamodb";
 *
 * const client = createDynamoDbClient();
 * await ensureTable({ client, tableName: "affinity", definition: affinityTableDefinition });
 * ```
 */
export const affinityTableDefinition = {
  KeySchema: [{ AttributeName: "callerKey", KeyType: "HASH" }],
  AttributeDefinitions: [{ AttributeName: "callerKey", AttributeType: "S" }],
  BillingMode: "PAY_PER_REQUEST",
  ttlAttributeName: "expiresAt",
} as const satisfies Omit<CreateTableCommandInput, "TableName"> & {
  readonly ttlAttributeName: string;
};

/**
 * A `CreateTable` input for the affinity table under `tableName` (without the TTL attribute,
 * which DynamoDB sets with a separate `UpdateTimeToLive` call).
 *
 * @example
 * ```ts
 * import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
 * import { createAffinityTableInput } from "@connect-affinity/core/dynamodb";
 *
 * await client.send(new CreateTableCommand(createAffinityTableInput("affinity-dev")));
 * ```
 */
export function createAffinityTableInput(tableName: string): CreateTableCommandInput {
  const {
    ttlAttributeName: _ttl,
    KeySchema,
    AttributeDefinitions,
    BillingMode,
  } = affinityTableDefinition;
  return {
    TableName: tableName,
    KeySchema: KeySchema.map((key) => ({ ...key })),
    AttributeDefinitions: AttributeDefinitions.map((attribute) => ({ ...attribute })),
    BillingMode,
  };
}
