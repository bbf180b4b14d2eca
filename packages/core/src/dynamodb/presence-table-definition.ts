import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import { type Channel, channels } from "../domain/agent.js";

/** The attribute holding the shard of an agent who can take a contact on `channel`. */
export function availableShardAttribute(channel: Channel): `avail${Channel}` {
  return `avail${channel}`;
}

/** The index of the agents who can take a contact on `channel`. */
export function availableIndexName(channel: Channel): `available-${Channel}` {
  return `available-${channel}`;
}

/**
 * The sort key of every channel's index: since when the agent has been able to take a contact
 * (their idle time when idle), so a query answers the longest idle first.
 */
export const readySinceAttribute = "readySince";

/**
 * The presence table, as data: one item per agent, keyed by `agentId` (Connect user ID), and
 * a sparse index per channel of the agents who can take a contact on it. On-demand capacity;
 * `expiresAt` (epoch seconds) as the TTL attribute, so agents who left stop costing storage.
 *
 * An agent's item holds their directory entry (`listed`, `agentArn`; the agent event stream's
 * consumer and the roster refresher keep it), their presence (the consumer), a router's
 * reservation, and, while they can take a contact on a channel and nobody holds them, the
 * channel's index key: `avail<CHANNEL>` (the agent's shard, a string) and `readySince`.
 *
 * Each index (`available-VOICE`, `available-CHAT`, `available-TASK`, `available-EMAIL`) has the
 * partition key `avail<CHANNEL>` and the sort key `readySince`, and projects only `agentArn`
 * besides the keys: an entry is under 200 bytes, so a query of 20 entries costs half a read
 * unit, and a presence write that leaves the keys alone (a heartbeat, a status name) costs the
 * index nothing. A channel nobody indexes costs nothing either: the indexes are sparse.
 *
 * Items whose key starts with `#` are not agents: `presenceWatermarkKey` (the stream watermark
 * and the index's shape) and the roster refresher's progress.
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
  AttributeDefinitions: [
    { AttributeName: "agentId", AttributeType: "S" },
    ...channels.map((channel) => ({
      AttributeName: availableShardAttribute(channel),
      AttributeType: "S" as const,
    })),
    { AttributeName: readySinceAttribute, AttributeType: "N" },
  ],
  BillingMode: "PAY_PER_REQUEST",
  GlobalSecondaryIndexes: channels.map((channel) => ({
    IndexName: availableIndexName(channel),
    KeySchema: [
      { AttributeName: availableShardAttribute(channel), KeyType: "HASH" as const },
      { AttributeName: readySinceAttribute, KeyType: "RANGE" as const },
    ],
    Projection: { ProjectionType: "INCLUDE" as const, NonKeyAttributes: ["agentArn"] },
  })),
  ttlAttributeName: "expiresAt",
} as const satisfies Omit<CreateTableCommandInput, "TableName"> & {
  readonly ttlAttributeName: string;
};

/**
 * The key of the item that holds the newest event time the consumer has written (the stream
 * watermark), the index's shape (`shards`, `channels`) and when the roster was last reconciled
 * with the directory. It cannot clash with a Connect user ID, which has no `#`.
 */
export const presenceWatermarkKey = "#stream";

/** Whether `agentId` names one of the table's own items (`#…`) rather than an agent. */
export function isTableItemKey(agentId: string): boolean {
  return agentId.startsWith("#");
}

/**
 * A `CreateTable` input for the presence table under `tableName`, its indexes included (TTL
 * is enabled separately with `UpdateTimeToLive` on `presenceTableDefinition.ttlAttributeName`;
 * `ensureTable` does both).
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
  const { KeySchema, AttributeDefinitions, BillingMode, GlobalSecondaryIndexes } =
    presenceTableDefinition;
  return {
    TableName: tableName,
    KeySchema: KeySchema.map((key) => ({ ...key })),
    AttributeDefinitions: AttributeDefinitions.map((attribute) => ({ ...attribute })),
    BillingMode,
    GlobalSecondaryIndexes: GlobalSecondaryIndexes.map((index) => ({
      IndexName: index.IndexName,
      KeySchema: index.KeySchema.map((key) => ({ ...key })),
      Projection: {
        ProjectionType: index.Projection.ProjectionType,
        NonKeyAttributes: [...index.Projection.NonKeyAttributes],
      },
    })),
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

/**
 * Every attribute a router's reservation on the agent index (`DynamoDbAgentIndex.reserve`)
 * names: those of {@link presenceReservationAttributes}, and each channel's index key, which the
 * reservation removes so no other route offers the agent. An IAM policy can allow the routers
 * `UpdateItem` on these only, so they can hold an agent and take them out of an index, never
 * rewrite presence (routable, slots, event times) or the roster.
 *
 * @example
 * ```ts
 * import { agentIndexReservationAttributes } from "@connect-affinity/core/dynamodb";
 * agentIndexReservationAttributes.includes("availVOICE"); // true
 * ```
 */
export const agentIndexReservationAttributes: readonly string[] = Object.freeze([
  ...presenceReservationAttributes,
  ...channels.map(availableShardAttribute),
]);
