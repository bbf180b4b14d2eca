/**
 * Which agent of a transferred contact gains affinity:
 *
 * - `finishing`: every agent who handled a part of the contact long enough is credited in the
 *   order they were connected, so the last of them, the one who finished it, is the customer's
 *   agent afterwards (what the router did before this setting existed);
 * - `first`: only the agent of the contact the customer started (its initial contact); the
 *   agents it was transferred to gain nothing.
 */
export const transferCredits = ["finishing", "first"] as const;

/** One of {@link transferCredits}. */
export type TransferCredit = (typeof transferCredits)[number];

/** The rules that decide whether an agent who handled a contact gains affinity. */
export interface CreditRules {
  /**
   * The least time, in seconds, from the agent's connection to the contact's end for the agent
   * to gain affinity; 0 credits every agent who answered.
   */
  readonly minimumTalkSeconds: number;
  readonly transferCredit: TransferCredit;
}

/** An agent's part of a contact, as the contact events report it. */
export interface HandledContact {
  /** When the agent was connected (epoch ms). */
  readonly connectedAt: number;
  /** When the contact (this part of a transfer chain) ended (epoch ms), once known. */
  readonly disconnectedAt?: number | undefined;
  /** Whether this contact is a transfer of an earlier one (not the customer's initial contact). */
  readonly transferred: boolean;
}

/**
 * Why an agent who handled a contact gains no affinity:
 *
 * - `talk-too-short`: connected for less than the minimum talk time;
 * - `talk-time-unknown`: a minimum talk time is set but the contact's end is not known (a
 *   `CONNECTED_TO_AGENT` event; only `DISCONNECTED` carries the end);
 * - `transfer-not-credited`: the contact is a transfer and only the first agent is credited.
 */
export type NoCreditReason = "talk-too-short" | "talk-time-unknown" | "transfer-not-credited";

/** Whether a handled contact credits its agent, and if not, why. */
export type CreditDecision =
  | { readonly kind: "credit" }
  | { readonly kind: "no-credit"; readonly reason: NoCreditReason };

/**
 * Decides whether the agent who handled `contact` gains affinity under `rules`.
 *
 * @example
 * ```ts
 * import { creditFor } from "./credit-rules.js";
 *
 * creditFor(
 *   { connectedAt: 0, disconnectedAt: 12_000, transferred: false },
 *   { minimumTalkSeconds: 30, transferCredit: "finishing" },
 * ); // { kind: "no-credit", reason: "talk-too-short" }
 * ```
 */
export function creditFor(contact: HandledContact, rules: CreditRules): CreditDecision {
  if (contact.transferred && rules.transferCredit === "first") {
    return { kind: "no-credit", reason: "transfer-not-credited" };
  }
  if (rules.minimumTalkSeconds <= 0) return { kind: "credit" };
  if (contact.disconnectedAt === undefined) {
    return { kind: "no-credit", reason: "talk-time-unknown" };
  }
  const talkMs = contact.disconnectedAt - contact.connectedAt;
  return talkMs >= rules.minimumTalkSeconds * 1000
    ? { kind: "credit" }
    : { kind: "no-credit", reason: "talk-too-short" };
}
