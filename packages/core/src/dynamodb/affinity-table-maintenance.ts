import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import type { AffinityRecord } from "../domain/affinity-record.js";
import { contactKeyPrefix } from "../domain/caller-identity.js";
import {
  affinityItem,
  type DynamoDbItem,
  parseAffinityItem,
  parseContactIndexItem,
} from "./affinity-item.js";

// The maintenance operations behind `DynamoDbAffinityStore`'s admin methods (erase a caller,
// remove an agent, move a record to a new key, scan). They are rare, run by an operator, and
// read whole pages of the table; none of them is on a contact's path.

/** One item of the affinity table, as a scan reads it. */
export type AffinityTableEntry =
  | { readonly kind: "record"; readonly record: AffinityRecord }
  | {
      readonly kind: "contact";
      readonly contactId: string;
      readonly callerKey: string;
      /** The entry's TTL (epoch seconds). */
      readonly expiresAt: number | undefined;
    }
  | { readonly kind: "unreadable"; readonly key: string };

/** Options of a whole-table scan. */
export interface TableScanOptions {
  /** Items per scan page (DynamoDB's `Limit`); default: as many as fit in 1 MB. */
  readonly pageSize?: number;
  /** Told after each page how many items it scanned. */
  readonly onPage?: (scanned: number) => void;
}

/** `dryRun`: report what would change and change nothing. */
export interface DryRunOption {
  readonly dryRun?: boolean;
}

/** What erasing a caller removed (or, with `dryRun`, would remove). */
export interface ErasedCaller {
  /** The caller keys whose record item was removed. */
  readonly callerKeys: readonly string[];
  /** The readable records among them (a malformed item is removed all the same). */
  readonly records: readonly AffinityRecord[];
  /** The contacts whose index entry pointed at the caller. */
  readonly contactIds: readonly string[];
}

/** Options of removing an agent from every record. */
export interface RemoveAgentOptions extends DryRunOption {
  /** Told after each scan page: items scanned so far, records removed so far. */
  readonly onProgress?: (progress: { readonly scanned: number; readonly removed: number }) => void;
}

/** What removing an agent did. */
export interface RemovedAgent {
  /** Items the scan read. */
  readonly scanned: number;
  /** Records that named the agent and were removed (with `dryRun`: would be). */
  readonly removed: number;
  /** Records that named the agent when scanned but another one by the time of the delete. */
  readonly reassigned: number;
}

/**
 * What moving a record to a new key came to.
 *
 * - `moved`: written under the new key and deleted under the old one.
 * - `kept-newer`: the new key already held a newer record; the old one was deleted.
 * - `absent`: nothing under the old key.
 * - `changed`: the old record changed while it was being moved; left where it was, to try again.
 */
export type RekeyOutcome = "moved" | "kept-newer" | "absent" | "changed";

const keyOnly = { ProjectionExpression: "callerKey" } as const;

/** Every item of the table, a page at a time. */
export async function* scanEntries(
  client: DynamoDBClient,
  tableName: string,
  options: TableScanOptions,
): AsyncIterable<AffinityTableEntry> {
  for await (const page of scanPages(client, {
    TableName: tableName,
    ...(options.pageSize === undefined ? {} : { Limit: options.pageSize }),
  })) {
    options.onPage?.(page.scanned);
    for (const item of page.items) yield entryOf(item);
  }
}

/** Deletes a caller's records under `callerKeys` and the contact index entries naming them. */
export async function eraseCallerItems(
  client: DynamoDBClient,
  tableName: string,
  callerKeys: readonly string[],
  options: DryRunOption,
): Promise<ErasedCaller> {
  const keys = [...new Set(callerKeys)];
  const erasedKeys: string[] = [];
  const records: AffinityRecord[] = [];
  for (const key of keys) {
    const item = options.dryRun
      ? await getItem(client, tableName, key)
      : await deleteItem(client, tableName, key);
    if (item === undefined) continue;
    erasedKeys.push(key);
    const record = parseAffinityItem(item);
    if (record !== undefined) records.push(record);
  }
  const contactIds: string[] = [];
  if (keys.length > 0) {
    const values: Record<string, AttributeValue> = { ":prefix": { S: contactKeyPrefix } };
    keys.forEach((key, index) => {
      values[`:k${index}`] = { S: key };
    });
    const filter = `begins_with(callerKey, :prefix) AND contactCallerKey IN (${keys
      .map((_, index) => `:k${index}`)
      .join(", ")})`;
    for await (const page of scanPages(client, {
      TableName: tableName,
      ...keyOnly,
      FilterExpression: filter,
      ExpressionAttributeValues: values,
    })) {
      for (const item of page.items) {
        const key = item["callerKey"]?.S;
        if (key === undefined) continue;
        const removed = options.dryRun ? item : await deleteItem(client, tableName, key);
        if (removed !== undefined) contactIds.push(key.slice(contactKeyPrefix.length));
      }
    }
  }
  return { callerKeys: erasedKeys, records, contactIds };
}

