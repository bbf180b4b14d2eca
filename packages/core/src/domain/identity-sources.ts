/**
 * Where a contact's customer identity can come from, in the order a deployment lists them:
 *
 * - `customer-key`: a key the flow passes to the Lambdas (parameter `customerKey`), filled from
 *   any attribute: a CRM customer ID, an account number, the Customer Profiles profile ID.
 * - `phone`: the caller's phone number (`CustomerEndpoint.Address` of voice and callback
 *   contacts), normalised to E.164.
 * - `email`: the customer's email address (`CustomerEndpoint.Address` of email contacts),
 *   lower-cased.
 *
 * The handlers read the list from `IDENTITY_SOURCES`, infra from the stack's `identitySources`.
 *
 * @example
 * ```ts
 * import { identitySources } from "@connect-affinity/core/contract";
 * identitySources.includes("email"); // true
 * ```
 */
export const identitySources = ["customer-key", "phone", "email"] as const;

/** One of {@link identitySources}. */
export type IdentitySource = (typeof identitySources)[number];
