import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { sdkCallOptions } from "../aws/sdk-call-options.js";
import type { AffinityAssignment, AffinityRecord } from "../domain/affinity-record.js";
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
import {
  affinityItem,
  contactIndexItem,
  parseAffinityItem,
  parseContactIndexItem,
} from "./affinity-item.js";
import {
  type AffinityTableEntry,
  type DryRunOption,
  type ErasedCaller,
  eraseCallerItems,
  moveRecord,
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

/**
 * `AffinityStore` on a DynamoDB table shaped by `affinityTableDefinition`.
 *
 * `find` is one `GetItem`. `save` is one conditional `UpdateItem` in the common case:
 * - a new contact, newer than the stored one, replaces the agent and adds one to `contactCount`;
 * - the same contact recorded again (say by `record` and then by the contact event) updates the
 *   agent without counting the contact twice (a second conditional update);
 * - a contact older than the stored one, or as old but different, changes nothing: `superseded`.
 * Every condition is evaluated by DynamoDB on the item itself, so concurrent writers for one
 * caller cannot lose the newest assignment or double-count a contact.
 *
 * It is also the {@link ContactIndex}, on the same table: `rememberContact` is one `PutItem` of
 * an item keyed `contact#<contactId>` (`contactKeyPrefix`) holding the caller key in
 * `contactCallerKey` and its TTL in `expiresAt`; `callerOfContact` is one strongly consistent
 * `GetItem` (the contact event follows the routing write within seconds, and a stale miss would
 * lose the recording). Caller keys never start with `contact#` (`assertCallerKey` rejects them
 * in every method), so a caller's record and an index entry can never share an item.
 *
 * @example
 * ```ts
 * import { createDynamoDbClient, DynamoDbAffinityStore } from "@connect-affinity/core/dynamodb";
 *
 * const store = new DynamoDbAffinityStore({ client: createDynamoDbClient(), tableName: "affinity" });
 * const outcome = await store.save({ callerKey, agentId, agentArn, contactId, at: Date.now(), expiresAt });
 * ```
 */
export class DynamoDbAffinityStore implements AffinityStore, ContactIndex {
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
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { callerKey: { S: callerKey } },
        ConsistentRead: this.consistentRead,
      }),
      sdkCallOptions(options),
    );
    return parseAffinityItem(Item);
  }

  /** @throws {InvalidCallerKeyError} for a key in the contact index's key space. */
  async save(assignment: AffinityAssignment, options?: CallOptions): Promise<SaveOutcome> {
    assertCallerKey(assignment.callerKey);
    const newContact = await this.recordNewContact(assignment, options);
    if (newContact !== undefined) {
      return newContact;
    }
    const sameContact = await this.rerecordSameContact(assignment, options);
    if (sameContact !== undefined) {
      return sameContact;
    }
    const repaired = await this.replaceMalformedItem(assignment, options);
    return repaired ?? { kind: "superseded" };
  }

  /** @throws {InvalidCallerKeyError} when `callerKey` is not a caller key. */
  async rememberContact(
    contactId: string,
    callerKey: string,
    expiresAt: number,
    offer?: ContactOffer,
    options?: CallOptions,
  ): Promise<void> {
    assertCallerKey(callerKey);
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: contactIndexItem(contactId, callerKey, expiresAt, offer),
      }),
      sdkCallOptions(options),
    );
  }

  async callerOfContact(contactId: string, options?: CallOptions): Promise<string | undefined> {
    return (await this.rememberedContact(contactId, options))?.callerKey;
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
   * Erases everything the table holds about one caller: the record under each of `callerKeys`
   * (the current key, and a previous or raw-number one during a rotation) and every contact
   * index entry that points at them (a scan: entries are keyed by contact, not by caller).
   * Answers what was removed; with `dryRun`, what would be, and removes nothing.
   *
   * @throws {InvalidCallerKeyError} for a key in the contact index's key space.
   */
  eraseCaller(callerKeys: readonly string[], options: DryRunOption = {}): Promise<ErasedCaller> {
    for (const key of callerKeys) assertCallerKey(key);
    return eraseCallerItems(this.client, this.tableName, callerKeys, options);
  }

  /**
   * Removes `agentId` from every caller's affinity (an agent who leaves): each record that names
   * them is deleted, on condition that it still does (a caller assigned to someone else in the
   * meantime keeps that assignment). Those callers are routed as new callers next time. With
   * `dryRun` the records are only counted.
   */
  removeAgent(agentId: string, options: RemoveAgentOptions = {}): Promise<RemovedAgent> {
    return removeAgentRecords(this.client, this.tableName, agentId, options);
  }

  /**
   * Files the record under `fromKey` under `toKey` instead (a caller-key rotation, or a table
   * of raw numbers moving to keyed hashes): written under `toKey` unless a newer record is
   * already there, then deleted under `fromKey` unless it changed meanwhile.
   *
   * @throws {InvalidCallerKeyError} for a key in the contact index's key space.
   */
  rekeyRecord(fromKey: string, toKey: string, options: DryRunOption = {}): Promise<RekeyOutcome> {
    assertCallerKey(fromKey);
    assertCallerKey(toKey);
    return moveRecord(this.client, this.tableName, fromKey, toKey, options);
  }

  /** DynamoDB's estimate of the table's item count (refreshed about every six hours). */
  approximateItemCount(): Promise<number> {
    return tableItemCount(this.client, this.tableName);
  }

  /** A contact newer than the stored one (or the first one): replace the agent, count it. */
  private async recordNewContact(
    assignment: AffinityAssignment,
    options: CallOptions | undefined,
  ): Promise<SaveOutcome | undefined> {
    const attributes = await conditionally(() =>
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { callerKey: { S: assignment.callerKey } },
          UpdateExpression:
            "SET agentId = :agentId, agentArn = :agentArn, lastContactAt = :at, " +
            "lastContactId = :contactId, expiresAt = :expiresAt, " +
            `contactCount = if_not_exists(contactCount, :zero) + :one${verification(assignment)}`,
          ConditionExpression:
            "attribute_not_exists(callerKey) OR (attribute_type(contactCount, :numberType) " +
            "AND lastContactAt < :at AND NOT lastContactId = :contactId)",
          ExpressionAttributeValues: {
            ...assignmentValues(assignment),
            ":zero": { N: "0" },
            ":one": { N: "1" },
            ":numberType": { S: "N" },
          },
          ReturnValues: "ALL_OLD",
        }),
        sdkCallOptions(options),
      ),
    );
    if (attributes === undefined) {
      return undefined;
    }
    // ALL_OLD tells created from updated; the new count follows from the old one because the
    // update was atomic.
    const { contactCount: previousCount } = attributes;
    const before = previousCount?.N;
    const record = recordOf(assignment, before === undefined ? 1 : Number(before) + 1);
    return before === undefined ? { kind: "created", record } : { kind: "updated", record };
  }

  /** The stored contact recorded again with a time not older: update the agent, do not count. */
  private async rerecordSameContact(
    assignment: AffinityAssignment,
    options: CallOptions | undefined,
  ): Promise<SaveOutcome | undefined> {
    const attributes = await conditionally(() =>
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { callerKey: { S: assignment.callerKey } },
          UpdateExpression: `SET agentId = :agentId, agentArn = :agentArn, lastContactAt = :at, expiresAt = :expiresAt${verification(assignment)}`,
          ConditionExpression:
            "lastContactId = :contactId AND lastContactAt <= :at AND attribute_type(contactCount, :numberType)",
          ExpressionAttributeValues: {
            ...assignmentValues(assignment),
            ":numberType": { S: "N" },
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
   * An item whose ordering fields are missing or mistyped would otherwise fail both conditions
   * forever; it holds nothing worth keeping, so the assignment replaces it.
   */
  private async replaceMalformedItem(
    assignment: AffinityAssignment,
    options: CallOptions | undefined,
  ): Promise<SaveOutcome | undefined> {
    const record = recordOf(assignment, 1);
    const written = await conditionally(() =>
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: affinityItem(record),
          ConditionExpression:
            "attribute_exists(callerKey) AND (NOT attribute_type(lastContactAt, :numberType) " +
            "OR NOT attribute_type(contactCount, :numberType) " +
            "OR NOT attribute_type(lastContactId, :stringType))",
          ExpressionAttributeValues: { ":numberType": { S: "N" }, ":stringType": { S: "S" } },
        }),
        sdkCallOptions(options),
      ),
    );
    return written === undefined ? undefined : { kind: "created", record };
  }
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

function assignmentValues(assignment: AffinityAssignment): Record<string, AttributeValue> {
  return {
    ":agentId": { S: assignment.agentId },
    ":agentArn": { S: assignment.agentArn },
    ":at": { N: String(assignment.at) },
    ":contactId": { S: assignment.contactId },
    ":expiresAt": { N: String(assignment.expiresAt) },
    ...(assignment.agentUnverified === true ? { ":unverified": { BOOL: true } } : {}),
  };
}

/**
 * The end of an update expression that keeps the optional `agentUnverified` flag right: set
 * for an agent the directory could not check, removed once an assignment is verified.
 */
function verification(assignment: AffinityAssignment): string {
  return assignment.agentUnverified === true
    ? ", agentUnverified = :unverified"
    : " REMOVE agentUnverified";
}

function recordOf(assignment: AffinityAssignment, contactCount: number): AffinityRecord {
  return {
    callerKey: assignment.callerKey,
    agentId: assignment.agentId,
    agentArn: assignment.agentArn,
    lastContactAt: assignment.at,
    lastContactId: assignment.contactId,
    contactCount,
    expiresAt: assignment.expiresAt,
    ...(assignment.agentUnverified === true ? { agentUnverified: true } : {}),
  };
}
