import {
  type AttributeValue,
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { type Agent, type Channel, channels } from "../domain/agent.js";
import { isShardCount } from "../domain/agent-index-layout.js";
import type { IndexLayout, RosterChange, RosterEntry } from "../domain/roster-reconciliation.js";
import {
  integerIn,
  nonBlankString,
  optionObject,
  rejectUnknownKeys,
  withMethods,
} from "../options/option-checks.js";
import { type Clock, systemClock } from "../ports/clock.js";
import type {
  RosterApplySummary,
  RosterRefreshProgress,
  SharedRoster,
} from "../ports/shared-roster.js";
import { parsePresenceItem } from "./presence-item.js";
import {
  availableShardAttribute,
  isTableItemKey,
  presenceWatermarkKey,
  readySinceAttribute,
} from "./presence-table-definition.js";

/** Options of `DynamoDbSharedRoster`. */
export interface DynamoDbSharedRosterOptions {
  readonly client: DynamoDBClient;
  /** The presence table (`presenceTableDefinition`). */
  readonly tableName: string;
  /** Writes in flight at once while applying changes. Default 8. */
  readonly concurrency?: number;
  /** Reads "now" to judge reservations. Default the wall clock. */
  readonly clock?: Clock;
}

/** What a `DynamoDbSharedRoster` has done: requests by kind, and items scanned. */
export interface DynamoDbSharedRosterStats {
  readonly scanPages: number;
  readonly itemsScanned: number;
  readonly writes: number;
  readonly reads: number;
}

const optionNames: Readonly<Record<keyof DynamoDbSharedRosterOptions, true>> = {
  client: true,
  tableName: true,
  concurrency: true,
  clock: true,
};

/** The refresher's progress item. */
export const rosterProgressKey = "#roster";
/** How long a stored listing page outlives its refresh, in seconds (TTL removes it for free). */
const pageTtlSeconds = 86_400;
const scannedAttributes = [
  "agentId",
  "listed",
  "routable",
  "slots",
  "idleSince",
  "eventType",
  "eventAt",
  "reservedUntil",
  "reservedBy",
  "reservedAt",
  "stateSig",
  readySinceAttribute,
  ...channels.map(availableShardAttribute),
];

/**
 * `SharedRoster` on the presence table, for the roster refresher:
 *
 * - progress in one item (`#roster`): when the last refresh completed, and the listing in
 *   progress (its start, pages stored, next token). Each stored page is one item
 *   (`#roster#<start>#<n>`, the page's user IDs, about 37 bytes a user, so 37 write units for a
 *   page of 1,000) that TTL removes a day later; a directory read in one run stores none;
 * - `entries()`: one `Scan` of the table (eventually consistent: half a read unit per 4 KB, so
 *   about 60 units per 1,000 agents);
 * - `apply()`: one `UpdateItem` per change: `add` and `unlist` unconditionally, `reindex` on
 *   condition that the entry's `stateSig` is still the one scanned (and, when it puts the agent
 *   back in an index, that no unexpired reservation holds them);
 * - `complete()`: marks the progress item, and records `rosterCompletedAt` on the watermark
 *   item, where the routers' `DynamoDbAgentIndex` learns that the roster is complete.
 *
 * @example
 * ```ts
 * import { createDynamoDbClient, DynamoDbSharedRoster } from "@connect-affinity/core/dynamodb";
 *
 * const roster = new DynamoDbSharedRoster({ client: createDynamoDbClient(), tableName: "presence" });
 * ```
 */
export class DynamoDbSharedRoster implements SharedRoster {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;
  private readonly concurrency: number;
  private readonly clock: Clock;
  private counters = { scanPages: 0, itemsScanned: 0, writes: 0, reads: 0 };

  /** @throws {InvalidOptionError} naming an option that is unknown, missing or out of range. */
  constructor(options: DynamoDbSharedRosterOptions) {
    rejectUnknownKeys(optionObject("options", options), Object.keys(optionNames));
    this.client = withMethods("client", options.client, ["send"]);
    this.tableName = nonBlankString("tableName", options.tableName);
    this.concurrency = integerIn("concurrency", options.concurrency ?? 8, 1, 100);
    this.clock = withMethods("clock", options.clock ?? systemClock, ["now"]);
  }

  async progress(): Promise<RosterRefreshProgress> {
    const item = await this.getItem(rosterProgressKey);
    const {
      completedAt: completed,
      startedAt: started,
      pages: stored,
      nextToken: token,
    } = item ?? {};
    const completedAt = numberOf(completed);
    const startedAt = numberOf(started);
    const pages = numberOf(stored);
    const nextToken = token?.S;
    return {
      ...(completedAt === undefined ? {} : { completedAt }),
      ...(startedAt === undefined || pages === undefined || nextToken === undefined
        ? {}
        : { current: { startedAt, pages, nextToken } }),
    };
  }

  async savePages(
    refresh: { readonly startedAt: number; readonly pages: number },
    pages: readonly (readonly Agent[])[],
    nextToken: string,
  ): Promise<void> {
    const expiresAt = Math.floor(refresh.startedAt / 1000) + pageTtlSeconds;
    for (const [offset, agents] of pages.entries()) {
      this.counters.writes += 1;
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            agentId: { S: pageKey(refresh.startedAt, refresh.pages + offset) },
            agents: { S: encodePage(agents) },
            expiresAt: { N: String(expiresAt) },
          },
        }),
      );
    }
    const first = refresh.pages === 0;
    this.counters.writes += 1;
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { agentId: { S: rosterProgressKey } },
        UpdateExpression: "SET startedAt = :startedAt, pages = :pages, nextToken = :token",
        // Two runs never interleave their pages: each moves the refresh on from where it found it.
        ConditionExpression: first
          ? "attribute_not_exists(startedAt)"
          : "startedAt = :startedAt AND pages = :stored",
        ExpressionAttributeValues: {
          ":startedAt": { N: String(refresh.startedAt) },
          ":pages": { N: String(refresh.pages + pages.length) },
          ":token": { S: nextToken },
          ...(first ? {} : { ":stored": { N: String(refresh.pages) } }),
        },
      }),
    );
  }

  async storedListing(refresh: {
    readonly startedAt: number;
    readonly pages: number;
  }): Promise<readonly Agent[]> {
    const keys = Array.from({ length: refresh.pages }, (_, n) => pageKey(refresh.startedAt, n));
    const found = new Map<string, string>();
    for (let start = 0; start < keys.length; start += 100) {
      let pending: Record<string, AttributeValue>[] = keys
        .slice(start, start + 100)
        .map((key) => ({ agentId: { S: key } }));
      for (let round = 0; pending.length > 0; round += 1) {
        if (round > 5) throw new Error("stored roster pages stayed unprocessed");
        this.counters.reads += 1;
        const output = await this.client.send(
          new BatchGetItemCommand({
            RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
          }),
        );
        for (const item of output.Responses?.[this.tableName] ?? []) {
          const { agentId, agents: listing } = item;
          const key = agentId?.S;
          const agents = listing?.S;
          if (key !== undefined && agents !== undefined) found.set(key, agents);
        }
        pending = output.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return keys.flatMap((key) => {
      const page = found.get(key);
      if (page === undefined) throw new Error(`stored roster page ${key} is missing`);
      return decodePage(page);
    });
  }

  async entries(): Promise<readonly RosterEntry[]> {
    const entries: RosterEntry[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      this.counters.scanPages += 1;
      const output = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          ProjectionExpression: scannedAttributes.join(", "),
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      for (const item of output.Items ?? []) {
        this.counters.itemsScanned += 1;
        const entry = entryOf(item);
        if (entry !== undefined) entries.push(entry);
      }
      start = output.LastEvaluatedKey;
    } while (start !== undefined);
    return entries;
  }

  async layout(): Promise<IndexLayout | undefined> {
    const item = await this.getItem(presenceWatermarkKey);
    const { shards: shardCount, indexedChannels } = item ?? {};
    const shards = numberOf(shardCount);
    if (!isShardCount(shards)) return undefined;
    const indexed = (indexedChannels?.S ?? "")
      .split(",")
      .filter((name): name is Channel => (channels as readonly string[]).includes(name));
    return { shards, channels: indexed };
  }

  async apply(changes: readonly RosterChange[]): Promise<RosterApplySummary> {
    let applied = 0;
    let skipped = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < changes.length) {
        const change = changes[next];
        next += 1;
        if (change === undefined) continue;
        try {
          this.counters.writes += 1;
          await this.client.send(this.updateFor(change));
          applied += 1;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          skipped += 1;
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.concurrency, changes.length) }, () => worker()),
    );
    return { applied, skipped };
  }

  async complete(startedAt: number, agents: number, at: number): Promise<void> {
    this.counters.writes += 2;
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { agentId: { S: rosterProgressKey } },
        UpdateExpression:
          "SET completedAt = :at, agents = :agents REMOVE startedAt, pages, nextToken",
        ExpressionAttributeValues: {
          ":at": { N: String(at) },
          ":agents": { N: String(agents) },
        },
      }),
    );
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { agentId: { S: presenceWatermarkKey } },
        UpdateExpression:
          "SET rosterCompletedAt = :at, rosterAgents = :agents, rosterStartedAt = :startedAt",
        ExpressionAttributeValues: {
          ":at": { N: String(at) },
          ":agents": { N: String(agents) },
          ":startedAt": { N: String(startedAt) },
        },
      }),
    );
  }

  /** Counters since construction. */
  stats(): DynamoDbSharedRosterStats {
    return { ...this.counters };
  }

  private async getItem(key: string): Promise<Record<string, AttributeValue> | undefined> {
    this.counters.reads += 1;
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { agentId: { S: key } },
        ConsistentRead: true,
      }),
    );
    return Item;
  }

  private updateFor(change: RosterChange): UpdateItemCommand {
    const Key = { agentId: { S: change.kind === "add" ? change.agent.id : change.agentId } };
    switch (change.kind) {
      case "add":
        return new UpdateItemCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: "SET listed = :true, agentArn = if_not_exists(agentArn, :arn)",
          ExpressionAttributeValues: { ":true": { BOOL: true }, ":arn": { S: change.agent.arn } },
        });
      case "unlist":
        return new UpdateItemCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: `SET listed = :false REMOVE ${channels.map(availableShardAttribute).join(", ")}`,
          ExpressionAttributeValues: { ":false": { BOOL: false } },
        });
      case "reindex":
        return this.reindexUpdate(change, Key);
    }
  }

  private reindexUpdate(
    change: Extract<RosterChange, { readonly kind: "reindex" }>,
    Key: Record<string, AttributeValue>,
  ): UpdateItemCommand {
    const set: string[] = [];
    const values: Record<string, AttributeValue> = {};
    if (change.relist) {
      set.push("listed = :true");
      values[":true"] = { BOOL: true };
    }
    for (const { channel, shard } of change.index) {
      const name = `:shard${channel}`;
      set.push(`${availableShardAttribute(channel)} = ${name}`);
      values[name] = { S: shard };
    }
    if (change.readySince !== undefined) {
      set.push(`${readySinceAttribute} = :ready`);
      values[":ready"] = { N: String(change.readySince) };
    }
    const remove = change.drop.map(availableShardAttribute);
    const conditions = [
      change.signature === undefined ? "attribute_not_exists(stateSig)" : "stateSig = :sig",
    ];
    if (change.signature !== undefined) values[":sig"] = { S: change.signature };
    if (change.index.length > 0) {
      conditions.push(
        "(attribute_not_exists(reservedUntil) OR reservedUntil < :now OR idleSince > reservedAt)",
      );
      values[":now"] = { N: String(this.clock.now()) };
    }
    const update = [
      set.length > 0 ? `SET ${set.join(", ")}` : "",
      remove.length > 0 ? `REMOVE ${remove.join(", ")}` : "",
    ]
      .filter((part) => part !== "")
      .join(" ");
    return new UpdateItemCommand({
      TableName: this.tableName,
      Key,
      UpdateExpression: update,
      ConditionExpression: conditions.join(" AND "),
      ...(Object.keys(values).length === 0 ? {} : { ExpressionAttributeValues: values }),
    });
  }
}

