import {
  type AttributeValue,
  DeleteItemCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import { type AffinityRecord, namesAgent, withoutAgent } from "../domain/affinity-record.js";
import { contactKeyPrefix } from "../domain/caller-identity.js";
import {
  type DynamoDbItem,
  parseAffinityItem,
  parseContactIndexItem,
  servedAgentPrefix,
} from "./affinity-item.js";

// The maintenance operations behind `DynamoDbAffinityStore`'s admin methods (erase a customer,
// remove an agent, scan). They are rare, run by an operator, and read whole pages of the table;
// none of them is on a contact's path. Moving a record to a new key lives in the store, on its
// conditional rewrite.

/** One item of the affinity table, as a scan reads it. */
export type AffinityTableEntry =
  | { readonly kind: "record"; readonly record: AffinityRecord }
  | {
      readonly kind: "contact";
      readonly contactId: string;
      /** The customer's first key. */
      readonly callerKey: string;
      /** Every key the entry names, in order (the customer's identities, scoped). */
      readonly callerKeys: readonly string[];
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

/** What erasing a customer removed (or, with `dryRun`, would remove). */
export interface ErasedCaller {
  /**
   * The keys whose record item was removed: each key given, and the keys of its records in a
   * `queue` or `channel` scope (`<key>#queue:<id>`, `<key>#channel:<channel>`).
   */
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
  /**
   * Records that named the agent (served by them, pinned to them or excluding them) and no
   * longer do (with `dryRun`: would not).
   */
  readonly removed: number;
  /** Of those, the records whose pin to the agent was removed. */
  readonly unpinned: number;
  /** Of those, the records whose exclusion of the agent was removed. */
  readonly unblocked: number;
  /** Records that named the agent when scanned but no longer did when rewritten. */
  readonly reassigned: number;
}

/**
 * Rewrites the record under a key through `change` on condition that nobody wrote meanwhile
 * (retrying on a conflict); deletes it when the change leaves it empty. The store's own.
 */
export type RecordRewrite = (
  key: string,
  change: (record: AffinityRecord) => AffinityRecord,
) => Promise<AffinityRecord | undefined>;

/**
 * What moving a record to a new key came to.
 *
 * - `moved`: written under the new key and deleted under the old one.
 * - `merged`: the new key already held a record (the customer's contacts since the rotation):
 *   the old one was merged into it (agents, pin, exclusions) and deleted.
 * - `absent`: nothing under the old key.
 * - `changed`: the old record changed while it was being moved; it stays under the old key and
 *   was merged into the new one (merging again changes nothing), to try again.
 */
export type RekeyOutcome = "moved" | "merged" | "absent" | "changed";

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

/**
 * Every record of a customer: under each of `callerKeys` and under its scoped forms
 * (`<key>#<scope>:<value>`). One scan: scoped records are not keyed by the customer's key alone.
 */
export async function findCustomerRecords(
  client: DynamoDBClient,
  tableName: string,
  callerKeys: readonly string[],
): Promise<readonly AffinityRecord[]> {
  const keys = [...new Set(callerKeys)];
  if (keys.length === 0) return [];
  const filter = keyFilter(keys);
  const records: AffinityRecord[] = [];
  for await (const page of scanPages(client, {
    TableName: tableName,
    FilterExpression: filter.expression,
    ExpressionAttributeValues: filter.values,
  })) {
    for (const item of page.items) {
      const record = parseAffinityItem(item);
      if (record !== undefined) records.push(record);
    }
  }
  return records;
}

/** A scan filter matching the records under `keys` and their scoped forms. */
function keyFilter(keys: readonly string[]): {
  readonly expression: string;
  readonly values: Record<string, AttributeValue>;
} {
  const values: Record<string, AttributeValue> = {};
  const tests = keys.flatMap((key, index) => {
    values[`:k${index}`] = { S: key };
    values[`:s${index}`] = { S: `${key}#` };
    return [`callerKey = :k${index}`, `begins_with(callerKey, :s${index})`];
  });
  return { expression: tests.join(" OR "), values };
}

/**
 * Deletes a customer's records under `callerKeys` and under their scoped forms
 * (`<key>#<scope>:<value>`), and the contact index entries naming any of them: one scan, as
 * entries and scoped records are not keyed by the customer's key alone.
 */
export async function eraseCallerItems(
  client: DynamoDBClient,
  tableName: string,
  callerKeys: readonly string[],
  options: DryRunOption,
): Promise<ErasedCaller> {
  const keys = [...new Set(callerKeys)];
  const erasedKeys: string[] = [];
  const records: AffinityRecord[] = [];
  const contactIds: string[] = [];
  if (keys.length === 0) return { callerKeys: erasedKeys, records, contactIds };
  const belongs = (key: string): boolean =>
    keys.some((wanted) => key === wanted || key.startsWith(`${wanted}#`));
  const filter = keyFilter(keys);
  for await (const page of scanPages(client, {
    TableName: tableName,
    // Contact entries are all read: the keys they name may sit in a list, which a filter can
    // match only whole, and scoped keys only by prefix.
    FilterExpression: `begins_with(callerKey, :prefix) OR ${filter.expression}`,
    ExpressionAttributeValues: { ...filter.values, ":prefix": { S: contactKeyPrefix } },
  })) {
    for (const item of page.items) {
      const key = item["callerKey"]?.S;
      if (key === undefined) continue;
      if (key.startsWith(contactKeyPrefix)) {
        const contact = parseContactIndexItem(item);
        const named = contact?.callerKeys ?? (contact === undefined ? [] : [contact.callerKey]);
        if (!named.some(belongs)) continue;
        const removed = options.dryRun ? item : await deleteItem(client, tableName, key);
        if (removed !== undefined) contactIds.push(key.slice(contactKeyPrefix.length));
        continue;
      }
      if (!belongs(key)) continue;
      const removed = options.dryRun ? item : await deleteItem(client, tableName, key);
      if (removed === undefined) continue;
      erasedKeys.push(key);
      const record = parseAffinityItem(removed);
      if (record !== undefined) records.push(record);
    }
  }
  return { callerKeys: erasedKeys, records, contactIds };
}

/**
 * Removes `agentId` from every record that names them (see `withoutAgent`), each through the
 * store's conditional rewrite, so a record changed meanwhile is judged as it is then.
 */
export async function removeAgentRecords(
  client: DynamoDBClient,
  tableName: string,
  agentId: string,
  options: RemoveAgentOptions,
  rewrite: RecordRewrite,
): Promise<RemovedAgent> {
  let scanned = 0;
  let removed = 0;
  let unpinned = 0;
  let unblocked = 0;
  let reassigned = 0;
  for await (const page of scanPages(client, {
    TableName: tableName,
    // Version 1 names the agent at the top; version 2 in an entry, the pin, or the exclusions.
    FilterExpression:
      "NOT begins_with(callerKey, :prefix) AND (agentId = :agentId OR attribute_exists(#served) OR #pin.#pinned = :agentId OR contains(excludedAgents, :agentId))",
    ExpressionAttributeNames: {
      "#served": `${servedAgentPrefix}${agentId}`,
      "#pin": "pin",
      "#pinned": "a",
    },
    ExpressionAttributeValues: { ":agentId": { S: agentId }, ":prefix": { S: contactKeyPrefix } },
  })) {
    scanned += page.scanned;
    for (const item of page.items) {
      const key = item["callerKey"]?.S;
      if (key === undefined) continue;
      if (options.dryRun) {
        const record = parseAffinityItem(item);
        if (record === undefined) continue;
        removed += 1;
        if (record.pin?.agentId === agentId) unpinned += 1;
        if (record.excludedAgentIds.includes(agentId)) unblocked += 1;
        continue;
      }
      let seen: AffinityRecord | undefined;
      await rewrite(key, (record) => {
        seen = record;
        return namesAgent(record, agentId) ? withoutAgent(record, agentId) : record;
      });
      if (seen === undefined || !namesAgent(seen, agentId)) {
        reassigned += 1;
        continue;
      }
      removed += 1;
      if (seen.pin?.agentId === agentId) unpinned += 1;
      if (seen.excludedAgentIds.includes(agentId)) unblocked += 1;
    }
    options.onProgress?.({ scanned, removed });
  }
  return { scanned, removed, unpinned, unblocked, reassigned };
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
          callerKeys: contact.callerKeys ?? [contact.callerKey],
          expiresAt: Number.isFinite(expiresAt) ? expiresAt : undefined,
        };
  }
  const record = parseAffinityItem(item);
  return record === undefined ? { kind: "unreadable", key } : { kind: "record", record };
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
