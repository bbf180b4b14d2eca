import { InvalidOptionError } from "../domain/errors.js";

/** An Amazon Connect instance, as named by an instance ID or an instance ARN. */
export interface ConnectInstance {
  /** The instance ID, which every Connect API takes as `InstanceId`. */
  readonly instanceId: string;
  /** The instance ARN, when given one. */
  readonly instanceArn?: string;
  /** The instance's Region, when given an ARN. */
  readonly region?: string;
  /** The instance's AWS account, when given an ARN. */
  readonly accountId?: string;
}

// The Connect API takes InstanceId values of 1 to 100 characters; real ones are UUIDs, local
// stand-ins may use any letters, digits and dashes.
const instanceIdPattern = /^[A-Za-z0-9-]{1,100}$/;
const instanceArnPattern =
  /^arn:(aws[a-z-]*):connect:([a-z0-9-]+):(\d{12}):instance\/([A-Za-z0-9-]{1,100})$/;

/**
 * Reads an instance ID (`"40c83b68-ea62-414c-97bb-d018e39e158e"`) or an instance ARN
 * (`"arn:aws:connect:eu-west-2:111122223333:instance/40c83b68-…"`), as configuration holds
 * either.
 *
 * @throws InvalidOptionError for anything else, including the ARN of a resource inside an
 *   instance (a user, a queue), which names the instance but is almost certainly a mistake.
 * @example
 * ```ts
 * import { parseConnectInstance } from "@connect-affinity/core/connect";
 *
 * const { instanceId, region } = parseConnectInstance(process.env.CONNECT_INSTANCE ?? "");
 * ```
 */
export function parseConnectInstance(value: string): ConnectInstance {
  const trimmed = value.trim();
  const arn = instanceArnPattern.exec(trimmed);
  if (arn !== null) {
    const [, , region, accountId, instanceId] = arn;
    if (region !== undefined && accountId !== undefined && instanceId !== undefined) {
      return { instanceId, instanceArn: trimmed, region, accountId };
    }
  }
  if (instanceIdPattern.test(trimmed)) {
    return { instanceId: trimmed };
  }
  throw new InvalidOptionError(
    "instance",
    `expected an Amazon Connect instance ID or instance ARN ` +
      `(arn:aws:connect:REGION:ACCOUNT:instance/ID), got ${JSON.stringify(value)}`,
  );
}
