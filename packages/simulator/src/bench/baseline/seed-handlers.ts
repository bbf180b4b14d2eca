/**
 * BASELINE: the seed's behaviour, for comparison, never shipped.
 *
 * The three Lambdas of the seed article (the sample this project set out to replace; BENCH.md
 * describes them), rewritten in TypeScript so the benchmark can run them beside connect-affinity
 * on the same traffic. They keep the seed's behaviour, weaknesses included: `lookup` returns the stored agent or the first
 * user of `ListUsers`; `next-agent` calls `ListUsers` on every invocation and walks a `;`-joined
 * list of the agents already tried; `register` writes unconditionally.
 *
 * One deliberate change: where the seed passes usernames around, these pass Connect user IDs,
 * because the flow language's `AgentId` (Set working queue, Check staffing) takes a user ID or
 * ARN. The calls made and the decisions taken are the same.
 */
import type { SeedNumberTable, SeedUserList } from "./seed-ports.js";

/** What the seed's handlers are given. */
export interface SeedHandlerDeps {
  readonly table: SeedNumberTable;
  readonly users: SeedUserList;
}

/** The seed's handlers, each taking a Connect contact-flow event. */
export interface SeedHandlers {
  readonly lookup: (event: unknown) => Promise<Readonly<Record<string, string>>>;
  readonly nextAgent: (event: unknown) => Promise<Readonly<Record<string, string>>>;
  readonly register: (event: unknown) => Promise<Readonly<Record<string, string>>>;
}

/** The message the seed's `register` returns for the flow to speak (Japanese, as published). */
export const seedRegisterMessage = "担当者にお繋ぎ致しますので少々お待ちください。";

/** A Connect event the seed's handlers cannot read. */
export class SeedEventError extends Error {
  readonly code = "SEED_EVENT_INVALID";

  constructor(readonly field: string) {
    super(`The event has no ${field}`);
    this.name = "SeedEventError";
  }
}

/**
 * The seed's three handlers over `deps`.
 *
 * @example
 * ```ts
 * const seed = seedHandlers({ table, users });
 * await seed.lookup(event); // { user, users } or { user, users, number }
 * ```
 */
export function seedHandlers(deps: SeedHandlerDeps): SeedHandlers {
  return {
    lookup: async (event) => {
      const number = customerAddressOf(event);
      const stored = await deps.table.get(number);
      if (stored !== undefined) return { user: stored, users: stored, number };
      const [first] = await deps.users.list();
      // The seed indexes [0] and fails on an empty instance; so does this.
      if (first === undefined) throw new SeedEventError("user in ListUsers");
      return { user: first, users: first };
    },
    nextAgent: async (event) => {
      const users = parameterOf(event, "users");
      const tried = users.split(";");
      for (const user of await deps.users.list()) {
        if (!tried.includes(user)) {
          return { user, users: `${users};${user}`, status: "available" };
        }
      }
      return { status: "unavailable" };
    },
    register: async (event) => {
      const user = parameterOf(event, "user");
      await deps.table.put(customerAddressOf(event), user);
      return { message: seedRegisterMessage };
    },
  };
}

function customerAddressOf(event: unknown): string {
  const address = field(
    field(field(field(event, "Details"), "ContactData"), "CustomerEndpoint"),
    "Address",
  );
  if (typeof address !== "string") {
    throw new SeedEventError("Details.ContactData.CustomerEndpoint.Address");
  }
  return address;
}

function parameterOf(event: unknown, name: string): string {
  const value = field(field(field(event, "Details"), "Parameters"), name);
  if (typeof value !== "string") throw new SeedEventError(`Details.Parameters.${name}`);
  return value;
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as Readonly<Record<string, unknown>>)[key];
}
