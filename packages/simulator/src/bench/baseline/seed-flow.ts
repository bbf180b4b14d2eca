/**
 * BASELINE: the seed's behaviour, for comparison, never shipped.
 *
 * The seed article's contact flow, built with flow-builder: invoke lookup → check the agent's
 * status → set the working queue to the agent → invoke register with `user` → play the returned
 * message → transfer. Unavailable: invoke next-agent with the previous results → check again.
 * `unavailable`: play a prompt and disconnect. The seed has no fallback queue, so every error
 * branch also ends at the prompt and the disconnect.
 *
 * The `Loop` (100 passes) is there only because Connect's editor, and flow-builder's validator,
 * want every cycle bounded; the seed's `ListUsers` page holds at most 100 users, so its own
 * `unavailable` always ends the walk before the loop would.
 */
import { FlowBuilder, type FlowDocument } from "@connect-affinity/flow-builder";

/** The Lambda ARNs the seed's flow invokes. */
export interface SeedLambdaArns {
  readonly lookup: string;
  readonly nextAgent: string;
  readonly register: string;
}

/** What the seed's flow says when nobody can take the call. */
export const seedUnavailablePrompt =
  "ただいま担当者が対応できません。時間をおいておかけ直しください。";

const sorry = "play-unavailable";

/**
 * The seed's flow document.
 *
 * @example
 * ```ts
 * const flow = seedFlow({ lookup: arnA, nextAgent: arnB, register: arnC });
 * ```
 */
export function seedFlow(arns: SeedLambdaArns): FlowDocument {
  const invoke = (
    id: string,
    functionArn: string,
    next: string,
    attributes?: Readonly<Record<string, string>>,
  ) =>
    ({
      Identifier: id,
      Type: "InvokeLambdaFunction",
      Parameters: {
        LambdaFunctionARN: functionArn,
        InvocationTimeLimitSeconds: "8",
        InvocationType: "SYNCHRONOUS",
        ...(attributes === undefined ? {} : { LambdaInvocationAttributes: { ...attributes } }),
        ResponseValidation: { ResponseType: "STRING_MAP" },
      },
      Transitions: {
        NextAction: next,
        Errors: [{ NextAction: sorry, ErrorType: "NoMatchingError" }],
      },
    }) as const;
  return new FlowBuilder("invoke-lookup")
    .add(invoke("invoke-lookup", arns.lookup, "check-agent-status"))
    .checkStaffing("check-agent-status", {
      metric: "NumberOfAgentsAvailable",
      agent: "$.External.user",
      whenAvailable: "set-agent-queue",
      otherwise: "count-tries",
      onError: sorry,
    })
    .setWorkingQueue("set-agent-queue", {
      agent: "$.External.user",
      next: "invoke-register",
      onError: sorry,
    })
    .add(
      invoke("invoke-register", arns.register, "play-register-message", {
        user: "$.External.user",
      }),
    )
    .playMessage("play-register-message", {
      message: "$.External.message",
      next: "transfer-to-agent",
      onError: "transfer-to-agent",
    })
    .transferToQueue("transfer-to-agent", { onAtCapacity: sorry, onError: sorry })
    .loop("count-tries", { times: 100, continue: "invoke-next-agent", done: sorry })
    .add(
      invoke("invoke-next-agent", arns.nextAgent, "check-next-status", {
        user: "$.External.user",
        users: "$.External.users",
      }),
    )
    .compare("check-next-status", {
      value: "$.External.status",
      cases: [{ operand: "unavailable", next: sorry }],
      otherwise: "check-agent-status",
    })
    .playMessage(sorry, {
      message: seedUnavailablePrompt,
      next: "disconnect",
      onError: "disconnect",
    })
    .disconnect("disconnect")
    .build();
}
