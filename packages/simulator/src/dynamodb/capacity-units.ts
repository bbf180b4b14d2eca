import type { DynaliteIndex, DynaliteItem } from "@connect-affinity/testing/dynalite";
import { itemSize } from "./item-size.js";

/** Bytes one read unit covers: a strongly consistent read of up to 4 KB. */
export const readUnitBytes = 4096;
/** Bytes one write unit covers. */
export const writeUnitBytes = 1024;

/**
 * Read units for reading `bytes` in one request: rounded up to the next 4 KB, at least one 4 KB
 * step (reading an item that does not exist still costs), halved for an eventually consistent
 * read ("DynamoDB read and write operations", Developer Guide). A `GetItem` or each key of a
 * `BatchGetItem` is one such read of one item; a `Query` or `Scan` request is one read of the
 * total size of the items it evaluated.
 *
 * @example
 * ```ts
 * readUnits(5 * 1024, false); // 1 (8 KB strongly would be 2; eventually, half)
 * ```
 */
export function readUnits(bytes: number, consistent: boolean): number {
  const steps = Math.max(1, Math.ceil(bytes / readUnitBytes));
  return consistent ? steps : steps / 2;
}

/**
 * Write units for writing an item of `bytes`: rounded up to the next 1 KB, at least 1. A put or
 * update counts the larger of the item before and after, a delete the item deleted, a refused
 * conditional write the item as it stood (1 when there was none).
 *
 * @example
 * ```ts
 * writeUnits(1536); // 2
 * ```
 */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / writeUnitBytes));
}

/**
 * The entry `item` has in a secondary index: the index key attributes, the table's key and the
 * projected attributes; `undefined` when the item lacks an index key attribute (a sparse
 * index does not hold it).
 */
export function indexEntry(
  index: DynaliteIndex,
  tableKeyNames: readonly string[],
  item: DynaliteItem | undefined,
): DynaliteItem | undefined {
  if (item === undefined) return undefined;
  const indexKeyNames = index.KeySchema.map((key) => key.AttributeName);
  if (indexKeyNames.some((name) => item[name] === undefined)) return undefined;
  if (index.Projection.ProjectionType === "ALL") return item;
  const names = new Set([
    ...indexKeyNames,
    ...tableKeyNames,
    ...(index.Projection.ProjectionType === "INCLUDE"
      ? (index.Projection.NonKeyAttributes ?? [])
      : []),
  ]);
  const entry: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const name of names) {
    const value = item[name];
    if (value !== undefined) entry[name] = value;
  }
  return entry;
}

/**
 * The write units a table write costs one secondary index ("Provisioned throughput
 * considerations for global secondary indexes", Developer Guide): nothing when the item is in
 * the index neither before nor after, or when its entry did not change; one write to put a new
 * entry, to delete an entry whose key attribute went away, or to update projected attributes;
 * two (a delete and a put) when an index key attribute changed value. Each write is rounded up
 * per 1 KB of the entry (the larger of before and after for an update in place).
 */
export function indexWriteUnits(
  index: DynaliteIndex,
  tableKeyNames: readonly string[],
  before: DynaliteItem | undefined,
  after: DynaliteItem | undefined,
): number {
  const was = indexEntry(index, tableKeyNames, before);
  const is = indexEntry(index, tableKeyNames, after);
  if (was === undefined && is === undefined) return 0;
  if (was === undefined) return writeUnits(itemSize(is as DynaliteItem));
  if (is === undefined) return writeUnits(itemSize(was));
  const keyChanged = index.KeySchema.some(
    (key) => !sameValue(was[key.AttributeName], is[key.AttributeName]),
  );
  if (keyChanged) return writeUnits(itemSize(was)) + writeUnits(itemSize(is));
  if (sameItem(was, is)) return 0;
  return writeUnits(Math.max(itemSize(was), itemSize(is)));
}

function sameItem(a: DynaliteItem, b: DynaliteItem): boolean {
  const names = Object.keys(a);
  return (
    names.length === Object.keys(b).length && names.every((name) => sameValue(a[name], b[name]))
  );
}

/** Deep equality of two DynamoDB-JSON values (attribute order in maps does not matter). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((element, index) => sameValue(element, b[index]))
    );
  }
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) =>
      sameValue(
        (a as Readonly<Record<string, unknown>>)[key],
        (b as Readonly<Record<string, unknown>>)[key],
      ),
    )
  );
}
