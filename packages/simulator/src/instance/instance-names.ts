import type { QueueDefinition } from "../interpreter/contact.js";
import { uuidOf } from "../scenario/scenario-plan.js";

/** The Region and account every simulated instance lives in. */
export const simulatedAccount = { region: "ap-northeast-1", accountId: "123456789012" } as const;

/** `arn:aws:lambda:…:function:NAME` in the simulated account. */
export function lambdaArnOf(functionName: string): string {
  return `arn:aws:lambda:${simulatedAccount.region}:${simulatedAccount.accountId}:function:${functionName}`;
}

/** The two standard queues every simulated instance has. */
export interface InstanceQueues {
  readonly standard: QueueDefinition;
  readonly fallback: QueueDefinition;
}

/** The instance's standard and fallback queues, with IDs derived from the instance ARN. */
export function instanceQueues(instanceArn: string): InstanceQueues {
  return {
    standard: queueOf(instanceArn, "Standard", "standard"),
    fallback: queueOf(instanceArn, "Fallback", "fallback"),
  };
}

function queueOf(
  instanceArn: string,
  name: string,
  role: QueueDefinition["role"],
): QueueDefinition {
  const id = uuidOf(`queue:${instanceArn}:${name}`);
  return { id, arn: `${instanceArn}/queue/${id}`, name, role };
}
