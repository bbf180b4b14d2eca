/**
 * What an environment variable holds, and so how it is validated, written and documented.
 *
 * - `table-name`: a DynamoDB table name.
 * - `connect-instance`: an Amazon Connect instance ID or instance ARN.
 * - `whole-number`: a whole number from `min` to `max`, in `unit`.
 * - `secret`: text of at least `minLength` characters, never repeated in a message.
 * - `secret-reference`: where a secret lives (an SSM SecureString parameter or a Secrets Manager
 *   secret), never the secret; with `rawNumber`, also the word `raw-number`.
 * - `one-of`: one of `values`, matched in any case.
 * - `id-list`: comma-separated resource IDs (of `of`, e.g. "routing profile").
 * - `name-list`: comma-separated names.
 * - `flag`: `true` or `false`, in any case.
 * - `calling-code`: a country calling code, `81` or `+81`.
 * - `text`: free text of at most `maxLength` characters.
 * - `one-of-list`: comma-separated values of `values`, each at most once, in order.
 * - `lifetime-map`: comma-separated `NAME=DAYS` pairs (a channel or a queue ID, and a whole
 *   number of days from `min` to `max`).
 * - `tag-list`: comma-separated `KEY=VALUE` pairs (`*` as the value: any value).
 */
export type VariableType =
  | { readonly kind: "table-name" }
  | { readonly kind: "connect-instance" }
  | {
      readonly kind: "whole-number";
      readonly min: number;
      readonly max: number;
      readonly unit?: string;
    }
  | { readonly kind: "secret"; readonly minLength: number }
  | { readonly kind: "secret-reference"; readonly rawNumber?: boolean }
  | { readonly kind: "one-of"; readonly values: readonly [string, ...string[]] }
  | { readonly kind: "id-list"; readonly of: string }
  | { readonly kind: "name-list" }
  | { readonly kind: "flag" }
  | { readonly kind: "calling-code" }
  | { readonly kind: "text"; readonly maxLength: number }
  | { readonly kind: "one-of-list"; readonly values: readonly [string, ...string[]] }
  | { readonly kind: "lifetime-map"; readonly min: number; readonly max: number }
  | { readonly kind: "tag-list" };

/** The setting's value type for a variable of type `T`, as the writer takes it and a reader returns it. */
export type ValueOfType<T extends VariableType> = T extends { readonly kind: "whole-number" }
  ? number
  : T extends { readonly kind: "flag" }
    ? boolean
    : T extends { readonly kind: "id-list" | "name-list" }
      ? readonly string[]
      : T extends { readonly kind: "one-of"; readonly values: infer V extends readonly string[] }
        ? V[number]
        : T extends {
              readonly kind: "one-of-list";
              readonly values: infer V extends readonly string[];
            }
          ? readonly V[number][]
          : T extends { readonly kind: "lifetime-map" }
            ? Readonly<Record<string, number>>
            : T extends { readonly kind: "tag-list" }
              ? Readonly<Record<string, string>>
              : string;

/** The pattern a DynamoDB table name matches (the service's own rule). */
export const tableNamePattern = /^[A-Za-z0-9_.-]{3,255}$/;

/** The pattern one routing profile or hierarchy group ID matches. */
export const resourceIdPattern = /^[A-Za-z0-9-]{1,100}$/;

/** The pattern a country calling code matches, with or without its `+`. */
export const callingCodePattern = /^\+?[1-9]\d{0,2}$/;

/**
 * The variable's text for a setting's value: numbers and flags as written, lists joined with
 * commas, or `undefined` for an empty list (which reads back as unset).
 */
export function formatValue(type: VariableType, value: unknown): string | undefined {
  switch (type.kind) {
    case "id-list":
    case "name-list":
    case "one-of-list": {
      const items = value as readonly string[];
      return items.length === 0 ? undefined : items.join(",");
    }
    case "lifetime-map":
    case "tag-list": {
      const pairs = Object.entries(value as Readonly<Record<string, number | string>>);
      return pairs.length === 0
        ? undefined
        : pairs.map(([key, item]) => `${key}=${item}`).join(",");
    }
    case "whole-number":
    case "flag":
      return String(value as number | boolean);
    default:
      return value as string;
  }
}

/**
 * What a variable of this type accepts, in words, for documentation and messages.
 *
 * @example
 * ```ts
 * allowedValues({ kind: "whole-number", min: 1, max: 100 }); // "1–100"
 * ```
 */
export function allowedValues(type: VariableType): string {
  switch (type.kind) {
    case "table-name":
      return "a DynamoDB table name (3–255 of `A-Z a-z 0-9 _ . -`)";
    case "connect-instance":
      return "an instance ID or instance ARN";
    case "whole-number":
      return `${type.min}–${type.max}${type.unit === undefined ? "" : ` ${type.unit}`}`;
    case "secret":
      return `≥ ${type.minLength} characters`;
    case "secret-reference":
      return `\`ssm:NAME\`, an SSM parameter ARN, \`secretsmanager:NAME\` or a secret ARN${
        type.rawNumber === true ? ", or `raw-number`" : ""
      }`;
    case "one-of":
      return type.values.map((value) => `\`${value}\``).join(", ");
    case "id-list":
      return `comma-separated ${type.of} IDs`;
    case "name-list":
      return "comma-separated names";
    case "flag":
      return "`true`, `false`";
    case "calling-code":
      return "a calling code, `81` or `+81`";
    case "text":
      return `≤ ${type.maxLength} characters`;
    case "one-of-list":
      return `comma-separated, in order: ${type.values.map((value) => `\`${value}\``).join(", ")}`;
    case "lifetime-map":
      return `comma-separated \`NAME=DAYS\` (${type.min}–${type.max} days)`;
    case "tag-list":
      return "comma-separated `KEY=VALUE` (`*`: any value)";
  }
}
