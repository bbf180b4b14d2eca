import type { ConnectInstance } from "@connect-affinity/core/connect";

// arn:PARTITION:connect:REGION:ACCOUNT:instance/ID, as core's `parseConnectInstance` reads one.
const instanceArnPattern =
  /^arn:aws[a-z-]{0,20}:connect:[a-z0-9-]{1,32}:\d{12}:instance\/([A-Za-z0-9-]{1,100})$/;

/**
 * Whether `instanceArn` (from an event) names the configured instance. With an instance ARN
 * configured (as infra always does) the whole ARN must match: another account's instance whose
 * ID happens to match is a stranger. With only an instance ID configured, the ID is all there
 * is to compare, so the ARN's account and Region cannot be checked; configure the ARN for that.
 *
 * @example
 * ```ts
 * isConfiguredInstance(config.instance, event.detail.instanceArn); // false for another account
 * ```
 */
export function isConfiguredInstance(instance: ConnectInstance, instanceArn: string): boolean {
  if (instance.instanceArn !== undefined) return instanceArn === instance.instanceArn;
  return instanceArnPattern.exec(instanceArn)?.[1] === instance.instanceId;
}

/**
 * The instance ARN the router may derive an agent's ARN from: the configured one, or (with
 * only an ID configured) the event's, once it is known to name the configured instance.
 */
export function trustedInstanceArn(
  instance: ConnectInstance,
  eventInstanceArn: string | undefined,
): string | undefined {
  if (instance.instanceArn !== undefined) return instance.instanceArn;
  return eventInstanceArn !== undefined && isConfiguredInstance(instance, eventInstanceArn)
    ? eventInstanceArn
    : undefined;
}
