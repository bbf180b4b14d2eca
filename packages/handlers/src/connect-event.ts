import { type Channel, channels, type RoutingContact } from "@connect-affinity/core";
import { NONE, optionalLambdaParameters } from "@connect-affinity/core/contract";
import * as z from "zod";
import { InvalidEventError, MissingParameterError } from "./errors.js";

const endpointSchema = z.looseObject({
  Address: z.string().optional(),
  Type: z.string().optional(),
});

const queueSchema = z.looseObject({ ARN: z.string().optional() });

/**
 * The event Amazon Connect sends to a Lambda function from a flow's "Invoke AWS Lambda
 * function" block, reduced to what the handlers read. Unknown fields are kept and ignored:
 * Connect adds fields over time.
 *
 * `Details.ContactData.CustomerEndpoint` is `null` for chats and tasks and may lack an
 * address for withheld numbers; the router judges whatever it holds.
 */
export const contactFlowEventSchema = z.looseObject({
  Name: z.literal("ContactFlowEvent").optional(),
  Details: z.looseObject({
    ContactData: z.looseObject({
      ContactId: z.string().min(1),
      Channel: z.enum(channels),
      CustomerEndpoint: endpointSchema.nullish(),
      InstanceARN: z.string().min(1).optional(),
      // The working queue when the flow invoked the Lambda; null outside a queue.
      Queue: queueSchema.nullish(),
    }),
    // Connect sends {} when the block sets no parameters; parameter values are strings.
    Parameters: z.record(z.string(), z.unknown()).default({}),
  }),
});

/** A validated contact-flow event. */
export type ContactFlowEvent = z.infer<typeof contactFlowEventSchema>;

/**
 * Validates a contact-flow event.
 *
 * @throws InvalidEventError naming every field that is missing or malformed.
 */
export function parseContactFlowEvent(event: unknown): ContactFlowEvent {
  const parsed = contactFlowEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new InvalidEventError("Amazon Connect contact flow event", describeIssues(parsed.error));
  }
  return parsed.data;
}

/**
 * The contact as the router sees it: its address (a phone number, an email contact's address),
 * the `customerKey` parameter when the flow passes one (the router ignores a blank one or
 * `none`), and the working queue.
 */
export function routingContactOf(event: ContactFlowEvent): RoutingContact {
  const data = event.Details.ContactData;
  const customerKey = event.Details.Parameters[customerKeyParameter];
  const queueArn = data.Queue?.ARN;
  return {
    contactId: data.ContactId,
    channel: data.Channel satisfies Channel,
    customerAddress: data.CustomerEndpoint?.Address,
    ...(data.InstanceARN === undefined ? {} : { instanceArn: data.InstanceARN }),
    ...(typeof customerKey === "string" ? { customerKey } : {}),
    ...(queueArn === undefined ? {} : { queueArn }),
  };
}

/** The optional parameter that carries the customer's key (the contract's one optional parameter). */
const customerKeyParameter = optionalLambdaParameters.route[0];

/**
 * A parameter the flow must pass. `none` counts as missing: it is the contract's "no value"
 * sentinel, which the flow may forward unchanged when a previous step had nothing.
 *
 * @throws MissingParameterError when the parameter is absent, not a string, blank or `none`.
 */
export function requiredParameter(
  event: ContactFlowEvent,
  functionName: string,
  parameter: string,
): string {
  const value = event.Details.Parameters[parameter];
  if (typeof value !== "string" || value.trim() === "" || value.trim() === NONE) {
    throw new MissingParameterError(functionName, parameter);
  }
  return value.trim();
}

/** One readable line per zod issue: `Details.ContactData.Channel: Invalid option ...`. */
export function describeIssues(error: z.ZodError): readonly string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return path === "" ? issue.message : `${path}: ${issue.message}`;
  });
}
