/** The longest `Identifier` the service accepts. */
export const maxIdentifierLength = 50;

const forbiddenCharacters = /[%:()\\/=$,;[\]{}]/;

/**
 * Strings the reference forbids as identifiers (they are property names of JavaScript objects).
 * Source: https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html
 */
export const reservedIdentifiers: readonly string[] = [
  "__proto__",
  "constructor",
  "__defineGetter__",
  "__defineSetter__",
  "toString",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "valueOf",
];

/**
 * Why `identifier` breaks the flow language's rules (unique aside), or `undefined` if it is
 * valid: non-empty, at most 50 characters, none of `% : ( \ / ) = $ , ; [ ] { }`, not a
 * reserved word, no white space at either end.
 *
 * @example
 * ```ts
 * identifierProblem("invoke-route"); // undefined
 * identifierProblem("check:status"); // 'contains ":"'
 * ```
 */
export function identifierProblem(identifier: string): string | undefined {
  if (identifier.length === 0) return "is empty";
  if (identifier.length > maxIdentifierLength) {
    return `is ${identifier.length} characters long (at most ${maxIdentifierLength})`;
  }
  const forbidden = forbiddenCharacters.exec(identifier);
  if (forbidden !== null) return `contains "${forbidden[0]}"`;
  if (identifier.trim() !== identifier) return "starts or ends with white space";
  if (reservedIdentifiers.includes(identifier)) return "is a reserved word";
  return undefined;
}
