import { createRequire } from "node:module";

/** An item as dynalite stores it: attribute names to DynamoDB-JSON values (`{ S: "…" }`). */
export type DynaliteItem = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** A key schema element as `CreateTable` takes it. */
export interface DynaliteKeyElement {
  readonly AttributeName: string;
  readonly KeyType: string;
}

/** A secondary index as the table was created with it. */
export interface DynaliteIndex {
  readonly IndexName: string;
  readonly KeySchema: readonly DynaliteKeyElement[];
  readonly Projection: {
    readonly ProjectionType?: string;
    readonly NonKeyAttributes?: readonly string[];
  };
}

/** A table as dynalite keeps its description (what `CreateTable` was given, and more). */
export interface DynaliteTable {
  readonly TableName: string;
  readonly KeySchema: readonly DynaliteKeyElement[];
  readonly GlobalSecondaryIndexes?: readonly DynaliteIndex[];
  readonly LocalSecondaryIndexes?: readonly DynaliteIndex[];
}

/**
 * Sees what a dynalite server does with the items, for capacity accounting: every item a write
 * replaced or removed (its image before and after, under the item's lock), every conditional
 * write refused (with the item as it stood), every item read by key, and every item a query or
 * scan evaluated (before filters and projections). It observes only; what the clients receive
 * is unchanged.
 */
export interface DynaliteObserver {
  /** A `PutItem`, `UpdateItem`, `DeleteItem` or one item of a `BatchWriteItem`, applied. */
  itemWritten(
    table: DynaliteTable,
    before: DynaliteItem | undefined,
    after: DynaliteItem | undefined,
  ): void;
  /** A write whose condition did not hold; `existing` is the item it was checked against. */
  conditionFailed(tableName: string, existing: DynaliteItem | undefined): void;
  /** A `GetItem`, or one key of a `BatchGetItem`: the whole item (or none), whatever was projected. */
  itemRead(tableName: string, item: DynaliteItem | undefined, consistent: boolean): void;
  /** The items (or index entries) one `Query` or `Scan` request evaluated. */
  itemsRead(
    table: DynaliteTable,
    indexName: string | undefined,
    items: readonly DynaliteItem[],
    consistent: boolean,
  ): void;
}

/*
 * How: dynalite's actions call its `db` module through the module object (`db.updateIndexes`,
 * `db.checkConditional`, `db.addConsumedCapacity`, `db.queryTable`), and each server has its
 * own store, created by `db.create`. The hooks below wrap those functions once per process and
 * find the observer through the store: directly where the store is an argument, and through
 * the store whose item read is being answered otherwise (the condition check and the read's
 * capacity are computed synchronously in the callback of that read). The store is wrapped only
 * for servers started with an observer; others pay nothing. dynalite's version is pinned in
 * the workspace catalog, and the simulator's accounting tests exercise every hook.
 */

interface DynaliteStore {
  getItemDb(name: string): ItemDb;
}

interface ItemDb {
  get(key: string, callback: (error: unknown, item?: DynaliteItem) => void): void;
  [wrappedMark]?: true;
}

interface QueryData {
  readonly IndexName?: string;
  readonly ConsistentRead?: boolean;
  readonly Select?: string;
  readonly [key: string]: unknown;
}

type QueryCallback = (
  error: unknown,
  result?: { readonly Items?: readonly DynaliteItem[] },
) => void;

interface DynaliteDb {
  create(options: unknown): DynaliteStore;
  updateIndexes(
    store: DynaliteStore,
    table: DynaliteTable,
    before: DynaliteItem | undefined | null,
    after: DynaliteItem | undefined | null,
    callback: (error?: unknown) => void,
  ): void;
  checkConditional(
    data: { readonly TableName: string },
    existing: DynaliteItem | undefined,
  ): unknown;
  addConsumedCapacity(
    data: { readonly TableName: string; readonly ConsistentRead?: boolean },
    isRead: boolean,
    item?: DynaliteItem,
    other?: DynaliteItem,
  ): unknown;
  queryTable(
    store: DynaliteStore,
    table: DynaliteTable,
    data: QueryData,
    options: unknown,
    isLocal: boolean,
    fetchFromItemDb: boolean,
    startKeyNames: readonly string[],
    callback: QueryCallback,
  ): void;
}

const wrappedMark = Symbol("observed");
const observers = new WeakMap<DynaliteStore, DynaliteObserver>();
/** The store whose item read is being answered right now (see above). */
let answering: DynaliteStore | undefined;
let pending: DynaliteObserver | undefined;
let installed = false;

