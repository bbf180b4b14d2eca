import type { TraceStep } from "../interpreter/contact.js";

/**
 * A contact's path through the flow on one line: Lambda calls by function name (`route`,
 * `route!timeout`), compared values (`=agent`), working queues (`q:sato`, `q:Fallback`),
 * staffing checks (`avail:yes`), loop passes, messages, the transfer, the hang-up. Actions that
 * only store values are left out; repeats of a token collapse into `×n`.
 *
 * @param functionName - a short name for a Lambda ARN.
 */
export function pathLine(
  trace: readonly TraceStep[],
  functionName: (functionArn: string) => string,
): string {
  const tokens: string[] = [];
  for (const step of trace) {
    const token = tokenOf(step, functionName);
    if (token !== undefined) tokens.push(token);
  }
  const collapsed: string[] = [];
  let previous: string | undefined;
  let repeats = 0;
  const flush = (): void => {
    if (previous !== undefined) collapsed.push(repeats > 1 ? `${previous}×${repeats}` : previous);
  };
  for (const token of tokens) {
    if (token === previous) {
      repeats += 1;
      continue;
    }
    flush();
    previous = token;
    repeats = 1;
  }
  flush();
  return collapsed.join(" › ");
}

function tokenOf(
  step: TraceStep,
  functionName: (functionArn: string) => string,
): string | undefined {
  switch (step.kind) {
    case "lambda":
      return step.result === "ok"
        ? functionName(step.functionArn)
        : `${functionName(step.functionArn)}!${step.result.replace(/^lambda-/, "")}`;
    case "compare":
      return `=${step.value}`;
    case "metric":
      return step.matched ? "avail:yes" : "avail:no";
    case "loop":
      return step.done ? "loop:done" : "loop";
    case "queue":
      return `q:${step.queue.kind === "agent" ? step.queue.agent.username : step.queue.queue.name}`;
    case "message":
      return "msg";
    case "transfer":
      return "transfer";
    case "error":
      // Lambda failures already carry their reason.
      return step.type === "InvokeLambdaFunction" ? undefined : `${step.type}!${step.reason}`;
    case "other":
      return step.type === "DisconnectParticipant"
        ? "hang-up"
        : step.type === "UpdateContactRoutingCriteria"
          ? "criteria"
          : step.type === "GetCustomerProfile"
            ? step.note
            : undefined;
  }
}
