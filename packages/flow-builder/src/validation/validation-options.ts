import type { FlowType } from "../model/flow-type.js";

/**
 * How strictly {@link validateFlow} judges a flow:
 * - `service`: only what Amazon Connect is documented or observed to reject, so a flow Connect
 *   accepts passes (every rule cites its source);
 * - `strict`: the service's rules plus this project's house rules for the flows it generates:
 *   every error branch wired, no unreachable action, no dead end, every cycle bounded by a
 *   `Loop`, an explicit synchronous Lambda invocation, layout metadata the editor reads.
 */
export type ValidationProfile = "service" | "strict";

/** The profiles of {@link ValidationProfile}. */
export const validationProfiles: readonly ValidationProfile[] = ["service", "strict"];

/** Options of {@link validateFlow}. */
export interface ValidationOptions {
  /** Default `service`. */
  readonly profile?: ValidationProfile;
  /** The type the flow is deployed as; default `CONTACT_FLOW` (an inbound flow). */
  readonly flowType?: FlowType;
}
