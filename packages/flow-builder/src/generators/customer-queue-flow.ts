import { FlowBuilder } from "../builder/flow-builder.js";
import type { FlowDocument } from "../model/flow-document.js";
import { attribute } from "../model/json-path.js";
import {
  type CustomerQueueFlowOptions,
  type queueGuardSeconds,
  requiredOfferIntervalSeconds,
  resolveFlowOptions,
} from "./flow-options.js";

/**
 * The values of the `queueWait` contact attribute (`$.Attributes.affinityQueueWait`): the
 * agent-queue flow sets `waiting` just before it transfers a caller to their agent's queue;
 * the customer queue flow sets `done` just before it moves them out (and the agent-queue flow
 * does too when that transfer fails). Only a contact marked `waiting` is moved; any other
 * contact that runs the flow (the same caller again in the queue they were moved to) is held.
 */
export const queueWaitStates = { waiting: "waiting", done: "done" } as const;

/** How long the `required` binding's offer waits for the caller's key, in seconds. */
export const offerInputSeconds = 5;

/**
 * The customer queue flow (flow type `CUSTOMER_QUEUE`) that bounds a returning caller's wait
 * for their busy agent. Connect runs it while the contact waits in a queue, once the inbound
 * flow has set it with "Set customer queue flow" (`UpdateContactEventHooks`, `CustomerQueue`).
 *
 * A contact marked `waiting` (see {@link queueWaitStates}) hears `waitingForAgent` in a loop:
 * - `binding: preferred`: for `preferredWaitSeconds`, then it is moved; with the wait off
 *   (`preferredWaitSeconds: 0`) it hears `connecting` for {@link queueGuardSeconds} (the guard:
 *   its agent was free, but another contact may take them first), then it is moved;
 * - `binding: required`: every {@link requiredOfferIntervalSeconds} (or the whole wait, if
 *   shorter) the loop stops and `offerNextAgent` asks for a key; 1 moves the caller at once,
 *   anything else (or nothing within {@link offerInputSeconds}) resumes the wait, until
 *   `requiredWaitSeconds` have been waited (each offer adds its prompt and key time).
 *
 * Moving (`DequeueContactAndTransferToQueue`) goes to the standard queue if given, else (or
 * when that one is full) the fallback queue; the contact is marked `done` first, so the flow
 * holds it there. If no queue takes the caller (full, or an agent is already being joined),
 * the caller is held where they are, never disconnected: an agent freeing up still reaches them.
 * Every other contact, and a loop prompt that fails, is held with `holdInQueue`.
 *
 * @example
 * ```ts
 * const flow = customerQueueFlow({
 *   preferredWaitSeconds: 30,
 *   standardQueueArn: "arn:aws:connect:ap-northeast-1:123456789012:instance/…/queue/…",
 * });
 * ```
 */
export function customerQueueFlow(options: CustomerQueueFlowOptions): FlowDocument {
  const resolved = resolveFlowOptions(options, "customer-queue", ["waitTargetQueue"]);
  const targets: { readonly id: string; readonly queue: string }[] = [];
  if (resolved.standardQueueArn !== undefined) {
    targets.push({ id: "move-to-standard-queue", queue: resolved.standardQueueArn });
  }
  if (
    resolved.fallbackQueueArn !== undefined &&
    resolved.fallbackQueueArn !== resolved.standardQueueArn
  ) {
    targets.push({ id: "move-to-fallback-queue", queue: resolved.fallbackQueueArn });
  }
  // resolveFlowOptions has thrown unless one of the two queues is given.
  const first = (targets[0] as (typeof targets)[number]).id;
  const builder = new FlowBuilder("set-voice", {
    name: "connect-affinity customer queue",
    consoleType: "customerQueue",
  })
    .setVoice("set-voice", {
      voice: resolved.voice,
      engine: resolved.voiceEngine,
      next: "check-queue-wait",
      onError: "check-queue-wait",
    })
    .compare("check-queue-wait", {
      value: attribute("queueWait"),
      cases: [{ operand: queueWaitStates.waiting, next: "wait-for-agent" }],
      otherwise: "hold-in-queue",
    });
  if (resolved.binding === "preferred") {
    builder.loopPrompts("wait-for-agent", {
      // With the wait off the agent was free a moment ago: the caller is being connected.
      messages: [
        resolved.waitSeconds > 0 ? resolved.messages.waitingForAgent : resolved.messages.connecting,
      ],
      interruptAfterSeconds: resolved.queueBoundSeconds,
      onInterrupt: "mark-wait-done",
      // Without a working prompt there is nothing to time the wait with: move on now.
      onError: "mark-wait-done",
    });
  } else {
    const interval = Math.min(requiredOfferIntervalSeconds, resolved.waitSeconds);
    const offers = Math.ceil(resolved.waitSeconds / interval);
    builder
      .loopPrompts("wait-for-agent", {
        messages: [resolved.messages.waitingForAgent],
        interruptAfterSeconds: interval,
        onInterrupt: "offer-next-agent",
        onError: "mark-wait-done",
      })
      .getInput("offer-next-agent", {
        message: resolved.messages.offerNextAgent,
        timeoutSeconds: offerInputSeconds,
        cases: [{ key: "1", next: "mark-wait-done" }],
        otherwise: "count-offers",
        onTimeout: "count-offers",
        onError: "count-offers",
      })
      .loop("count-offers", {
        times: offers - 1,
        continue: "wait-for-agent",
        done: "mark-wait-done",
      });
  }
  builder.setContactAttributes("mark-wait-done", {
    values: { queueWait: queueWaitStates.done },
    next: first,
    onError: first,
  });
  targets.forEach(({ id, queue }, index) => {
    const next = targets[index + 1]?.id ?? "hold-in-queue";
    builder.moveToQueue(id, { queue, onAtCapacity: next, onError: next });
  });
  return (
    builder
      .loopPrompts("hold-in-queue", {
        messages: [resolved.messages.holdInQueue],
        onError: "end-queue-flow",
      })
      // Ends this flow only: the contact stays in its queue with the default music.
      .endFlow("end-queue-flow")
      .build()
  );
}
