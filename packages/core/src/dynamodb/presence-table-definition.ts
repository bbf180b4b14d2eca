import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The presence table, as data: one item per agent, keyed by `agentId` (Connect user ID),
 * written by the agent-event-stream consumer and read by `DynamoDbAgentPresence`; on-demand
 * capacity; `expiresAt` (epoch seconds) as the TTL attribute, so agents who left stop costing
 * storage. One extra item, `presenceWatermarkKey`, records how far the stream has been read.
 *
 * @example
 * ```ts
 * import { createDynamoDbClient, ensureTable, presenceTableDefinition } from "@connect-affinity/core/dynamodb";
 *
 * const client = createDynamoDbClient();
 * await ensureTable({ client, tableName: "presence", definition: presenceTableDefinition });
 * ```
 */
export const presenceTableDefinition = {
  KeySchema: [{ AttributeName: "agentId", KeyType: "HASH" }],
  AttributeDefinitions: [{ AttributeName: "agentId", AttributeType: "S" }],
  BillingMode: "PAY_PER_REQUEST",
  ttlAttributeName: "expiresAt",
} as const satisfies Omit<CreateTableCommandInput, "TableName"> & {
  readonly ttlAttributeName: string;
};

/**
 * The key of the item that holds the newest event time the consumer has written. It cannot
 * clash with a Connect user ID, which has no `#`.
 */
export const presenceWatermarkKey = "#stream";

/**
 * A `CreateTable` input for the presence table under `tableName` (TTL is enabled separately
 * with `UpdateTimeToLive` on `presenceTableDefinition.ttlAttributeName`; `ensureTable` does
 * both).
 *
 * @example
 * ```ts
 * import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
 * import { createPresenceTableInput } from "@connect-affinity/core/dynamodb";
 *
 * await client.send(new CreateTableCommand(createPresenceTableInput("presence-dev")));
 * ```
 */
export function createPresenceTableInput(tableName: string): CreateTableCommandInput {
  const { KeySchema, AttributeDefinitions, BillingMode } = presenceTableDefinition;
  return {
    TableName: tableName,
    KeySchema: KeySchema.map((key) => ({ ...key })),
    AttributeDefinitions: AttributeDefinitions.map((attribute) => ({ ...attribute })),
    BillingMode,
  };
}

/**
 * Every attribute a router's reservation (`DynamoDbAgentPresence.reserve`) names, in its update
 * and its condition alike: the key and the three reservation attributes. An IAM policy can
 * allow the routers `UpdateItem` on these only (`ForAllValues:StringEquals` on
 * `dynamodb:Attributes`, which counts the condition's attributes too), so they can hold an agent
 * but never rewrite presence.
 *
 * @example
 * ```ts
 * import { presenceReservationAttributes } from "@connect-affinity/core/dynamodb";
 * presenceReservationAttributes; // ["agentId", "reservedUntil", "reservedBy", "reservedAt"]
 * ```
 */
export const presenceReservationAttributes = Object.freeze([
  "agentId",
  "reservedUntil",
  "reservedBy",
  "reservedAt",
] as const);
