import type { LambdaFunction } from "../interpreter/lambda-function.js";

/** What a scheduled function needs to be invoked on time. */
export interface ScheduleTarget {
  /** The function's name; the schedule is named after it. */
  readonly name: string;
  readonly everyMs: number;
  /** The target's `Input` (JSON text); `{}` when absent. */
  readonly input?: string;
  readonly handler: LambdaFunction;
}

/** Where the schedule lives, for its ARN. */
export interface ScheduleLocation {
  readonly region: string;
  readonly accountId: string;
}

/**
 * An EventBridge Scheduler rate schedule on the simulated clock: due at `startMs` and every
 * `everyMs` after; {@link deliverDue}, which the run loop calls before each simulation event,
 * invokes the function once for each due time, in order, so a schedule that fell behind (the
 * clock jumped) catches up as Scheduler would have fired meanwhile. The payload is the target's
 * input with Scheduler's context attributes replaced. A failed invocation is counted and not
 * retried (Scheduler would retry; the next period comes soon enough for the simulation).
 */
export class ScheduledInvocations {
  readonly #target: ScheduleTarget;
  readonly #scheduleArn: string;
  #nextAt: number;
  #invocations = 0;
  #failures = 0;

  constructor(target: ScheduleTarget, location: ScheduleLocation, startMs: number) {
    if (!(Number.isFinite(target.everyMs) && target.everyMs > 0)) {
      throw new RangeError(`${target.name}: everyMs must be positive, got ${target.everyMs}`);
    }
    if (target.input !== undefined) {
      try {
        JSON.parse(target.input);
      } catch (error) {
        throw new RangeError(`${target.name}: the schedule's input is not JSON (${String(error)})`);
      }
    }
    this.#target = target;
    this.#scheduleArn = `arn:aws:scheduler:${location.region}:${location.accountId}:schedule/default/${target.name}`;
    this.#nextAt = startMs;
  }

  /** The schedule's name (its function's). */
  get name(): string {
    return this.#target.name;
  }

  /** Invocations so far, and how many of them failed. */
  stats(): { readonly invocations: number; readonly failures: number } {
    return { invocations: this.#invocations, failures: this.#failures };
  }

  /** Invokes the function for every scheduled time due by `now`. */
  async deliverDue(now: number): Promise<void> {
    while (this.#nextAt <= now) {
      const scheduledAt = this.#nextAt;
      this.#nextAt += this.#target.everyMs;
      this.#invocations += 1;
      try {
        await this.#target.handler(this.#payload(scheduledAt));
      } catch {
        this.#failures += 1;
      }
    }
  }

  #payload(scheduledAt: number): unknown {
    // Scheduler's scheduled time has whole seconds, e.g. 2022-03-22T18:59:43Z.
    const scheduledTime = `${new Date(Math.floor(scheduledAt / 1000) * 1000).toISOString().slice(0, 19)}Z`;
    const executionId = this.#invocations.toString(16).padStart(16, "0");
    const text = (this.#target.input ?? "{}")
      .replaceAll("<aws.scheduler.schedule-arn>", this.#scheduleArn)
      .replaceAll("<aws.scheduler.scheduled-time>", scheduledTime)
      .replaceAll("<aws.scheduler.execution-id>", executionId)
      .replaceAll("<aws.scheduler.attempt-number>", "1");
    return JSON.parse(text);
  }
}
