/** The longest `Identifier` the service accepts. */
export const maxIdentifierLength = 50;

const forbiddenCharacters = /[%:()\\/=$,;[\]{}]/;

/**
 * Why `identifier` breaks the flow language's rules (unique aside), or `undefined` if it is
 * valid: non-empty, at most 50 characters, none of `% : ( \ / ) = $ , ; [ ] { }`.
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
  return undefined;
}
