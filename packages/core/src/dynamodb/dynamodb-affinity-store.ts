import {
  type AttributeValue,
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { sdkCallOptions } from "../aws/sdk-call-options.js";
import {
  type AffinityAssignment,
  type AffinityRecord,
  emptyRecord,
  isEmptyRecord,
  maxServedAgents,
  mergeAssignment,
  mergedRecords,
  withExclusions,
  withPin,
} from "../domain/affinity-record.js";
import { assertCallerKey, contactKeyPrefix } from "../domain/caller-identity.js";
import type { ContactOffer } from "../domain/contact-offer.js";
import {
  booleanOption,
  nonBlankString,
  optionObject,
  rejectUnknownKeys,
  withMethods,
} from "../options/option-checks.js";
import type { AffinityStore, SaveOutcome } from "../ports/affinity-store.js";
import type { CallOptions } from "../ports/call-options.js";
import type { ContactIndex, RememberedContact } from "../ports/contact-index.js";
import type { CustomerPreferences, PinRequest } from "../ports/customer-preferences.js";
import {
  affinityItem,
  affinityItemVersion,
  contactIndexItem,
  type DynamoDbItem,
  parseAffinityItem,
  parseContactIndexItem,
  revisionOf,
  servedCountPrefix,
  servedEntry,
  servedEntryNames,
} from "./affinity-item.js";
import {
  type AffinityTableEntry,
  type DryRunOption,
  type ErasedCaller,
  eraseCallerItems,
  findCustomerRecords,
  type RekeyOutcome,
  type RemoveAgentOptions,
  type RemovedAgent,
  removeAgentRecords,
  scanEntries,
  type TableScanOptions,
  tableItemCount,
} from "./affinity-table-maintenance.js";

/** Options of `DynamoDbAffinityStore`. */
export interface DynamoDbAffinityStoreOptions {
  /** A client from `createDynamoDbClient`, shared by the container. */
  readonly client: DynamoDBClient;
  /** The table created from `affinityTableDefinition`. */
  readonly tableName: string;
  /**
   * Read with strong consistency. Default `false`: an eventually consistent read costs half
   * and a caller rarely calls back within the second it takes to converge.
   */
  readonly consistentRead?: boolean;
}

const optionNames: Readonly<Record<keyof DynamoDbAffinityStoreOptions, true>> = {
  client: true,
  tableName: true,
  consistentRead: true,
};

/** Rewrites tried before a write gives up on a record that keeps changing under it. */
const maxRewriteAttempts = 5;

/** Reads of unprocessed keys a `findMany` tries before it gives up. */
const maxBatchGetAttempts = 3;

/** BatchGetItem takes at most this many keys per request. */
const batchGetLimit = 100;

/**
 * `AffinityStore` on a DynamoDB table shaped by `affinityTableDefinition`, reading item format
 * versions 1 and 2 and writing version 2 (see `parseAffinityItem`).
 *
 * `find` is one `GetItem`; `findMany` one `BatchGetItem` (per 100 keys). `save` is one
 * conditional `UpdateItem` in the common cases:
 * - a new contact, newer than the stored one, credits its agent (their entry set, their count
 *   and the customer's raised by one, whoever they are), with no read first;
 * - the same contact recorded again (say by `record` and then by the contact event) updates
 *   its time without counting it twice (a second conditional update), naming the agent the
 *   event names;
 * - anything else (a version-1 item, a malformed item) is read and rewritten whole under a
 *   condition that it did not change meanwhile;
 * - a contact older than the stored one, or as old but different, changes nothing: `superseded`.
 * Every condition is evaluated by DynamoDB on the item itself, so concurrent writers for one
 * key cannot lose the newest assignment, double-count a contact or drop a preference.
 *
 * It is also the {@link ContactIndex} (one `PutItem` of a `contact#<contactId>` item; one
 * strongly consistent `GetItem` to read it back) and the {@link CustomerPreferences} the
 * operations tool calls (`pin`, `unpin`, `block`, `unblock`: a strongly consistent read and
 * one conditional write each). Caller keys never start with `contact#` (`assertCallerKey`
 * rejects them in every method), so a record and an index entry can never share an item.
 *
 * @example
 * ```ts
 * import { createDynamoDbClient, DynamoDbAffinityStore } from "@connect-affinity/core/dynamodb";
 *
 * const store = new DynamoDbAffinityStore({ client: createDynamoDbClient(), tableName: "affinity" });
 * const outcome = await store.save({ callerKey, agentId, agentArn, contactId, at: Date.now(), expiresAt });
 * ```
 */
export class DynamoDbAffinityStore implements AffinityStore, ContactIndex, CustomerPreferences {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;
  private readonly consistentRead: boolean;

  /** @throws {InvalidOptionError} naming an option that is unknown, missing or of the wrong type. */
  constructor(options: DynamoDbAffinityStoreOptions) {
    rejectUnknownKeys(optionObject("options", options), Object.keys(optionNames));
    this.client = withMethods("client", options.client, ["send"]);
    this.tableName = nonBlankString("tableName", options.tableName);
    this.consistentRead =
      options.consistentRead === undefined
        ? false
        : booleanOption("consistentRead", options.consistentRead);
  }

  /** @throws {InvalidCallerKeyError} for a key in the contact index's key space. */
  async find(callerKey: string, options?: CallOptions): Promise<AffinityRecord | undefined> {
    assertCallerKey(callerKey);
    return parseAffinityItem(await this.read(callerKey, this.consistentRead, options));
  }

  /**
   * @throws {InvalidCallerKeyError} for a key in the contact index's key space.
   * @throws {Error} when DynamoDB keeps leaving keys unprocessed (throttling).
   */
  async findMany(
    callerKeys: readonly string[],
    options?: CallOptions,
  ): Promise<ReadonlyMap<string, AffinityRecord>> {
    for (const key of callerKeys) assertCallerKey(key);
    const records = new Map<string, AffinityRecord>();
    const unique = [...new Set(callerKeys)];
    for (let start = 0; start < unique.length; start += batchGetLimit) {
      let keys: Record<string, AttributeValue>[] = unique
        .slice(start, start + batchGetLimit)
        .map((key) => ({ callerKey: { S: key } }));
      for (let attempt = 1; keys.length > 0; attempt += 1) {
        if (attempt > maxBatchGetAttempts) {
          throw new Error(
            `DynamoDB left ${keys.length} keys unprocessed ${maxBatchGetAttempts} times`,
          );
        }
        if (attempt > 1) await pause(25 * 2 ** (attempt - 2), options?.signal);
        const output = await this.client.send(
          new BatchGetItemCommand({
            RequestItems: {
              [this.tableName]: { Keys: keys, ConsistentRead: this.consistentRead },
            },
          }),
          sdkCallOptions(options),
        );
        for (const item of output.Responses?.[this.tableName] ?? []) {
          const record = parseAffinityItem(item);
          if (record !== undefined) records.set(record.callerKey, record);
        }
        keys = output.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return records;
  }

  /** @throws {InvalidCallerKeyError} for a key in the contact index's key space. */
  async save(assignment: AffinityAssignment, options?: CallOptions): Promise<SaveOutcome> {
    assertCallerKey(assignment.callerKey);
    return (
      (await this.creditNewContact(assignment, options)) ??
      (await this.rerecordSameContact(assignment, options)) ??
      (await this.mergeByRewrite(assignment, options))
    );
  }

  /** @throws {InvalidCallerKeyError} when `customerKey` is not a caller key. */
  async pin(customerKey: string, pin: PinRequest, options?: CallOptions): Promise<AffinityRecord> {
    const record = await this.rewrite(
      customerKey,
      (current) =>
        withPin(current, {
          agentId: nonBlankString("agentId", pin.agentId),
          agentArn: nonBlankString("agentArn", pin.agentArn),
          pinnedAt: pin.pinnedAt,
          ...(pin.until === undefined ? {} : { until: pin.until }),
        }),
      options,
    );
    // A pin makes the record non-empty, so the rewrite always leaves one.
    return record as AffinityRecord;
  }

  /** @throws {InvalidCallerKeyError} when `customerKey` is not a caller key. */
  async unpin(customerKey: string, options?: CallOptions): Promise<AffinityRecord | undefined> {
    return this.rewrite(customerKey, (current) => withPin(current, undefined), options);
  }

  /**
   * @throws {InvalidCallerKeyError} when `customerKey` is not a caller key.
   * @throws {RangeError} when the customer would exclude more than `maxExcludedAgents`.
   */
  async block(
    customerKey: string,
    agentIds: readonly string[],
    options?: CallOptions,
  ): Promise<AffinityRecord> {
    const ids = agentIds.map((id) => nonBlankString("agentIds", id).trim());
    const record = await this.rewrite(
      customerKey,
      (current) => withExclusions(current, ids),
      options,
    );
    return record as AffinityRecord;
  }

  /** @throws {InvalidCallerKeyError} when `customerKey` is not a caller key. */
  async unblock(
    customerKey: string,
    agentIds: readonly string[],
    options?: CallOptions,
  ): Promise<AffinityRecord | undefined> {
    const ids = agentIds.map((id) => id.trim());
    return this.rewrite(customerKey, (current) => withExclusions(current, ids, true), options);
  }

  /** @throws {InvalidCallerKeyError} when a key is not a caller key. */
  async rememberContact(
    contactId: string,
    callerKeys: string | readonly string[],
    expiresAt: number,
    offer?: ContactOffer,
    options?: CallOptions,
  ): Promise<void> {
    const keys = typeof callerKeys === "string" ? [callerKeys] : [...new Set(callerKeys)];
    if (keys.length === 0) throw new RangeError("rememberContact needs at least one caller key");
    for (const key of keys) assertCallerKey(key);
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: contactIndexItem(contactId, keys, expiresAt, offer),
      }),
      sdkCallOptions(options),
    );
  }

  async callerOfContact(contactId: string, options?: CallOptions): Promise<string | undefined> {
    return (await this.rememberedContact(contactId, options))?.callerKey;
  }

  async callerKeysOfContact(contactId: string, options?: CallOptions): Promise<readonly string[]> {
    const entry = await this.rememberedContact(contactId, options);
    return entry === undefined ? [] : (entry.callerKeys ?? [entry.callerKey]);
  }

  async rememberedContact(
    contactId: string,
    options?: CallOptions,
  ): Promise<RememberedContact | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { callerKey: { S: `${contactKeyPrefix}${contactId}` } },
        ConsistentRead: true,
      }),
      sdkCallOptions(options),
    );
    return parseContactIndexItem(Item);
  }

  /**
   * Every item of the table, a scan page at a time: callers' records, contact index entries,
   * and items that are neither (`unreadable`: half-written or written by hand). For the admin
   * tool's `stats` and `export`; a full scan reads the whole table, so not for a contact's path.
   * `onPage` hears how many items each page scanned, for a progress bar.
   */
  entries(options: TableScanOptions = {}): AsyncIterable<AffinityTableEntry> {
    return scanEntries(this.client, this.tableName, options);
  }

  /**
   * Every record of one customer: under each of `callerKeys` (see {@link eraseCaller}) and
   * under their scoped forms in a `queue` or `channel` scope (`<key>#…`). One scan of the
   * table, for the admin tool's `lookup`; not for a contact's path.
   *
   * @throws {InvalidCallerKeyError} for a key in the contact index's key space.
   */
  async customerRecords(callerKeys: readonly string[]): Promise<readonly AffinityRecord[]> {
    for (const key of callerKeys) assertCallerKey(key);
    return findCustomerRecords(this.client, this.tableName, callerKeys);
  }

  /**
   * Erases everything the table holds about one customer: the record under each of
   * `callerKeys` (an identity's current key, and a previous or raw-number one during a
   * rotation), with its pin and exclusions, the records of those keys in a `queue` or `channel`
   * scope (`<key>#…`), and every contact index entry that names any of them (one scan: entries
   * are keyed by contact, not by customer). Answers what was removed; with `dryRun`, what would
   * be, and removes nothing.
   *
   * @throws {InvalidCallerKeyError} for a key in the contact index's key space.
   */
  eraseCaller(callerKeys: readonly string[], options: DryRunOption = {}): Promise<ErasedCaller> {
    for (const key of callerKeys) assertCallerKey(key);
    return eraseCallerItems(this.client, this.tableName, callerKeys, options);
  }

  /**
   * Removes `agentId` from every customer's records (an agent who leaves): their served entry,
   * a pin to them and an exclusion of them, each record through a conditional rewrite (a record
   * changed meanwhile is judged as it is then). A customer's earlier agents stay; a record left
   * with nothing (no agent, pin or exclusion) is deleted, so that customer is new next time.
   * With `dryRun` the records are only counted.
   */
  removeAgent(agentId: string, options: RemoveAgentOptions = {}): Promise<RemovedAgent> {
    return removeAgentRecords(this.client, this.tableName, agentId, options, (key, change) =>
      this.rewrite(key, change, undefined),
    );
  }

  /**
   * Files the record under `fromKey` under `toKey` instead (a caller-key rotation, or a table
   * of raw numbers moving to keyed hashes), its pin and exclusions with it: merged into what
   * `toKey` already holds (see `mergedRecords`), then deleted under `fromKey` unless it changed
   * meanwhile.
   *
   * @throws {InvalidCallerKeyError} for a key in the contact index's key space.
   */
  async rekeyRecord(
    fromKey: string,
    toKey: string,
    options: DryRunOption = {},
  ): Promise<RekeyOutcome> {
    assertCallerKey(fromKey);
    assertCallerKey(toKey);
    const item = await this.read(fromKey, true, undefined);
    const source = parseAffinityItem(item);
    if (item === undefined || source === undefined) return "absent";
    if (options.dryRun === true) {
      return parseAffinityItem(await this.read(toKey, true, undefined)) === undefined
        ? "moved"
        : "merged";
    }
    let merged = false;
    await this.rewrite(
      toKey,
      (current) => {
        merged = !isEmptyRecord(current);
        return mergedRecords(current, { ...source, callerKey: toKey });
      },
      undefined,
    );
    if (!(await this.deleteUnchanged(item, undefined))) return "changed";
    return merged ? "merged" : "moved";
  }

  /** DynamoDB's estimate of the table's item count (refreshed about every six hours). */
  approximateItemCount(): Promise<number> {
    return tableItemCount(this.client, this.tableName);
  }

  private async read(
    callerKey: string,
    consistent: boolean,
    options: CallOptions | undefined,
  ): Promise<DynamoDbItem | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { callerKey: { S: callerKey } },
        ConsistentRead: consistent,
      }),
      sdkCallOptions(options),
    );
    return Item;
  }

  /**
   * A contact newer than the stored one (or the first one) of a version-2 record, whoever
   * served it: the agent's entry set, their count and the customer's raised, in one update.
   * A sixth agent is then pruned (one more conditional update, rarely).
   */
  private async creditNewContact(
    assignment: AffinityAssignment,
    options: CallOptions | undefined,
  ): Promise<SaveOutcome | undefined> {
    const attributes = await conditionally(() =>
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { callerKey: { S: assignment.callerKey } },
          UpdateExpression:
            "SET v = :version, agentId = :agentId, agentArn = :agentArn, lastContactAt = :at, " +
            "lastContactId = :contactId, #entry = :entry, " +
            "contactCount = if_not_exists(contactCount, :zero) + :one, " +
            "#count = if_not_exists(#count, :zero) + :one, " +
            "expiresAt = if_not_exists(ttlHold, :expiresAt), " +
            `rev = if_not_exists(rev, :zero) + :one${verification(assignment)}`,
          ConditionExpression:
            "attribute_not_exists(callerKey) OR (v = :version AND (attribute_not_exists(lastContactAt) " +
            "OR (attribute_type(lastContactAt, :numberType) AND lastContactAt < :at " +
            "AND NOT lastContactId = :contactId)))",
          ExpressionAttributeNames: entryNames(assignment.agentId),
          ExpressionAttributeValues: {
            ...assignmentValues(assignment),
            ":version": { N: String(affinityItemVersion) },
            ":zero": { N: "0" },
            ":one": { N: "1" },
            ":numberType": { S: "N" },
          },
          ReturnValues: "ALL_NEW",
        }),
        sdkCallOptions(options),
      ),
    );
    if (attributes === undefined) return undefined;
    await this.pruneServedAgents(attributes, options);
    const record = parseAffinityItem(attributes);
    if (record === undefined) return undefined;
    return record.contactCount === 1 ? { kind: "created", record } : { kind: "updated", record };
  }

  /**
   * The stored contact recorded again, not older: update its time without counting it again.
   * Named with another agent (the flow recorded the agent it offered, another answered), that
   * agent becomes the latest, counted once if new (`mergeAssignment`'s rule), in the same write.
   */
  private async rerecordSameContact(
    assignment: AffinityAssignment,
    options: CallOptions | undefined,
  ): Promise<SaveOutcome | undefined> {
    const attributes = await conditionally(() =>
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { callerKey: { S: assignment.callerKey } },
          UpdateExpression:
            "SET lastContactAt = :at, agentId = :agentId, agentArn = :agentArn, #entry = :entry, " +
            "#count = if_not_exists(#count, :one), " +
            "expiresAt = if_not_exists(ttlHold, :expiresAt), " +
            `rev = if_not_exists(rev, :zero) + :one${verification(assignment)}`,
          ConditionExpression:
            "v = :version AND lastContactId = :contactId AND lastContactAt <= :at",
          ExpressionAttributeNames: entryNames(assignment.agentId),
          ExpressionAttributeValues: {
            ...assignmentValues(assignment),
            ":version": { N: String(affinityItemVersion) },
            ":zero": { N: "0" },
            ":one": { N: "1" },
          },
          ReturnValues: "ALL_NEW",
        }),
        sdkCallOptions(options),
      ),
    );
    const record = parseAffinityItem(attributes);
    return record === undefined ? undefined : { kind: "updated", record };
  }

  /**
   * Everything the two updates do not cover: read the item, merge the assignment with the
   * domain's rules, and write the whole item back on condition that it did not change.
   */
  private async mergeByRewrite(
    assignment: AffinityAssignment,
    options: CallOptions | undefined,
  ): Promise<SaveOutcome> {
    for (let attempt = 0; attempt < maxRewriteAttempts; attempt += 1) {
      const item = await this.read(assignment.callerKey, true, options);
      const merged = mergeAssignment(parseAffinityItem(item), assignment);
      if (merged.kind === "superseded") return merged;
      const written = await this.writeUnchanged(item, merged.record, options);
      if (written) return merged;
    }
    throw new Error(
      `the record kept changing during ${maxRewriteAttempts} attempts to save contact ${assignment.contactId}`,
    );
  }

  /**
   * Reads the record under `key` (an empty one when there is none, or it is malformed),
   * applies `change` and writes the result on condition that the item did not change
   * meanwhile; deletes the item when nothing worth keeping is left.
   */
  private async rewrite(
    key: string,
    change: (record: AffinityRecord) => AffinityRecord,
    options: CallOptions | undefined,
  ): Promise<AffinityRecord | undefined> {
    assertCallerKey(key);
    for (let attempt = 0; attempt < maxRewriteAttempts; attempt += 1) {
      const item = await this.read(key, true, options);
      const next = change(parseAffinityItem(item) ?? emptyRecord(key));
      if (isEmptyRecord(next)) {
        if (item === undefined || (await this.deleteUnchanged(item, options))) return undefined;
      } else if (await this.writeUnchanged(item, next, options)) {
        return parseAffinityItem(affinityItem(next, 0));
      }
    }
    throw new Error(`the record kept changing during ${maxRewriteAttempts} attempts to update it`);
  }

  /** Puts `record`'s item if the stored item is still `seen`; `false` when it changed. */
  private async writeUnchanged(
    seen: DynamoDbItem | undefined,
    record: AffinityRecord,
    options: CallOptions | undefined,
  ): Promise<boolean> {
    const next = affinityItem(record, (seen === undefined ? 0 : revisionOf(seen)) + 1);
    const written = await conditionally(() =>
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: next,
          ...unchangedCondition(seen),
        }),
        sdkCallOptions(options),
      ),
    );
    return written !== undefined;
  }

  private async deleteUnchanged(
    seen: DynamoDbItem,
    options: CallOptions | undefined,
  ): Promise<boolean> {
    const { callerKey } = seen;
    const deleted = await conditionally(() =>
      this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: { callerKey: callerKey ?? { S: "" } },
          ...unchangedCondition(seen),
        }),
        sdkCallOptions(options),
      ),
    );
    return deleted !== undefined;
  }

  /**
   * Removes the entries of the agents who served the customer least recently beyond
   * {@link maxServedAgents}, on condition that nobody wrote meanwhile (else the next write
   * prunes). Readers ignore extra entries anyway; this keeps the item small.
   */
  private async pruneServedAgents(
    item: DynamoDbItem,
    options: CallOptions | undefined,
  ): Promise<void> {
    const names = servedEntryNames(item);
    if (names.length <= maxServedAgents) return;
    const kept = new Set(
      (parseAffinityItem(item)?.agents ?? []).map((agent) => `a:${agent.agentId}`),
    );
    const stale = names.filter((name) => !kept.has(name));
    if (stale.length === 0) return;
    const aliases: Record<string, string> = {};
    const removed: string[] = [];
    stale.forEach((name, index) => {
      aliases[`#e${index}`] = name;
      aliases[`#n${index}`] = `${servedCountPrefix}${name.slice(2)}`;
      removed.push(`#e${index}`, `#n${index}`);
    });
    const { callerKey } = item;
    await conditionally(() =>
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { callerKey: callerKey ?? { S: "" } },
          UpdateExpression: `REMOVE ${removed.join(", ")}`,
          ConditionExpression: "rev = :rev",
          ExpressionAttributeNames: aliases,
          ExpressionAttributeValues: { ":rev": { N: String(revisionOf(item)) } },
        }),
        sdkCallOptions(options),
      ),
    );
  }
}

