import type {
  DynaliteItem,
  DynaliteObserver,
  DynaliteTable,
} from "@connect-affinity/testing/dynalite";
import { indexWriteUnits, readUnits, writeUnits } from "./capacity-units.js";
import { itemSize } from "./item-size.js";

/** Read and write units, as an on-demand table is billed for them (request units). */
export interface CapacityUnits {
  readonly readUnits: number;
  readonly writeUnits: number;
}

/** What the embedded DynamoDB consumed since it started or since the last reset. */
export interface CapacityReading {
  /** Everything: tables and their indexes. */
  readonly total: CapacityUnits;
  /**
   * By table (`affinity`) and by secondary index (`affinity/byAgent`): an index's reads are
   * queries on it, its writes the upkeep that table writes cause.
   */
  readonly byTarget: Readonly<Record<string, CapacityUnits>>;
  /** Write units spent on writes whose condition failed (included in the totals). */
  readonly failedConditionWriteUnits: number;
}

/**
 * Counts DynamoDB read and write units by AWS's rules (see `capacity-units.ts` and BENCH.md) as
 * the embedded dynalite serves requests: it observes the item images dynalite handles (the
 * `DynaliteObserver` of `@connect-affinity/testing/dynalite`), so it works for any table and
 * index the system creates, from the definition it was created with. Items expiring by TTL are
 * never charged (dynalite never deletes them; DynamoDB's TTL deletes are free).
 */
export class CapacityMeter implements DynaliteObserver {
  #byTarget = new Map<string, { readUnits: number; writeUnits: number }>();
  #failedConditionWriteUnits = 0;

  itemWritten(
    table: DynaliteTable,
    before: DynaliteItem | undefined,
    after: DynaliteItem | undefined,
  ): void {
    const size = Math.max(
      before === undefined ? 0 : itemSize(before),
      after === undefined ? 0 : itemSize(after),
    );
    this.#add(table.TableName, 0, writeUnits(size));
    const tableKeys = table.KeySchema.map((key) => key.AttributeName);
    for (const index of [
      ...(table.GlobalSecondaryIndexes ?? []),
      ...(table.LocalSecondaryIndexes ?? []),
    ]) {
      const units = indexWriteUnits(index, tableKeys, before, after);
      if (units > 0) this.#add(`${table.TableName}/${index.IndexName}`, 0, units);
    }
  }

  conditionFailed(tableName: string, existing: DynaliteItem | undefined): void {
    const units = writeUnits(existing === undefined ? 0 : itemSize(existing));
    this.#failedConditionWriteUnits += units;
    this.#add(tableName, 0, units);
  }

  itemRead(tableName: string, item: DynaliteItem | undefined, consistent: boolean): void {
    this.#add(tableName, readUnits(item === undefined ? 0 : itemSize(item), consistent), 0);
  }

  itemsRead(
    table: DynaliteTable,
    indexName: string | undefined,
    items: readonly DynaliteItem[],
    consistent: boolean,
  ): void {
    const bytes = items.reduce((total, item) => total + itemSize(item), 0);
    const target = indexName === undefined ? table.TableName : `${table.TableName}/${indexName}`;
    this.#add(target, readUnits(bytes, consistent), 0);
  }

  /** The units counted so far. */
  reading(): CapacityReading {
    let read = 0;
    let write = 0;
    const byTarget: Record<string, CapacityUnits> = {};
    for (const [target, units] of this.#byTarget) {
      byTarget[target] = { ...units };
      read += units.readUnits;
      write += units.writeUnits;
    }
    return {
      total: { readUnits: read, writeUnits: write },
      byTarget,
      failedConditionWriteUnits: this.#failedConditionWriteUnits,
    };
  }

  reset(): void {
    this.#byTarget = new Map();
    this.#failedConditionWriteUnits = 0;
  }

  #add(target: string, read: number, write: number): void {
    const units = this.#byTarget.get(target);
    if (units === undefined) {
      this.#byTarget.set(target, { readUnits: read, writeUnits: write });
    } else {
      units.readUnits += read;
      units.writeUnits += write;
    }
  }
}

/** `after − before`, target by target (a target absent before counts from zero). */
export function capacityBetween(before: CapacityReading, after: CapacityReading): CapacityReading {
  const byTarget: Record<string, CapacityUnits> = {};
  for (const [target, units] of Object.entries(after.byTarget)) {
    const earlier = before.byTarget[target] ?? { readUnits: 0, writeUnits: 0 };
    const read = units.readUnits - earlier.readUnits;
    const write = units.writeUnits - earlier.writeUnits;
    if (read !== 0 || write !== 0) byTarget[target] = { readUnits: read, writeUnits: write };
  }
  return {
    total: {
      readUnits: after.total.readUnits - before.total.readUnits,
      writeUnits: after.total.writeUnits - before.total.writeUnits,
    },
    byTarget,
    failedConditionWriteUnits: after.failedConditionWriteUnits - before.failedConditionWriteUnits,
  };
}