/** Request parameters that change what a query returns but not what it reads. */
const returnShaping = [
  "_projection",
  "AttributesToGet",
  "ProjectionExpression",
  "_filter",
  "FilterExpression",
  "QueryFilter",
  "ScanFilter",
  "Select",
  "ReturnConsumedCapacity",
] as const;

/**
 * Runs `start` (which must create one dynalite server synchronously) so that the server it
 * creates reports to `observer`.
 */
export function observedDynalite<T>(observer: DynaliteObserver, start: () => T): T {
  installHooks();
  pending = observer;
  try {
    return start();
  } finally {
    pending = undefined;
  }
}

function installHooks(): void {
  if (installed) return;
  installed = true;
  const db = createRequire(import.meta.url)("dynalite/db") as DynaliteDb;

  const create = db.create;
  db.create = function observedCreate(options) {
    const store = create.call(this, options);
    if (pending !== undefined) {
      observers.set(store, pending);
      watchReads(store);
    }
    return store;
  };

  const updateIndexes = db.updateIndexes;
  db.updateIndexes = function observedUpdateIndexes(store, table, before, after, callback) {
    observers.get(store)?.itemWritten(table, before ?? undefined, after ?? undefined);
    return updateIndexes.call(this, store, table, before, after, callback);
  };

  const checkConditional = db.checkConditional;
  db.checkConditional = function observedCheckConditional(data, existing) {
    const refused = checkConditional.call(this, data, existing);
    if (refused != null && answering !== undefined) {
      observers.get(answering)?.conditionFailed(data.TableName, existing ?? undefined);
    }
    return refused;
  };

  const addConsumedCapacity = db.addConsumedCapacity;
  db.addConsumedCapacity = function observedCapacity(data, isRead, item, other) {
    if (isRead && answering !== undefined) {
      observers
        .get(answering)
        ?.itemRead(data.TableName, item ?? undefined, data.ConsistentRead === true);
    }
    return addConsumedCapacity.call(this, data, isRead, item, other);
  };

  const queryTable = db.queryTable;
  db.queryTable = function observedQueryTable(
    store,
    table,
    data,
    options,
    isLocal,
    fetchFromItemDb,
    startKeyNames,
    callback,
  ) {
    const observer = observers.get(store);
    if (observer === undefined) {
      return queryTable.call(
        this,
        store,
        table,
        data,
        options,
        isLocal,
        fetchFromItemDb,
        startKeyNames,
        callback,
      );
    }
    const report = (items: readonly DynaliteItem[] | undefined): void =>
      observer.itemsRead(table, data.IndexName, items ?? [], data.ConsistentRead === true);
    if (
      !returnShaping.some((name) => data[name] !== undefined && name !== "ReturnConsumedCapacity")
    ) {
      // Nothing filtered or projected: the items returned are the items read.
      return queryTable.call(
        this,
        store,
        table,
        data,
        options,
        isLocal,
        fetchFromItemDb,
        startKeyNames,
        (error, result) => {
          if (error == null) report(result?.Items);
          callback(error, result);
        },
      );
    }
    // Filters and projections apply after the read: read once without them to learn what was
    // evaluated (same key conditions, start key and limit), then answer the request as asked.
    const bare: Record<string, unknown> = { ...data };
    for (const name of returnShaping) delete bare[name];
    return queryTable.call(
      this,
      store,
      table,
      bare,
      options,
      isLocal,
      fetchFromItemDb,
      startKeyNames,
      (error, result) => {
        if (error != null) {
          callback(error);
          return;
        }
        report(result?.Items);
        queryTable.call(
          this,
          store,
          table,
          data,
          options,
          isLocal,
          fetchFromItemDb,
          startKeyNames,
          callback,
        );
      },
    );
  };
}

/** Marks the store as `answering` while each of its item reads is answered. */
function watchReads(store: DynaliteStore): void {
  const getItemDb = store.getItemDb.bind(store);
  store.getItemDb = (name) => {
    const itemDb = getItemDb(name);
    if (itemDb[wrappedMark] !== true) {
      const get = itemDb.get.bind(itemDb);
      itemDb.get = (key, callback) =>
        get(key, (error, item) => {
          const previous = answering;
          answering = store;
          try {
            callback(error, item);
          } finally {
            answering = previous;
          }
        });
      itemDb[wrappedMark] = true;
    }
    return itemDb;
  };
}