/**
 * The condition that the stored item is still `seen`: absent; or the same write counter
 * (version 2); or, for a version-1 item (no counter), still version 1 with the same latest
 * contact; or, for a malformed item, still malformed in the same way.
 */
function unchangedCondition(seen: DynamoDbItem | undefined): {
  readonly ConditionExpression: string;
  readonly ExpressionAttributeValues?: Record<string, AttributeValue>;
} {
  if (seen === undefined) return { ConditionExpression: "attribute_not_exists(callerKey)" };
  const { rev, lastContactAt, lastContactId, v } = seen;
  if (rev !== undefined) {
    return { ConditionExpression: "rev = :rev", ExpressionAttributeValues: { ":rev": rev } };
  }
  if (v === undefined && lastContactAt?.N !== undefined && lastContactId?.S !== undefined) {
    return {
      ConditionExpression:
        "attribute_not_exists(rev) AND attribute_not_exists(v) AND lastContactAt = :seenAt " +
        "AND lastContactId = :seenContactId",
      ExpressionAttributeValues: { ":seenAt": lastContactAt, ":seenContactId": lastContactId },
    };
  }
  // A malformed item without a counter: replace it only while it is still without one.
  return { ConditionExpression: "attribute_exists(callerKey) AND attribute_not_exists(rev)" };
}

