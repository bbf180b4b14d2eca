import { FlowBuilder } from "../builder/flow-builder.js";
import { preferredReasons } from "../generators/agent-queue-flow.js";
import { addCustomerProfileLookup, routingStart } from "../generators/customer-profile-lookup.js";
import { queueWaitStates } from "../generators/customer-queue-flow.js";
import { customerKeyParameter, type ResolvedFlowOptions } from "../generators/flow-options.js";
import { addRoutingCriteriaSteps } from "../generators/routing-criteria-steps.js";
import { attribute, external } from "../model/json-path.js";

/**
 * The flow attribute that keeps the host flow's working queue while the agent-queue section
 * points the working queue at an agent: `$.FlowAttributes.affinityHostQueue`. A flow attribute
 * lives only while the flow runs and no Lambda sees it.
 */
export const hostQueueFlowAttribute = "affinityHostQueue";

/** What a section needs: how to name its actions and where the host flow takes over. */
export interface SectionContext {
  /** Prepended to every identifier the section adds (`affinity-`). */
  readonly prefix: string;
  /** The host's action the contact continues with when sticky routing cannot place it. */
  readonly resume: string;
  readonly options: ResolvedFlowOptions;
}

/** A section of sticky routing, ready to splice: its first action and its builder. */
export interface Section {
  readonly entry: string;
  readonly builder: FlowBuilder;
}

/**
 * The agent-queue routing as a section: remember the host's working queue in a flow
 * attribute, invoke `route`, store the offered agent, set the working queue to that agent,
 * check they are available, invoke `record`, speak its message and transfer. An unavailable
 * agent goes through the bounded `Loop` to `next-agent`. Whenever sticky routing cannot place
 * the caller (`none`, an exhausted loop, any error, the agent's queue full) the host's working
 * queue is restored and the host's own action runs, with its own error paths.
 */
export function agentQueueSection(context: SectionContext): Section {
  const { prefix, resume, options } = context;
  const id = (name: string): string => `${prefix}${name}`;
  const arns = options.lambdaArns as Required<typeof options.lambdaArns>;
  const restore = id("restore-host-queue");
  // As in the generated flow: every transfer to an agent's queue is marked and bounded by the
  // customer queue flow (the wait, or the guard with the wait off).
  const customerQueueFlow = options.customerQueueFlowArn as string;
  const waits = options.waitSeconds > 0;
  const transfer = id("start-queue-wait");
  const transferFailed = id("stop-queue-wait");
  const customerKey = customerKeyParameter(options);
  const lookup = id("get-customer-profile");
  const builder = new FlowBuilder(id("save-host-queue")).setFlowAttributes(id("save-host-queue"), {
    values: { [hostQueueFlowAttribute]: "$.Queue.ARN" },
    next: routingStart(options, id("invoke-route"), lookup),
    // Without a working queue to remember, leave the host's path untouched.
    onError: resume,
  });
  addCustomerProfileLookup(builder, options, id("invoke-route"), lookup)
    .invokeLambda(id("invoke-route"), {
      lambda: "route",
      functionArn: arns.route,
      timeLimitSeconds: options.lambdaTimeLimitSeconds,
      responseType: "STRING_MAP",
      parameters: customerKey,
      next: id("check-route-status"),
      onError: resume,
    })
    .compare(id("check-route-status"), {
      value: external<"route">("status"),
      cases: [{ operand: "agent", next: id("save-agent") }],
      otherwise: resume,
    })
    .setContactAttributes(id("save-agent"), {
      values: {
        agentId: external<"route">("agentId"),
        agentArn: external<"route">("agentArn"),
        cursor: external<"route">("cursor"),
        reason: external<"route">("reason"),
      },
      next: id("set-agent-queue"),
      onError: restore,
    })
    .setWorkingQueue(id("set-agent-queue"), {
      agent: attribute("agentArn"),
      next: id(waits ? "check-offer-presence" : "check-agent-available"),
      onError: restore,
    })
    .checkStaffing(id("check-agent-available"), {
      metric: "NumberOfAgentsAvailable",
      agent: attribute("agentArn"),
      whenAvailable: id("invoke-record"),
      otherwise: id(waits ? "check-offer-reason" : "count-attempts"),
      onError: restore,
    })
    .invokeLambda(id("invoke-record"), {
      lambda: "record",
      functionArn: arns.record,
      timeLimitSeconds: options.lambdaTimeLimitSeconds,
      responseType: "STRING_MAP",
      parameters: { agentId: attribute("agentId"), ...customerKey },
      next: id("play-agent-message"),
      // The record is best effort: without it the caller still reaches the agent.
      onError: id("play-connecting"),
    })
    .playMessage(id("play-agent-message"), {
      message: external<"record">("message"),
      next: transfer,
      onError: transfer,
    })
    .playMessage(id("play-connecting"), {
      message: options.messages.connecting,
      next: transfer,
      onError: transfer,
    });
  if (waits) {
    // As in the generated flow: a `busy` offer goes straight to the bounded wait.
    const waiting = id(options.waitPriority === undefined ? "invoke-record" : "set-wait-priority");
    builder.compare(id("check-offer-presence"), {
      value: external<"route">("presence"),
      cases: [{ operand: "busy", next: waiting }],
      otherwise: id("check-agent-available"),
    });
    // As in the generated flow: the caller's own agent, found taken by the staffing check
    // while staffed, is waited for.
    builder
      .compare(id("check-offer-reason"), {
        value: attribute("reason"),
        cases: preferredReasons.map((operand) => ({ operand, next: id("check-agent-staffed") })),
        otherwise: id("count-attempts"),
      })
      .checkStaffing(id("check-agent-staffed"), {
        metric: "NumberOfAgentsStaffed",
        agent: attribute("agentArn"),
        whenAvailable: waiting,
        otherwise: id("count-attempts"),
        onError: id("count-attempts"),
      });
    if (options.waitPriority !== undefined) {
      builder.setQueuePriority(id("set-wait-priority"), {
        priority: options.waitPriority,
        next: id("invoke-record"),
      });
    }
  }
  builder
    .setContactAttributes(id("start-queue-wait"), {
      values: { queueWait: queueWaitStates.waiting },
      next: id("set-customer-queue-flow"),
      onError: id("set-customer-queue-flow"),
    })
    .setEventHook(id("set-customer-queue-flow"), {
      event: "CustomerQueue",
      flow: customerQueueFlow,
      next: id("transfer-to-agent"),
      onError: id("transfer-to-agent"),
    })
    .setContactAttributes(id("stop-queue-wait"), {
      values: { queueWait: queueWaitStates.done },
      next: restore,
      onError: restore,
    });
  builder
    .transferToQueue(id("transfer-to-agent"), {
      onAtCapacity: transferFailed,
      onError: transferFailed,
    })
    .loop(id("count-attempts"), {
      times: options.maxAttempts - 1,
      continue: id("invoke-next-agent"),
      done: restore,
    })
    .invokeLambda(id("invoke-next-agent"), {
      lambda: "nextAgent",
      functionArn: arns.nextAgent,
      timeLimitSeconds: options.lambdaTimeLimitSeconds,
      responseType: "STRING_MAP",
      parameters: { cursor: attribute("cursor") },
      next: id("check-next-agent-status"),
      onError: restore,
    })
    .compare(id("check-next-agent-status"), {
      value: external<"nextAgent">("status"),
      cases: [{ operand: "agent", next: id("save-agent") }],
      otherwise: restore,
    })
    .setWorkingQueue(restore, {
      queue: `$.FlowAttributes.${hostQueueFlowAttribute}`,
      next: resume,
      onError: resume,
    });
  return { entry: id("save-host-queue"), builder };
}

