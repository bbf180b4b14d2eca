import type { DynaliteItem } from "@connect-affinity/testing/dynalite";

/**
 * The size of an item as DynamoDB counts it for capacity ("DynamoDB item sizes and formats",
 * Amazon DynamoDB Developer Guide): the UTF-8 bytes of each attribute name plus its value —
 * a string's UTF-8 bytes; a number's 1 byte per two significant digits (leading and trailing
 * zeros trimmed) plus 1 byte; a binary's raw bytes; 1 byte for a Boolean or null; a list or
 * map 3 bytes plus its elements, plus 1 byte per element; a set the sum of its elements.
 *
 * @example
 * ```ts
 * itemSize({ pk: { S: "abc" }, n: { N: "12345" } }); // (2 + 3) + (1 + 3 + 1) = 10
 * ```
 */
export function itemSize(item: DynaliteItem): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8Bytes(name) + valueSize(value);
  return size;
}

/** The size of one attribute value in DynamoDB JSON (`{ S: "…" }`, `{ N: "…" }`, …). */
export function valueSize(value: Readonly<Record<string, unknown>>): number {
  for (const [type, content] of Object.entries(value)) {
    switch (type) {
      case "S":
        return utf8Bytes(String(content));
      case "N":
        return numberSize(String(content));
      case "B":
        return binarySize(content);
      case "BOOL":
      case "NULL":
        return 1;
      case "SS":
        return sum(asArray(content).map((member) => utf8Bytes(String(member))));
      case "NS":
        return sum(asArray(content).map((member) => numberSize(String(member))));
      case "BS":
        return sum(asArray(content).map(binarySize));
      case "L":
        return (
          3 +
          sum(
            asArray(content).map(
              (element) => 1 + valueSize(element as Readonly<Record<string, unknown>>),
            ),
          )
        );
      case "M": {
        const entries = Object.entries(content as Readonly<Record<string, unknown>>);
        return (
          3 +
          sum(
            entries.map(
              ([name, element]) =>
                1 + utf8Bytes(name) + valueSize(element as Readonly<Record<string, unknown>>),
            ),
          )
        );
      }
      default:
        throw new TypeError(`Unknown DynamoDB attribute type ${type}`);
    }
  }
  throw new TypeError("An attribute value without a type");
}

/** 1 byte per two significant digits, plus 1. */
function numberSize(text: string): number {
  const digits = text
    .replace(/^[+-]/, "")
    .replace(/e.*$/i, "")
    .replace(".", "")
    .replace(/^0+/, "")
    .replace(/0+$/, "");
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

function binarySize(content: unknown): number {
  if (content instanceof Uint8Array) return content.byteLength;
  return Buffer.from(String(content), "base64").byteLength;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

function asArray(content: unknown): readonly unknown[] {
  return Array.isArray(content) ? content : [];
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
