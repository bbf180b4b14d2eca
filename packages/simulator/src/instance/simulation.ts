import type { FloorAgent } from "../interpreter/agent-floor-port.js";
import type { ContactExecution, ContactInput, ContactOutcome } from "../interpreter/contact.js";
import type { ContactQueues } from "../interpreter/contact-queues.js";
import type { FlowInterpreter } from "../interpreter/flow-interpreter.js";
import { EventQueue } from "./event-queue.js";

/** A call arriving at `at` (epoch ms of the simulated clock). */
export interface SimulatedCall {
  readonly at: number;
  readonly input: ContactInput;
}

/** The one clock of a simulation; agent schedules and quotas follow it as it advances. */
export interface SimulationClock {
  now(): number;
  advanceTo(at: number): void;
}

/** A contact once the simulation is done with it. */
export interface ContactResult {
  readonly execution: ContactExecution;
  readonly outcome: ContactOutcome;
}

/**
 * Work due at simulated times that is not a step of a contact in the flow: the end of a
 * conversation with an agent (its `DISCONNECTED` event), a transfer to another agent.
 */
export interface SimulationTimers {
  /** When the earliest pending work is due; undefined when none is pending. */
  nextAt(): number | undefined;
  /** Runs the work due by `now`, in time order. */
  runDue(now: number): Promise<void>;
}

/** What {@link simulate} drives. */
export interface SimulationDeps {
  readonly interpreter: FlowInterpreter;
  readonly queues: ContactQueues;
  readonly clock: SimulationClock;
  /** How often waiting contacts are offered to agents again (default 1 s of simulated time). */
  readonly queuePollMs?: number;
  /**
   * Called before each event at its time, e.g. to deliver a stream due by then, with the number
   * of contacts still to run flow steps: calls yet to arrive and contacts in their flow (a
   * queued contact only waits for an agent; no flow step follows).
   */
  readonly beforeEvent?: (at: number, contactsInFlow: number) => Promise<void>;
  /** Called as a call arrives, before its first step. */
  readonly onArrive?: (execution: ContactExecution, at: number) => void;
  /** Called when an agent answers, as Connect's `CONNECTED_TO_AGENT` event would be sent. */
  readonly onConnected?: (
    execution: ContactExecution,
    agent: FloorAgent,
    at: number,
  ) => Promise<void>;
  /** Called as each contact settles, for progress. */
  readonly onSettled?: (result: ContactResult, settled: number, total: number) => void;
  /**
   * Timed work beside the flow. It runs at its own time, before an event due later (after one
   * due at the same time), and what is still pending when the last contact settled runs too, so
   * every conversation's end is reported.
   */
  readonly timers?: SimulationTimers;
}

type SimulationEvent =
  | { readonly at: number; readonly kind: "arrive"; readonly call: SimulatedCall }
  | { readonly at: number; readonly kind: "step"; readonly execution: ContactExecution }
  | { readonly at: number; readonly kind: "dispatch" };

/**
 * Runs calls through the flow on one simulated clock. Arrivals, flow steps (a waiting
 * contact's customer queue flow included) and queue dispatches are events in time order; a step's modelled duration (a Lambda's latency, a
 * message) schedules the contact's next step later, so contacts interleave as in a real
 * contact center while each handler runs to completion before the next event. Events due at
 * the same time keep their order, so a run is reproducible.
 *
 * @returns one result per call, in arrival order.
 */
export async function simulate(
  calls: readonly SimulatedCall[],
  deps: SimulationDeps,
): Promise<readonly ContactResult[]> {
  const { interpreter, queues, clock } = deps;
  const pollMs = deps.queuePollMs ?? 1000;
  const events = new EventQueue<SimulationEvent>();
  const results = new Map<ContactExecution, ContactResult>();
  const order: ContactExecution[] = [];
  let dispatchAt: number | undefined;
  let contactsInFlow = calls.length;
  // A contact leaves the flow once: when it first queues (its customer queue flow, moves
  // included, runs no routing Lambda) or ends without queuing.
  const leftFlow = new Set<ContactExecution>();
  const leaveFlow = (execution: ContactExecution): void => {
    if (leftFlow.has(execution)) return;
    leftFlow.add(execution);
    contactsInFlow -= 1;
  };
  const scheduleDispatch = (at: number): void => {
    if (dispatchAt !== undefined && dispatchAt <= at) return;
    dispatchAt = at;
    events.push({ at, kind: "dispatch" });
  };
  const settle = (execution: ContactExecution, outcome: ContactOutcome): void => {
    const result = { execution, outcome };
    results.set(execution, result);
    deps.onSettled?.(result, results.size, calls.length);
  };

  for (const call of [...calls].sort((a, b) => a.at - b.at)) {
    events.push({ at: call.at, kind: "arrive", call });
  }
  const { timers } = deps;
  for (;;) {
    const timerAt = timers?.nextAt();
    const eventAt = events.peek()?.at;
    if (
      timers !== undefined &&
      timerAt !== undefined &&
      (eventAt === undefined || timerAt < eventAt)
    ) {
      if (timerAt > clock.now()) clock.advanceTo(timerAt);
      await timers.runDue(clock.now());
      continue;
    }
    const event = events.pop();
    if (event === undefined) break;
    if (event.at > clock.now()) clock.advanceTo(event.at);
    const now = clock.now();
    await deps.beforeEvent?.(now, contactsInFlow);
    switch (event.kind) {
      case "arrive": {
        const execution = interpreter.begin(event.call.input, now);
        order.push(execution);
        deps.onArrive?.(execution, now);
        events.push({ at: now, kind: "step", execution });
        break;
      }
      case "step": {
        // A customer queue flow's step due after an agent answered (or the caller gave up).
        if (results.has(event.execution)) break;
        const result = await interpreter.step(event.execution, now);
        if (result.kind === "continue") {
          events.push({ at: now + result.elapsedMs, kind: "step", execution: event.execution });
        } else if (result.kind === "queued") {
          leaveFlow(event.execution);
          scheduleDispatch(now);
          // Its customer queue flow runs while it waits.
          if (event.execution.nextActionId !== undefined) {
            events.push({ at: now, kind: "step", execution: event.execution });
          }
        } else if (result.kind === "ended") {
          leaveFlow(event.execution);
          settle(event.execution, result.outcome);
        }
        break;
      }
      case "dispatch": {
        if (dispatchAt !== event.at) break;
        dispatchAt = undefined;
        for (const happened of queues.dispatch(now)) {
          if (happened.kind === "connected") {
            settle(happened.execution, {
              kind: "agent",
              agent: happened.agent,
              queue: happened.queue,
              connectedAt: happened.at,
            });
            await deps.onConnected?.(happened.execution, happened.agent, happened.at);
          } else {
            settle(happened.execution, {
              kind: "abandoned",
              queue: happened.queue,
              at: happened.at,
            });
          }
        }
        if (queues.waiting > 0) scheduleDispatch(now + pollMs);
        break;
      }
    }
  }
  return order.map((execution) => {
    const result = results.get(execution);
    if (result === undefined) {
      throw new Error(`Contact ${execution.input.contactId} never settled: the simulation lost it`);
    }
    return result;
  });
}
