/** A number Connect reports for a withheld caller (`anonymous`, `private`…): no digits. */
export function isWithheld(address: string | undefined): boolean {
  return address !== undefined && !/\d/.test(address);
}
