import { createHash } from "node:crypto";

/**
 * Draws the number "Distribute by percentage" compares (1 to 100) for one pass of one contact
 * through one action.
 */
export type PercentageDraw = (contactId: string, actionId: string, pass: number) => number;

/**
 * A draw that is the same for the same contact, action and pass, so a run repeats exactly, and
 * spread evenly over 1 to 100 across contacts.
 *
 * @example
 * ```ts
 * seededPercentage("contact-1", "split", 1); // always the same number in 1..100
 * ```
 */
export const seededPercentage: PercentageDraw = (contactId, actionId, pass) => {
  const digest = createHash("sha256").update(`${contactId}\u0000${actionId}\u0000${pass}`).digest();
  return (digest.readUInt32BE(0) % 100) + 1;
};
