import { InstanceArnError } from "./errors.js";

/** The parts of an Amazon Connect instance ARN the deployment scopes permissions with. */
export interface InstanceArn {
  readonly arn: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly instanceId: string;
}

const instanceArnPattern =
  /^arn:(aws[a-z-]*):connect:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):instance\/([A-Za-z0-9-]{1,100})$/;

/**
 * Reads an instance ARN. An ID alone is not enough here: the Lambda permission needs the
 * account, and the IAM policies need the partition and Region.
 *
 * @throws InstanceArnError for anything but an instance ARN (a queue or user ARN included).
 */
export function parseInstanceArn(value: string): InstanceArn {
  const match = instanceArnPattern.exec(value.trim());
  const [, partition, region, accountId, instanceId] = match ?? [];
  if (
    partition === undefined ||
    region === undefined ||
    accountId === undefined ||
    instanceId === undefined
  ) {
    throw new InstanceArnError(value);
  }
  return { arn: value.trim(), partition, region, accountId, instanceId };
}

/** Tells whether `value` is an instance ARN, for validation messages. */
export function isInstanceArn(value: string): boolean {
  return instanceArnPattern.test(value.trim());
}

/** Every agent (user) of the instance: the resource `GetCurrentUserData` is authorised on. */
export function agentsArnOf(instance: InstanceArn): string {
  return `${instance.arn}/agent/*`;
}
