import { createHmac, timingSafeEqual } from "node:crypto";
import { NONE } from "../contract/attribute-contract.js";
import { maxExcludedAgents } from "./affinity-record.js";
import { InvalidCursorError } from "./errors.js";
import { logExcerpt } from "./log-masking.js";
import { rankSpace } from "./rendezvous-rank.js";

/**
 * Where a contact's walk through its candidate order stands, carried by the flow between
 * `route` and `next-agent` as one contact attribute.
 *
 * It holds no list of tried agents. Ranks come from `(seed, agent ID)`, so "every agent ranked
 * after `last`" names the same remaining agents whatever the directory did meanwhile; `excluded`
 * holds the at most two agents offered (or skipped) outside rank order: the preferred agent and
 * a `longest-idle` first pick.
 */
export interface RoutingCursor {
  /** The rendezvous seed of the contact, an integer in [0, 2^53). */
  readonly seed: number;
  /** How many agents this contact has been offered so far (route's included). */
  readonly attempts: number;
  /** The last agent consumed in rank order; absent before the first. */
  readonly last?: string;
  /** Agents never to offer again, outside rank order (at most {@link maxExcluded}). */
  readonly excluded: readonly string[];
  /**
   * `true` once the `longest-idle` strategy has made its one pick for this contact, so later
   * offers follow rank order.
   */
  readonly idlePicked?: boolean;
  /**
   * The agents the customer excluded (at most {@link maxExcludedAgents}), so `next` honours
   * them without reading the customer's record again. Absent when there are none, which keeps
   * the cursor of every other customer exactly as it was.
   */
  readonly customerExcluded?: readonly string[];
}

/** The current cursor format version. */
export const cursorVersion = 1;
/** The most agents a cursor excludes outside rank order. */
export const maxExcluded = 2;
/** The largest attempt count a cursor can carry (the router's `maxAttempts` bound). */
export const maxCursorAttempts = 100;
/** The longest agent ID a cursor accepts (Connect user IDs are 36-character UUIDs). */
export const maxCursorAgentIdLength = 256;
/** The JSON inside a cursor: short keys keep it small. */
interface CursorDocument {
  readonly v?: unknown;
  readonly s?: unknown;
  readonly n?: unknown;
  readonly l?: unknown;
  readonly x?: unknown;
  readonly i?: unknown;
  readonly b?: unknown;
}

/** The longest text `decodeCursor` reads at all. */
const maxCursorLength = 2048;

/**
 * How a cursor is signed: an HMAC-SHA-256 `key`, and the contact the cursor belongs to, so a
 * cursor is good for that contact only. `previousKey`, during a key rotation, is accepted when
 * reading and never used to sign.
 */
export interface CursorSigning {
  readonly key: Uint8Array;
  readonly contactId: string;
  readonly previousKey?: Uint8Array | undefined;
}

/** Characters of the base64url HMAC kept as the tag: 96 bits, plenty against forgery. */
const tagLength = 16;

function tagOf(payload: string, contactId: string, key: Uint8Array): string {
  return createHmac("sha256", key)
    .update(`${contactId}\n${payload}`, "utf8")
    .digest("base64url")
    .slice(0, tagLength);
}

/**
 * Encodes a cursor as base64url of a small JSON document: letters, digits, `-` and `_` only,
 * so it is a valid `STRING_MAP` value and safe in a contact attribute. With `signing`, a `.`
 * and a 16-character tag (a truncated HMAC-SHA-256 of the contact ID and the document) follow,
 * so a cursor cannot be forged, changed (a reset attempt counter, a chosen seed) or used for
 * another contact. With UUID agent IDs it stays under 250 characters.
 *
 * @example
 * ```ts
 * import { decodeCursor, encodeCursor } from "./routing-cursor.js";
 *
 * const cursor = encodeCursor({ seed: 12345, attempts: 1, last: "agent-a", excluded: [] });
 * decodeCursor(cursor).last; // "agent-a"
 * ```
 */
export function encodeCursor(cursor: RoutingCursor, signing?: CursorSigning): string {
  checkCursor(cursor, (reason) => new RangeError(`Cannot encode routing cursor: ${reason}`));
  const document: CursorDocument = {
    v: cursorVersion,
    s: cursor.seed,
    n: cursor.attempts,
    ...(cursor.last === undefined ? {} : { l: cursor.last }),
    ...(cursor.excluded.length === 0 ? {} : { x: cursor.excluded }),
    ...(cursor.idlePicked === true ? { i: 1 } : {}),
    ...(cursor.customerExcluded === undefined || cursor.customerExcluded.length === 0
      ? {}
      : { b: cursor.customerExcluded }),
  };
  const payload = Buffer.from(JSON.stringify(document), "utf8").toString("base64url");
  return signing === undefined
    ? payload
    : `${payload}.${tagOf(payload, signing.contactId, signing.key)}`;
}