/**
 * Runs a conditional write: its returned attributes (`{}` when none), or `undefined` when the
 * condition failed. Any other error propagates.
 */
async function conditionally(
  write: () => Promise<{ readonly Attributes?: Record<string, AttributeValue> | undefined }>,
): Promise<Record<string, AttributeValue> | undefined> {
  try {
    return (await write()).Attributes ?? {};
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      return undefined;
    }
    throw error;
  }
}

function entryNames(agentId: string): Record<string, string> {
  return { "#entry": `a:${agentId}`, "#count": `${servedCountPrefix}${agentId}` };
}

function assignmentValues(assignment: AffinityAssignment): Record<string, AttributeValue> {
  return {
    ":agentId": { S: assignment.agentId },
    ":agentArn": { S: assignment.agentArn },
    ":at": { N: String(assignment.at) },
    ":contactId": { S: assignment.contactId },
    ":expiresAt": { N: String(assignment.expiresAt) },
    ":entry": servedEntry({
      agentArn: assignment.agentArn,
      lastServedAt: assignment.at,
      expiresAt: assignment.expiresAt,
      ...(assignment.agentUnverified === true ? { agentUnverified: true } : {}),
    }),
    ...(assignment.agentUnverified === true ? { ":unverified": { BOOL: true } } : {}),
  };
}

/**
 * The end of an update expression that keeps the optional top-level `agentUnverified` flag (the
 * latest agent's, as the previous release reads it) right: set for an agent the directory could
 * not check, removed once an assignment is verified.
 */
function verification(assignment: AffinityAssignment): string {
  return assignment.agentUnverified === true
    ? ", agentUnverified = :unverified"
    : " REMOVE agentUnverified";
}

/** Waits `ms`, or less when `signal` aborts (the caller's next request then fails at once). */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
