import { type Channel, channels, type RoutingContact } from "@connect-affinity/core";
import { type ConnectInstance, isAgentId, parseAgentArn } from "@connect-affinity/core/connect";
import { identifierLimits, NONE, optionalLambdaParameters } from "@connect-affinity/core/contract";
import * as z from "zod";
import { InvalidEventError, MissingParameterError } from "./errors.js";
import { isConfiguredInstance, trustedInstanceArn } from "./trusted-instance.js";

/** The optional parameter that carries the customer's key (the contract's one optional parameter). */
const customerKeyParameter = optionalLambdaParameters.route[0];

const endpointSchema = z.looseObject({
  Address: z.string().max(identifierLimits.customerAddress).optional(),
  Type: z.string().max(64).optional(),
});

const queueSchema = z.looseObject({ ARN: z.string().max(identifierLimits.queueArn).optional() });

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
    // Every identifier bounded by Connect's documented maximum (core's `identifierLimits`):
    // longer input is bad input, refused before it reaches a table key or a log line.
    ContactData: z.looseObject({
      ContactId: z.string().min(1).max(identifierLimits.contactId),
      Channel: z.enum(channels),
      CustomerEndpoint: endpointSchema.nullish(),
      InstanceARN: z.string().min(1).max(identifierLimits.agentArn).optional(),
      // The working queue when the flow invoked the Lambda; null outside a queue.
      Queue: queueSchema.nullish(),
    }),
    // Connect sends {} when the block sets no parameters; parameter values are strings. The
    // customer key becomes a table key: bounded like every identifier.
    Parameters: z
      .record(z.string(), z.unknown())
      .default({})
      .refine(
        (parameters) => {
          const value = parameters[customerKeyParameter];
          return typeof value !== "string" || value.length <= identifierLimits.customerKey;
        },
        {
          message: `must be at most ${identifierLimits.customerKey} characters`,
          path: [customerKeyParameter],
        },
      ),
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
 * `none`), and the working queue. Its instance ARN, from which `record` derives an agent ARN
 * while the directory is down, is the configured instance's, never the event's own.
 *
 * @throws InvalidEventError when the event names another instance (the whole ARN is compared
 *   when the configuration holds one).
 */
export function routingContactOf(
  event: ContactFlowEvent,
  instance: ConnectInstance,
): RoutingContact {
  const data = event.Details.ContactData;
  const customerKey = event.Details.Parameters[customerKeyParameter];
  const queueArn = data.Queue?.ARN;
  if (data.InstanceARN !== undefined && !isConfiguredInstance(instance, data.InstanceARN)) {
    throw new InvalidEventError("Amazon Connect contact flow event", [
      "Details.ContactData.InstanceARN: is not the configured Amazon Connect instance",
    ]);
  }
  const instanceArn = trustedInstanceArn(instance, data.InstanceARN);
  return {
    contactId: data.ContactId,
    channel: data.Channel satisfies Channel,
    customerAddress: data.CustomerEndpoint?.Address,
    ...(instanceArn === undefined ? {} : { instanceArn }),
    ...(typeof customerKey === "string" ? { customerKey } : {}),
    ...(queueArn === undefined ? {} : { queueArn }),
  };
}

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

/**
 * The agent a flow parameter names: a Connect user ID, or an agent ARN (`…/agent/<id>`), read
 * as its ID.
 *
 * @throws MissingParameterError when the parameter is missing (see {@link requiredParameter}).
 * @throws InvalidEventError when it is neither a user ID nor an agent ARN (too long, another
 *   resource's ARN, characters no Connect ID has), or is an agent ARN of another instance.
 */
export function agentParameter(
  event: ContactFlowEvent,
  functionName: string,
  parameter: string,
  instance: ConnectInstance,
): string {
  const value = requiredParameter(event, functionName, parameter);
  if (isAgentId(value)) return value;
  const arn = parseAgentArn(value);
  if (arn === undefined) {
    throw new InvalidEventError("Amazon Connect contact flow event", [
      `Details.Parameters.${parameter}: must be a Connect user ID or agent ARN ` +
        `(at most ${identifierLimits.agentId} of A-Z a-z 0-9 - _ for an ID)`,
    ]);
  }
  if (!isConfiguredInstance(instance, arn.instanceArn)) {
    throw new InvalidEventError("Amazon Connect contact flow event", [
      `Details.Parameters.${parameter}: is an agent of another Amazon Connect instance`,
    ]);
  }
  return arn.agentId;
}

/** One readable line per zod issue: `Details.ContactData.Channel: Invalid option ...`. */
export function describeIssues(error: z.ZodError): readonly string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return path === "" ? issue.message : `${path}: ${issue.message}`;
  });
}
