/**
 * The SDK's retry-strategy contract (`RetryStrategyV2` in `@smithy/types`), restated so core
 * does not depend on `@smithy/types` directly.
 */
interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

interface RetryErrorInfo {
  readonly errorType: "TRANSIENT" | "THROTTLING" | "SERVER_ERROR" | "CLIENT_ERROR";
}

/** One attempt's token: how many retries came before it and how long to wait first. */
class BoundedRetryToken implements RetryToken {
  constructor(
    private readonly retryCount: number,
    private readonly delayMs: number,
  ) {}

  getRetryCount(): number {
    return this.retryCount;
  }

  getRetryDelay(): number {
    return this.delayMs;
  }
}

const baseDelayMs = 50;
const maxBackoffMs = 400;

/**
 * Retries throttling and transient errors (timeouts, resets, 5xx the SDK calls transient) at
 * most `maxAttempts - 1` times, with full-jitter exponential back-off capped at 400 ms.
 *
 * The SDK's standard strategy would also honour a `Retry-After` hint for up to 5 extra seconds,
 * which alone could take a flow's Lambda call past Connect's 8-second limit; this one ignores
 * the hint, so the worst case of a call is `attempts × requestTimeout + Σ back-off caps`.
 * A throttled Connect API is better answered by the adapters' own cache and back-off than by
 * waiting inside one contact.
 */
export class BoundedRetryStrategy {
  readonly mode = "standard";
  private readonly maxAttempts: number;
  private readonly random: () => number;

  constructor(options: { readonly maxAttempts: number; readonly random?: () => number }) {
    this.maxAttempts = options.maxAttempts;
    // Jitter only spreads retries of concurrent containers; it decides nothing, so the default
    // source of randomness is acceptable here.
    this.random = options.random ?? Math.random;
  }

  /** The longest back-off before retry number `retry + 1` (ms). */
  static maxDelayMs(retry: number): number {
    return Math.min(maxBackoffMs, baseDelayMs * 2 ** retry);
  }

  async acquireInitialRetryToken(_scope: string): Promise<RetryToken> {
    return new BoundedRetryToken(0, 0);
  }

  async refreshRetryTokenForRetry(token: RetryToken, error: RetryErrorInfo): Promise<RetryToken> {
    const retryable = error.errorType === "THROTTLING" || error.errorType === "TRANSIENT";
    const attemptsMade = token.getRetryCount() + 1;
    if (!retryable || attemptsMade >= this.maxAttempts) {
      throw new Error("No retry token available");
    }
    const delay = Math.floor(
      this.random() * BoundedRetryStrategy.maxDelayMs(token.getRetryCount()),
    );
    return new BoundedRetryToken(attemptsMade, delay);
  }

  recordSuccess(_token: RetryToken): void {
    // No retry quota to refill: the attempt bound alone limits the cost of a call.
  }
}
