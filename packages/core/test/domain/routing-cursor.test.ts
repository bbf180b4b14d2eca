import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, type RoutingCursor } from "../../src/domain/routing-cursor.js";
import { InvalidCursorError } from "../../src/index.js";

const uuid = "0b7d5a3e-9f1c-4c2a-8e6b-2d4f6a8c0e12";

const cursors: fc.Arbitrary<RoutingCursor> = fc
  .record({
    seed: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    attempts: fc.integer({ min: 1, max: 100 }),
    last: fc.option(fc.string({ minLength: 1, maxLength: 64 }), { nil: undefined }),
    excluded: fc.array(fc.string({ minLength: 1, maxLength: 64 }), { maxLength: 2 }),
    customerExcluded: fc.option(fc.array(fc.uuid(), { minLength: 1, maxLength: 20 }), {
      nil: undefined,
    }),
  })
  .map(({ last, customerExcluded, ...rest }) => ({
    ...rest,
    ...(last === undefined ? {} : { last }),
    ...(customerExcluded === undefined ? {} : { customerExcluded }),
  }));

function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

describe("routing cursor", () => {
  it("decodes to what was encoded (property)", () => {
    fc.assert(
      fc.property(cursors, (cursor) => {
        expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
      }),
    );
  });

  it("uses only letters, digits, - and _ (property)", () => {
    fc.assert(
      fc.property(cursors, (cursor) => {
        expect(encodeCursor(cursor)).toMatch(/^[A-Za-z0-9_-]+$/);
      }),
    );
  });

  it("stays well under 300 characters with Connect's UUID agent IDs", () => {
    // Act
    const cursor = encodeCursor({
      seed: Number.MAX_SAFE_INTEGER,
      attempts: 100,
      last: uuid,
      excluded: [uuid, uuid],
    });

    // Assess
    expect(cursor.length).toBeLessThan(250);
  });

  it("carries the customer's exclusions only when there are some, so other cursors stay as before", () => {
    // Prepare
    const plain = { seed: 7, attempts: 1, excluded: [] };

    // Act
    const withNone = encodeCursor({ ...plain, customerExcluded: [] });
    const withSome = encodeCursor({ ...plain, customerExcluded: [uuid] });

    // Assess
    expect(withNone).toBe(encodeCursor(plain));
    expect(decodeCursor(withSome).customerExcluded).toEqual([uuid]);
  });

  it("fits twenty excluded UUID agents within the length it reads", () => {
    const cursor = encodeCursor({
      seed: Number.MAX_SAFE_INTEGER,
      attempts: 100,
      last: uuid,
      excluded: [uuid, uuid],
      customerExcluded: Array.from({ length: 20 }, () => uuid),
    });
    expect(cursor.length).toBeLessThan(2048);
    expect(decodeCursor(cursor).customerExcluded).toHaveLength(20);
  });

  it.each([
    ["empty text", ""],
    ["excluded agents that are not a list of strings", encodeJson({ v: 1, s: 1, n: 1, b: [1] })],
    [
      "more than twenty excluded agents",
      encodeJson({ v: 1, s: 1, n: 1, b: Array.from({ length: 21 }, (_, i) => `a${i}`) }),
    ],
    ["non-base64url text", "abc$%"],
    ["text that is not JSON", Buffer.from("not json").toString("base64url")],
    ["a JSON array", encodeJson([1, 2])],
    ["another version", encodeJson({ v: 2, s: 1, n: 1 })],
    ["a missing version", encodeJson({ s: 1, n: 1 })],
    ["a negative seed", encodeJson({ v: 1, s: -1, n: 1 })],
    ["a fractional seed", encodeJson({ v: 1, s: 1.5, n: 1 })],
    ["a seed beyond 2^53", encodeJson({ v: 1, s: 2 ** 53, n: 1 })],
    ["a string seed", encodeJson({ v: 1, s: "1", n: 1 })],
    ["zero attempts", encodeJson({ v: 1, s: 1, n: 0 })],
    ["too many attempts", encodeJson({ v: 1, s: 1, n: 101 })],
    ["a numeric last agent", encodeJson({ v: 1, s: 1, n: 1, l: 5 })],
    ["an empty agent ID", encodeJson({ v: 1, s: 1, n: 1, l: "" })],
    ["three excluded agents", encodeJson({ v: 1, s: 1, n: 1, x: ["a", "b", "c"] })],
    ["an unknown field", encodeJson({ v: 1, s: 1, n: 1, tried: ["a"] })],
    ["an oversized cursor", "A".repeat(5000)],
  ])("rejects %s with InvalidCursorError", (_, text) => {
    expect(() => decodeCursor(text)).toThrow(InvalidCursorError);
  });

  it("says why a cursor was rejected", () => {
    // Act
    const failure = (() => {
      try {
        decodeCursor(encodeJson({ v: 9, s: 1, n: 1 }));
      } catch (error) {
        return error;
      }
      return undefined;
    })();

    // Assess
    expect(failure).toBeInstanceOf(InvalidCursorError);
    expect(failure).toMatchObject({ code: "INVALID_CURSOR", name: "InvalidCursorError" });
    expect((failure as InvalidCursorError).message).toContain("not the supported version 1");
  });

  it("quotes no value of a rejected cursor, which could carry anything", () => {
    // Act
    const failure = (() => {
      try {
        decodeCursor(encodeJson({ v: "819012345678", s: 1, n: 1 }));
      } catch (error) {
        return error;
      }
      return undefined;
    })();

    // Assess
    expect((failure as InvalidCursorError).message).not.toMatch(/\d{5}/);
  });

  it("signs a cursor for one contact: changed, forged or moved, it is rejected", () => {
    // Prepare
    const key = Buffer.alloc(32, 7);
    const cursor = { seed: 12_345, attempts: 2, last: "agent-a", excluded: [] };
    const signed = encodeCursor(cursor, { key, contactId: "c-1" });
    const [payload, tag] = signed.split(".");

    // Act & Assess
    expect(decodeCursor(signed, { key, contactId: "c-1" })).toEqual(cursor);
    expect(() => decodeCursor(signed, { key, contactId: "c-2" })).toThrow(InvalidCursorError);
    expect(() => decodeCursor(signed, { key: Buffer.alloc(32, 8), contactId: "c-1" })).toThrow(
      /signature/,
    );
    expect(() => decodeCursor(payload ?? "", { key, contactId: "c-1" })).toThrow(/not signed/);
    const reset = encodeJson({ v: 1, s: 12_345, n: 1, l: "agent-a" });
    expect(() => decodeCursor(`${reset}.${tag}`, { key, contactId: "c-1" })).toThrow(/signature/);
    expect(() => decodeCursor(signed)).toThrow(/signed/);
  });

  it("reads a cursor signed with the previous key during a rotation, and signs with the current one", () => {
    // Prepare
    const previousKey = Buffer.alloc(32, 7);
    const key = Buffer.alloc(32, 9);
    const cursor = { seed: 12_345, attempts: 2, last: "agent-a", excluded: [] };
    const before = encodeCursor(cursor, { key: previousKey, contactId: "c-1" });
    const rotating = { key, previousKey, contactId: "c-1" };

    // Act
    const after = encodeCursor(cursor, rotating);

    // Assess
    expect(decodeCursor(before, rotating)).toEqual(cursor);
    expect(decodeCursor(after, { key, contactId: "c-1" })).toEqual(cursor);
    expect(() => decodeCursor(after, { key: previousKey, contactId: "c-1" })).toThrow(/signature/);
    expect(() => decodeCursor(before, { key, contactId: "c-1" })).toThrow(/signature/);
    expect(() => decodeCursor(before, { ...rotating, contactId: "c-2" })).toThrow(/signature/);
  });

  it("explains that the none sentinel is not a cursor", () => {
    expect(() => decodeCursor("none")).toThrow(/sentinel/);
  });

  it("refuses to encode a cursor it could not decode", () => {
    expect(() => encodeCursor({ seed: 1, attempts: 0, excluded: [] })).toThrow(RangeError);
  });
});