function pageKey(startedAt: number, page: number): string {
  return `${rosterProgressKey}#${startedAt}#${page}`;
}

/**
 * A page as one string attribute: one line per agent, the ID alone when the ARN is the usual
 * `…/agent/<id>` of the page's first agent's instance, `id<TAB>arn` otherwise; the first line
 * holds that instance prefix.
 */
function encodePage(agents: readonly Agent[]): string {
  const first = agents[0];
  const prefix = first === undefined ? "" : first.arn.slice(0, first.arn.length - first.id.length);
  const lines = agents.map((agent) =>
    agent.arn === `${prefix}${agent.id}` ? agent.id : `${agent.id}\t${agent.arn}`,
  );
  return [prefix, ...lines].join("\n");
}

function decodePage(page: string): Agent[] {
  const [prefix = "", ...lines] = page.split("\n");
  return lines
    .filter((line) => line !== "")
    .map((line) => {
      const [id = "", arn] = line.split("\t");
      return { id, arn: arn ?? `${prefix}${id}` };
    });
}

function entryOf(item: Record<string, AttributeValue>): RosterEntry | undefined {
  const { agentId: key, listed: listedFlag, stateSig, [readySinceAttribute]: ready } = item;
  const agentId = key?.S;
  if (agentId === undefined || isTableItemKey(agentId)) return undefined;
  const listed = listedFlag?.BOOL;
  const indexed: Partial<Record<Channel, string>> = {};
  for (const channel of channels) {
    const shard = item[availableShardAttribute(channel)]?.S;
    if (shard !== undefined) indexed[channel] = shard;
  }
  const presence = parsePresenceItem(item);
  const readySince = numberOf(ready);
  const signature = stateSig?.S;
  return {
    agentId,
    ...(listed === undefined ? {} : { listed }),
    ...(presence === undefined ? {} : { availability: presence.availability }),
    ...(readySince === undefined ? {} : { readySince }),
    indexed,
    ...(signature === undefined ? {} : { signature }),
  };
}

function numberOf(value: AttributeValue | undefined): number | undefined {
  if (value?.N === undefined) return undefined;
  const parsed = Number(value.N);
  return Number.isFinite(parsed) ? parsed : undefined;
}