/** Deletes every record naming `agentId`, on condition that it still does. */
export async function removeAgentRecords(
  client: DynamoDBClient,
  tableName: string,
  agentId: string,
  options: RemoveAgentOptions,
): Promise<RemovedAgent> {
  let scanned = 0;
  let removed = 0;
  let reassigned = 0;
  for await (const page of scanPages(client, {
    TableName: tableName,
    ...keyOnly,
    FilterExpression: "agentId = :agentId AND NOT begins_with(callerKey, :prefix)",
    ExpressionAttributeValues: { ":agentId": { S: agentId }, ":prefix": { S: contactKeyPrefix } },
  })) {
    scanned += page.scanned;
    for (const item of page.items) {
      const key = item["callerKey"]?.S;
      if (key === undefined) continue;
      if (options.dryRun) {
        removed += 1;
        continue;
      }
      const deleted = await conditionalDelete(client, tableName, key, "agentId = :agentId", {
        ":agentId": { S: agentId },
      });
      if (deleted) removed += 1;
      else reassigned += 1;
    }
    options.onProgress?.({ scanned, removed });
  }
  return { scanned, removed, reassigned };
}

/** Files the record under `fromKey` under `toKey`. */
export async function moveRecord(
  client: DynamoDBClient,
  tableName: string,
  fromKey: string,
  toKey: string,
  options: DryRunOption,
): Promise<RekeyOutcome> {
  const source = parseAffinityItem(await getItem(client, tableName, fromKey));
  if (source === undefined) return "absent";
  if (options.dryRun) {
    const target = parseAffinityItem(await getItem(client, tableName, toKey));
    return target !== undefined && target.lastContactAt >= source.lastContactAt
      ? "kept-newer"
      : "moved";
  }
  let outcome: RekeyOutcome = "moved";
  try {
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: affinityItem({ ...source, callerKey: toKey }),
        ConditionExpression: "attribute_not_exists(callerKey) OR lastContactAt < :at",
        ExpressionAttributeValues: { ":at": { N: String(source.lastContactAt) } },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    outcome = "kept-newer";
  }
  const deleted = await conditionalDelete(
    client,
    tableName,
    fromKey,
    "lastContactId = :contactId AND lastContactAt = :at",
    {
      ":contactId": { S: source.lastContactId },
      ":at": { N: String(source.lastContactAt) },
    },
  );
  return deleted ? outcome : "changed";
}

/** DynamoDB's estimate of the item count. */
export async function tableItemCount(client: DynamoDBClient, tableName: string): Promise<number> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return Table?.ItemCount ?? 0;
}

type ScanInput = ConstructorParameters<typeof ScanCommand>[0];

async function* scanPages(
  client: DynamoDBClient,
  input: ScanInput,
): AsyncIterable<{ readonly items: readonly DynamoDbItem[]; readonly scanned: number }> {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ ...input, ...(start === undefined ? {} : { ExclusiveStartKey: start }) }),
    );
    yield { items: page.Items ?? [], scanned: page.ScannedCount ?? 0 };
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
}

function entryOf(item: DynamoDbItem): AffinityTableEntry {
  const key = item["callerKey"]?.S ?? "";
  if (key.startsWith(contactKeyPrefix)) {
    const contact = parseContactIndexItem(item);
    const expiresAt = Number(item["expiresAt"]?.N);
    return contact === undefined
      ? { kind: "unreadable", key }
      : {
          kind: "contact",
          contactId: key.slice(contactKeyPrefix.length),
          callerKey: contact.callerKey,
          expiresAt: Number.isFinite(expiresAt) ? expiresAt : undefined,
        };
  }
  const record = parseAffinityItem(item);
  return record === undefined ? { kind: "unreadable", key } : { kind: "record", record };
}

async function getItem(
  client: DynamoDBClient,
  tableName: string,
  key: string,
): Promise<DynamoDbItem | undefined> {
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { callerKey: { S: key } },
      ConsistentRead: true,
    }),
  );
  return Item;
}

/** Deletes the item under `key`; answers what it held, or `undefined` when there was none. */
async function deleteItem(
  client: DynamoDBClient,
  tableName: string,
  key: string,
): Promise<DynamoDbItem | undefined> {
  const { Attributes } = await client.send(
    new DeleteItemCommand({
      TableName: tableName,
      Key: { callerKey: { S: key } },
      ReturnValues: "ALL_OLD",
    }),
  );
  return Attributes;
}

async function conditionalDelete(
  client: DynamoDBClient,
  tableName: string,
  key: string,
  condition: string,
  values: Record<string, AttributeValue>,
): Promise<boolean> {
  try {
    await client.send(
      new DeleteItemCommand({
        TableName: tableName,
        Key: { callerKey: { S: key } },
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
