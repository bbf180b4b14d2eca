import type { FlowBuilder } from "../builder/flow-builder.js";
import type { ResolvedFlowOptions } from "./flow-options.js";

/** The identifier of the Customer Profiles lookup the generated flows run before routing. */
export const customerProfileActionId = "get-customer-profile";

/** The action routing starts at: the Customer Profiles lookup when asked for, else `next`. */
export function routingStart(
  resolved: ResolvedFlowOptions,
  next: string,
  id: string = customerProfileActionId,
): string {
  return resolved.customerProfile === undefined ? next : id;
}

/**
 * Adds the Customer Profiles "Get profile" that runs before routing when the flow was asked
 * for it (nothing otherwise), continuing to `next`. Every
 * outcome continues to `next`: a profile found leaves its ID in `$.Customer.ProfileId`, which
 * the Lambdas get as `customerKey`; none found, several found, or an error leave it empty, and
 * the router knows the caller by their number as before.
 */
export function addCustomerProfileLookup(
  builder: FlowBuilder,
  resolved: ResolvedFlowOptions,
  next: string,
  id: string = customerProfileActionId,
): FlowBuilder {
  const lookup = resolved.customerProfile;
  if (lookup === undefined) return builder;
  return builder.add({
    Identifier: id,
    Type: "GetCustomerProfile",
    Parameters: {
      ProfileRequestData: { [lookup.searchBy]: lookup.value },
      ProfileResponseData: [],
    },
    Transitions: {
      NextAction: next,
      Errors: [
        { NextAction: next, ErrorType: "NoneFoundError" },
        { NextAction: next, ErrorType: "MultipleFoundError" },
        { NextAction: next, ErrorType: "NoMatchingError" },
      ],
    },
  });
}