/**
 * Reads a cursor made by {@link encodeCursor}, with the same `signing` it was made with.
 *
 * @throws {InvalidCursorError} for anything else: a missing or wrong signature (forged,
 * changed, or issued for another contact), not base64url, not JSON, another version, a seed,
 * count or agent ID out of range, unknown fields.
 */
export function decodeCursor(text: string, signing?: CursorSigning): RoutingCursor {
  if (typeof text !== "string" || text.length === 0) throw new InvalidCursorError("it is empty");
  if (text === NONE) {
    throw new InvalidCursorError(
      `it is the "${NONE}" sentinel: no agent was offered, so there is no next one`,
    );
  }
  if (text.length > maxCursorLength) {
    throw new InvalidCursorError(`it is longer than ${maxCursorLength} characters`);
  }
  const [payload = "", tag, ...rest] = text.split(".");
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || rest.length > 0) {
    throw new InvalidCursorError("it is not base64url text");
  }
  if (signing !== undefined) checkTag(payload, tag, signing);
  else if (tag !== undefined) throw new InvalidCursorError("it is signed, and no key was given");
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch (error) {
    throw new InvalidCursorError("it does not decode to JSON", { cause: error });
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new InvalidCursorError("it does not decode to an object");
  }
  const fields: CursorDocument = document;
  for (const key of Object.keys(fields)) {
    if (!["v", "s", "n", "l", "x", "i", "b"].includes(key)) {
      throw new InvalidCursorError(`unknown field ${logExcerpt(key, 16)}`);
    }
  }
  if (fields.v !== cursorVersion) {
    // The value is not quoted: a cursor is data from the flow, and may carry anything.
    throw new InvalidCursorError(`its version is not the supported version ${cursorVersion}`);
  }
  const seed = fields.s;
  const attempts = fields.n;
  const last = fields.l;
  const excluded = fields.x ?? [];
  if (typeof seed !== "number" || typeof attempts !== "number") {
    throw new InvalidCursorError("seed and attempts must be numbers");
  }
  if (last !== undefined && typeof last !== "string") {
    throw new InvalidCursorError("the last agent must be a string");
  }
  if (!Array.isArray(excluded) || !excluded.every((id) => typeof id === "string")) {
    throw new InvalidCursorError("the excluded agents must be a list of strings");
  }
  if (fields.i !== undefined && fields.i !== 1) {
    throw new InvalidCursorError("the idle-pick flag must be 1 when present");
  }
  const customerExcluded = fields.b;
  if (
    customerExcluded !== undefined &&
    (!Array.isArray(customerExcluded) || !customerExcluded.every((id) => typeof id === "string"))
  ) {
    throw new InvalidCursorError("the customer's excluded agents must be a list of strings");
  }
  const cursor: RoutingCursor = {
    seed,
    attempts,
    ...(last === undefined ? {} : { last }),
    excluded: excluded as string[],
    ...(fields.i === 1 ? { idlePicked: true } : {}),
    ...(customerExcluded === undefined ? {} : { customerExcluded: customerExcluded as string[] }),
  };
  checkCursor(cursor, (reason) => new InvalidCursorError(reason));
  return cursor;
}

function checkTag(payload: string, tag: string | undefined, signing: CursorSigning): void {
  if (tag === undefined) throw new InvalidCursorError("it is not signed");
  const given = Buffer.from(tag, "utf8");
  const keys =
    signing.previousKey === undefined ? [signing.key] : [signing.key, signing.previousKey];
  const matches = (key: Uint8Array): boolean => {
    const expected = Buffer.from(tagOf(payload, signing.contactId, key), "utf8");
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!keys.some(matches)) {
    throw new InvalidCursorError(
      "its signature does not match: it was changed, or issued for another contact or key",
    );
  }
}

function checkCursor(cursor: RoutingCursor, fail: (reason: string) => Error): void {
  if (!Number.isSafeInteger(cursor.seed) || cursor.seed < 0 || cursor.seed >= rankSpace) {
    throw fail(`seed ${cursor.seed} is not an integer in [0, 2^53)`);
  }
  if (
    !Number.isSafeInteger(cursor.attempts) ||
    cursor.attempts < 1 ||
    cursor.attempts > maxCursorAttempts
  ) {
    throw fail(`attempts ${cursor.attempts} is not an integer in [1, ${maxCursorAttempts}]`);
  }
  if (cursor.excluded.length > maxExcluded) {
    throw fail(`it excludes ${cursor.excluded.length} agents, at most ${maxExcluded} allowed`);
  }
  const customerExcluded = cursor.customerExcluded ?? [];
  if (customerExcluded.length > maxExcludedAgents) {
    throw fail(
      `it carries ${customerExcluded.length} agents the customer excluded, at most ${maxExcludedAgents} allowed`,
    );
  }
  const ids = [
    ...(cursor.last === undefined ? [] : [cursor.last]),
    ...cursor.excluded,
    ...customerExcluded,
  ];
  for (const id of ids) {
    if (id.length === 0 || id.length > maxCursorAgentIdLength) {
      throw fail(`agent ID length ${id.length} is not in [1, ${maxCursorAgentIdLength}]`);
    }
  }
}