/**
 * The routing-criteria routing as a section: invoke the `routing-criteria` Lambda; when it
 * says `preferred`, store the preferred agent and set the contact's routing criteria (static
 * steps naming the answer's agent slots, by how many there are); then the
 * host's own action runs (typically its transfer to its queue, which the criteria then act
 * on). `none` and every error skip the criteria: the host's path is untouched.
 */
export function routingCriteriaSection(context: SectionContext): Section {
  const { prefix, resume, options } = context;
  const id = (name: string): string => `${prefix}${name}`;
  const lookup = id("get-customer-profile");
  const entry = routingStart(options, id("invoke-routing-criteria"), lookup);
  const builder = addCustomerProfileLookup(
    new FlowBuilder(entry),
    options,
    id("invoke-routing-criteria"),
    lookup,
  )
    .invokeLambda(id("invoke-routing-criteria"), {
      lambda: "routingCriteria",
      functionArn: options.lambdaArns.routingCriteria as string,
      timeLimitSeconds: options.lambdaTimeLimitSeconds,
      responseType: "JSON",
      parameters: customerKeyParameter(options),
      next: id("check-criteria-status"),
      onError: resume,
    })
    .compare(id("check-criteria-status"), {
      value: external<"routingCriteria">("status"),
      cases: [{ operand: "preferred", next: id("save-preferred-agent") }],
      otherwise: resume,
    })
    .setContactAttributes(id("save-preferred-agent"), {
      values: {
        agentId: external<"routingCriteria">("agentId"),
        reason: external<"routingCriteria">("reason"),
      },
      next: id("count-criteria-agents"),
      onError: id("count-criteria-agents"),
    });
  const afterCriteria = options.waitPriority === undefined ? resume : id("set-wait-priority");
  addRoutingCriteriaSteps(builder, { id, next: afterCriteria, resolved: options });
  if (options.waitPriority !== undefined) {
    builder.setQueuePriority(id("set-wait-priority"), {
      priority: options.waitPriority,
      next: resume,
    });
  }
  return { entry, builder };
}

/**
 * A `TransferToFlow` to a deployed sticky-routing flow; if the transfer fails, the host's own
 * action runs.
 */
export function transferToFlowSection(context: SectionContext, flowArn: string): Section {
  const entry = `${context.prefix}transfer-to-sticky-flow`;
  return {
    entry,
    builder: new FlowBuilder(entry).transferToFlow(entry, {
      flow: flowArn,
      onError: context.resume,
    }),
  };
}
