/**
 * Interactions: actions with side effects outside the contact (a Lambda, Customer Profiles, a
 * callback). Each type's page is
 * `https://docs.aws.amazon.com/connect/latest/APIReference/<page>.html`; the page names are in
 * `actionCatalog`.
 *
 * @packageDocumentation
 */
import type { ActionShape, StringMap, Transitions } from "../action-shape.js";
import type { OptionalQueueOrAgent } from "./contact-actions.js";

/** Profile fields to send (`ProfileRequestData`) and to read back into `$.Customer`. */
export interface ProfileParameters {
  readonly ProfileRequestData?: StringMap;
  readonly ProfileResponseData?: readonly string[];
  readonly [parameter: string]: unknown;
}

/** Associates the contact with a customer profile. */
export type AssociateContactToCustomerProfileAction = ActionShape<
  "AssociateContactToCustomerProfile",
  ProfileParameters,
  Transitions<"NoMatchingError">
>;

/** Queues a callback to the contact's callback number ("Transfer to queue", callback tab). */
export type CreateCallbackContactAction = ActionShape<
  "CreateCallbackContact",
  OptionalQueueOrAgent & {
    /** Whole seconds, 1 to 259,200; static. */
    readonly InitialCallDelaySeconds: string;
    /** A whole number above zero; static. */
    readonly MaximumConnectionAttempts: string;
    /** Whole seconds, 1 to 259,200; static. */
    readonly RetryDelaySeconds: string;
  },
  Transitions<"NoMatchingError">
>;

/** Creates a customer profile ("Customer profiles"). */
export type CreateCustomerProfileAction = ActionShape<
  "CreateCustomerProfile",
  ProfileParameters,
  Transitions<"NoMatchingError">
>;

/** Reads calculated attributes of a customer profile. */
export type GetCalculatedAttributesForCustomerProfileAction = ActionShape<
  "GetCalculatedAttributesForCustomerProfile",
  ProfileParameters,
  Transitions<"NoMatchingError">
>;

/** Finds a customer profile by phone number or email ("Customer profiles"). */
export type GetCustomerProfileAction = ActionShape<
  "GetCustomerProfile",
  ProfileParameters,
  Transitions<"MultipleFoundError" | "NoneFoundError" | "NoMatchingError">
>;

/** Reads an object (an order, an asset…) of a customer profile. */
export type GetCustomerProfileObjectAction = ActionShape<
  "GetCustomerProfileObject",
  ProfileParameters,
  Transitions<"NoMatchingError">
>;

/** `InvokeLambdaFunction` parameters; the response lands in `$.External`. */
export interface InvokeLambdaFunctionParameters {
  readonly LambdaFunctionARN: string;
  /** Whole seconds, `"1"` to `"8"`, static. */
  readonly InvocationTimeLimitSeconds: string;
  /**
   * Synchronous invocations return a response the flow can read. Optional to the service
   * (flows deployed by CloudFormation omit it); our generated flows always write it.
   */
  readonly InvocationType?: "SYNCHRONOUS" | "ASYNCHRONOUS";
  /** Sent as `Details.Parameters`; values may be JSONPath references. */
  readonly LambdaInvocationAttributes?: StringMap;
  readonly ResponseValidation?: { readonly ResponseType: "STRING_MAP" | "JSON" };
}

/** Invokes a Lambda function ("AWS Lambda function"). */
export type InvokeLambdaFunctionAction = ActionShape<
  "InvokeLambdaFunction",
  InvokeLambdaFunctionParameters,
  Transitions<"NoMatchingError">
>;

/** Updates a customer profile read or created earlier in the flow ("Customer profiles"). */
export type UpdateCustomerProfileAction = ActionShape<
  "UpdateCustomerProfile",
  ProfileParameters,
  Transitions<"NoMatchingError">
>;
