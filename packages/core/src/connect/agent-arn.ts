// An agent ARN names a user as a routing target: arn:aws:connect:R:A:instance/I/agent/U.
// ListUsers and SearchUsers already return that form; some APIs and hand-written
// configuration use the equivalent ".../user/U", which "Set working queue" does not take.
// Every part bounded, as `parseAgentArn` bounds them.
const userArnPattern =
  /^(arn:aws[a-z-]{0,20}:connect:[a-z0-9-]{1,32}:\d{12}:instance\/[A-Za-z0-9-]{1,100})\/(?:agent|user)\/([A-Za-z0-9_-]{1,256})$/;

/**
 * The agent ARN of a Connect user, from the user's ARN in either the `/agent/` or the `/user/`
 * form, or `undefined` when `userArn` is not a Connect user ARN.
 *
 * @example
 * ```ts
 * import { agentArnOf } from "@connect-affinity/core/connect";
 *
 * agentArnOf("arn:aws:connect:eu-west-2:111122223333:instance/i-1/user/u-1");
 * // "arn:aws:connect:eu-west-2:111122223333:instance/i-1/agent/u-1"
 * ```
 */
export function agentArnOf(userArn: string | undefined): string | undefined {
  const match = userArn === undefined ? null : userArnPattern.exec(userArn);
  if (match === null) {
    return undefined;
  }
  const [, instanceArn, userId] = match;
  return `${instanceArn}/agent/${userId}`;
}
