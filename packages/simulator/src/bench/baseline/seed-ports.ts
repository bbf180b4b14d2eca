/**
 * BASELINE: the seed's behaviour, for comparison, never shipped.
 *
 * What the seed's three Lambdas talk to, as two small ports, so the same handler code runs
 * against the AWS SDK in the simulation and against memory when its decision time is measured.
 */

/** The seed's DynamoDB table: partition key `Number`, attribute `Agent`. */
export interface SeedNumberTable {
  /** The stored agent of `number`, or `undefined` (one `GetItem`). */
  get(number: string): Promise<string | undefined>;
  /** Stores `agent` for `number`, unconditionally (one `PutItem`). */
  put(number: string, agent: string): Promise<void>;
}

/** The seed's `ListUsers` call: one request, no `MaxResults`, no `NextToken`: the first page only. */
export interface SeedUserList {
  /** The users of the first page, in the service's order. */
  list(): Promise<readonly string[]>;
}

/** A {@link SeedNumberTable} in memory. */
export class InMemorySeedNumberTable implements SeedNumberTable {
  readonly #items = new Map<string, string>();

  async get(number: string): Promise<string | undefined> {
    return this.#items.get(number);
  }

  async put(number: string, agent: string): Promise<void> {
    this.#items.set(number, agent);
  }
}

/** A {@link SeedUserList} over a fixed list, cut to the first page as the service would. */
export class InMemorySeedUserList implements SeedUserList {
  readonly #page: readonly string[];

  constructor(users: readonly string[], pageSize = 100) {
    this.#page = users.slice(0, pageSize);
  }

  async list(): Promise<readonly string[]> {
    return this.#page;
  }
}
