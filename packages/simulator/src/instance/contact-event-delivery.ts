import type { LambdaFunction } from "../interpreter/lambda-function.js";

/** How often, and how many times, a failed contact event is delivered again. */
export interface RedeliveryPolicy {
  /** Simulated ms before the first retry; each next one waits twice as long. */
  readonly firstRetryMs: number;
  /** Deliveries in all, the first included. */
  readonly maxAttempts: number;
}

/**
 * EventBridge's asynchronous delivery of contact events to the contact-event function: the
 * first attempt is immediate; a failure (the function threw) is retried later with a doubling
 * back-off in simulated time, up to `maxAttempts` deliveries (EventBridge retries for up to a
 * day; the simulation bounds it). Retries run from {@link deliverDue}, which the run loop calls
 * before each event, so they happen in simulated-time order.
 */
export class ContactEventDelivery {
  readonly #target: LambdaFunction;
  readonly #policy: RedeliveryPolicy;
  #pending: { readonly event: unknown; readonly attempt: number; readonly dueAt: number }[] = [];
  #retries = 0;
  #lost = 0;

  constructor(
    target: LambdaFunction,
    policy: RedeliveryPolicy = { firstRetryMs: 60_000, maxAttempts: 6 },
  ) {
    this.#target = target;
    this.#policy = policy;
  }

  /** Retries made, and events given up on after every attempt failed (or still pending). */
  stats(): { readonly retries: number; readonly lost: number } {
    return { retries: this.#retries, lost: this.#lost + this.#pending.length };
  }

  /** Delivers an event now; a failure is scheduled for redelivery. */
  async deliver(event: unknown, now: number): Promise<void> {
    await this.#attempt(event, 1, now);
  }

  /** Redelivers the failed events due by `now`. */
  async deliverDue(now: number): Promise<void> {
    const due = this.#pending.filter((entry) => entry.dueAt <= now);
    if (due.length === 0) return;
    this.#pending = this.#pending.filter((entry) => entry.dueAt > now);
    for (const entry of due) {
      this.#retries += 1;
      await this.#attempt(entry.event, entry.attempt, now);
    }
  }

  async #attempt(event: unknown, attempt: number, now: number): Promise<void> {
    try {
      await this.#target(event);
    } catch {
      if (attempt >= this.#policy.maxAttempts) {
        this.#lost += 1;
        return;
      }
      this.#pending.push({
        event,
        attempt: attempt + 1,
        dueAt: now + this.#policy.firstRetryMs * 2 ** (attempt - 1),
      });
    }
  }
}
