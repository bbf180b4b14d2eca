import { InvalidOptionError } from "../domain/errors.js";

/**
 * Run-time checks of the option objects users construct (the router's, the adapters').
 * TypeScript checks them at compile time only; a plain-JavaScript caller, or a value read from
 * configuration, reaches the constructor unchecked. Each check throws `InvalidOptionError`
 * naming the option, so `{ maxAttempt: 3 }` fails loudly instead of silently meaning "default".
 *
 * Hand-written rather than a schema library: the checks are few and flat, and core keeps a
 * single runtime dependency. `undefined` always means "not set" (the default applies), as
 * with an absent key.
 */

/** The value as a plain object of options, or an error naming `option` when it is not one. */
export function optionObject(option: string, value: unknown): Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidOptionError(option, `must be an object, got ${describe(value)}`);
  }
  return value as Readonly<Record<string, unknown>>;
}

/**
 * Rejects the first key of `options` that is not one of `known`, naming it (prefixed with
 * `path`, such as `"messages."`) and, for a likely typo, the key that was probably meant.
 */
export function rejectUnknownKeys(
  options: Readonly<Record<string, unknown>>,
  known: readonly string[],
  path = "",
): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const near = nearestKey(key, known);
    throw new InvalidOptionError(
      `${path}${key}`,
      near === undefined
        ? `unknown option (known: ${known.join(", ")})`
        : `unknown option; did you mean ${path}${near}?`,
    );
  }
}

/** The known key `key` is most likely a typo of, if any is close enough. */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { readonly key: string; readonly distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { key: candidate, distance };
  }
  // One edit in four characters (at least two) is a typo; more is another word.
  const allowed = Math.max(2, Math.floor(key.length / 4));
  return best !== undefined && best.distance <= allowed ? best.key : undefined;
}

/** An integer in [min, max], or an error naming `option`. */
export function integerIn(option: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(
      option,
      `${describe(value)} is not an integer in [${min}, ${max}]`,
    );
  }
  return value;
}

/** A finite number in [min, max], or an error naming `option`. */
export function numberIn(option: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidOptionError(option, `${describe(value)} is not a number in [${min}, ${max}]`);
  }
  return value;
}

/** A finite number greater than zero, or an error naming `option`. */
export function positiveNumber(option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new InvalidOptionError(option, `must be a positive number, got ${describe(value)}`);
  }
  return value;
}

/** A finite number of zero or more, or an error naming `option`. */
export function nonNegativeNumber(option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidOptionError(option, `must be a non-negative number, got ${describe(value)}`);
  }
  return value;
}

/** A string with something other than spaces in it, or an error naming `option`. */
export function nonBlankString(option: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidOptionError(option, `must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

/** `true` or `false`, or an error naming `option`. */
export function booleanOption(option: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw new InvalidOptionError(option, `must be true or false, got ${describe(value)}`);
  }
  return value;
}

/** A list of non-empty strings, or an error naming `option`. */
export function stringList(option: string, value: unknown): readonly string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && item !== "")) {
    throw new InvalidOptionError(
      option,
      `must be a list of non-empty strings, got ${describe(value)}`,
    );
  }
  return value as readonly string[];
}

/**
 * Checks that `value` is an object with every method in `methods` (a port, an SDK client), so
 * a wrong dependency fails at construction rather than on the first contact.
 */
export function withMethods<T>(option: string, value: T, methods: readonly string[]): T {
  const missing =
    typeof value !== "object" || value === null
      ? methods
      : methods.filter(
          (method) => typeof (value as Readonly<Record<string, unknown>>)[method] !== "function",
        );
  if (missing.length > 0) {
    throw new InvalidOptionError(
      option,
      `must be an object with ${methods.map((method) => `${method}()`).join(" and ")}, got ${describe(value)}`,
    );
  }
  return value;
}

/** A short description of a value for an error message: never a long or secret string. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return value.length <= 40 ? JSON.stringify(value) : `a string of ${value.length} characters`;
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    case "undefined":
      return "undefined";
    case "function":
      return "a function";
    default:
      return typeof value === "object" ? "an object" : typeof value;
  }
}

/** Levenshtein distance, for typo suggestions between short option names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
