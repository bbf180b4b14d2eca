import { type ConnectClient, GetCurrentUserDataCommand } from "@aws-sdk/client-connect";
import { eitherSignal } from "../aws/sdk-call-options.js";
import type { AgentAvailability } from "../domain/agent-availability.js";
import { InvalidOptionError } from "../domain/errors.js";
import {
  nonBlankString,
  nonNegativeNumber,
  optionObject,
  positiveNumber,
  rejectUnknownKeys,
  stringList,
  withMethods,
} from "../options/option-checks.js";
import type { AgentPresence, PresenceLookup, ReservationOutcome } from "../ports/agent-presence.js";
import type { CallOptions } from "../ports/call-options.js";
import type { Clock } from "../ports/clock.js";
import { withDeadline } from "./deadline.js";
import { describeError, isThrottling } from "./throttling.js";
import { availabilityOf } from "./user-data-availability.js";

/** Options of `ConnectAgentPresence`. */
export interface ConnectAgentPresenceOptions {
  /** A client from `createConnectClient`, shared by the container. */
  readonly client: ConnectClient;
  /** The instance ID (see `parseConnectInstance` for an ARN). */
  readonly instanceId: string;
  /** Reads "now" for `observedAt` and the cache. */
  readonly clock: Clock;
  /** Status names that take contacts. Default `["Available"]`. */
  readonly routableStatusNames?: readonly string[];
  /**
   * How long an agent's answer is reused (ms). Default 0: every lookup asks Connect, because a
   * stale "available" sends a caller to a busy agent. A second or two absorbs bursts.
   */
  readonly cacheTtlMs?: number;
  /** Upper bound of one whole lookup, every batch and page included (ms). Default 2,500. */
  readonly timeoutMs?: number;
  /**
   * After a throttled or failed call, how long lookups answer `unknown` (same reason) without
   * calling Connect (ms). Default 1,000: under the account's quota of 2 calls/s, asking again at
   * once only spends the next token on another throttle, and every call the router makes while
   * throttled costs a contact its verified answer anyway. 0 turns the back-off off.
   */
  readonly retryBackoffMs?: number;
  /**
   * The longest back-off (ms). Each further throttle or failure in a row doubles the back-off up
   * to this; one answered call resets it to `retryBackoffMs`. Default 30,000 (or
   * `retryBackoffMs` when that is larger), so a lasting outage
   * (missing permission, quota spent by another application) costs about two calls a minute.
   */
  readonly maxRetryBackoffMs?: number;
}

/** What a `ConnectAgentPresence` has done since it was created. */
export interface PresenceStats {
  /** `GetCurrentUserData` calls made (one per batch page). */
  readonly apiCalls: number;
  /** Calls answered with a throttling error. */
  readonly throttles: number;
  /** Calls that failed otherwise. */
  readonly failures: number;
  /** Lookups answered from the cache without calling Connect. */
  readonly cacheHits: number;
  /** Lookups answered `unknown` without calling Connect, during a back-off. */
  readonly backedOff: number;
}

/** Why lookups are answered without Connect, and until when. */
interface BackOff {
  readonly reason: "throttled" | "failed";
  readonly detail: string;
  /** Throttles and failures in a row; the back-off doubles with each. */
  readonly inARow: number;
  /** Epoch ms from which Connect is asked again. */
  readonly until: number;
}

const optionNames: Readonly<Record<keyof ConnectAgentPresenceOptions, true>> = {
  client: true,
  instanceId: true,
  clock: true,
  routableStatusNames: true,
  cacheTtlMs: true,
  timeoutMs: true,
  retryBackoffMs: true,
  maxRetryBackoffMs: true,
};

/** `GetCurrentUserData` takes at most 100 agents per filter and returns at most 100 per page. */
const batchSize = 100;
const maxPagesPerBatch = 10;

/**
 * `AgentPresence` from `GetCurrentUserData`, filtered by agent in batches of at most 100, every
 * page read. An agent Connect does not return (logged out, unknown) is absent from the answer,
 * which the port defines as unavailable.
 *
 * `lookup` never rejects: a throttled call answers `{ kind: "unknown", reason: "throttled" }`,
 * any other failure `reason: "failed"`, and the router falls back to the flow's staffing check.
 * After either, lookups answer the same way without calling Connect for `retryBackoffMs`
 * (doubling with each further throttle or failure in a row, up to `maxRetryBackoffMs`; reset by
 * an answered call), so a throttled account is not asked again and again by every contact.
 * Agents still fresh in the cache are answered from it meanwhile.
 * Each lookup costs ⌈candidates / 100⌉ calls against a per-account quota of a few per second,
 * so this source suits small centers; large ones read the agent event stream instead.
 *
 * @example
 * ```ts
 * import { systemClock } from "@connect-affinity/core";
 * import { ConnectAgentPresence, createConnectClient } from "@connect-affinity/core/connect";
 *
 * const client = createConnectClient();
 * const presence = new ConnectAgentPresence({ client, instanceId, clock: systemClock });
 * const lookup = await presence.lookup(["u-1", "u-2"]);
 * if (lookup.kind === "known") lookup.agents.get("u-1")?.routable;
 * ```
 */
export class ConnectAgentPresence implements AgentPresence {
  private readonly client: ConnectClient;
  private readonly instanceId: string;
  private readonly clock: Clock;
  private readonly routableStatusNames: ReadonlySet<string>;
  private readonly cacheTtlMs: number;
  private readonly timeoutMs: number;
  private readonly retryBackoffMs: number;
  private readonly maxRetryBackoffMs: number;
  private backOff: BackOff | undefined;
  private readonly cache = new Map<
    string,
    { readonly availability: AgentAvailability | undefined; readonly at: number }
  >();
  private counters = { apiCalls: 0, throttles: 0, failures: 0, cacheHits: 0, backedOff: 0 };

  /** @throws {InvalidOptionError} naming an option that is unknown, missing or out of range. */
  constructor(options: ConnectAgentPresenceOptions) {
    rejectUnknownKeys(optionObject("options", options), Object.keys(optionNames));
    this.client = withMethods("client", options.client, ["send"]);
    this.instanceId = nonBlankString("instanceId", options.instanceId);
    this.clock = withMethods("clock", options.clock, ["now"]);
    this.routableStatusNames = new Set(
      options.routableStatusNames === undefined
        ? ["Available"]
        : stringList("routableStatusNames", options.routableStatusNames),
    );
    this.cacheTtlMs = nonNegativeNumber("cacheTtlMs", options.cacheTtlMs ?? 0);
    this.timeoutMs = positiveNumber("timeoutMs", options.timeoutMs ?? 2_500);
    const retryBackoffMs = nonNegativeNumber("retryBackoffMs", options.retryBackoffMs ?? 1_000);
    const maxRetryBackoffMs = options.maxRetryBackoffMs ?? Math.max(30_000, retryBackoffMs);
    if (
      typeof maxRetryBackoffMs !== "number" ||
      !Number.isFinite(maxRetryBackoffMs) ||
      maxRetryBackoffMs < retryBackoffMs
    ) {
      throw new InvalidOptionError(
        "maxRetryBackoffMs",
        `must be a number no smaller than retryBackoffMs (${retryBackoffMs}), got ${maxRetryBackoffMs}`,
      );
    }
    this.retryBackoffMs = retryBackoffMs;
    this.maxRetryBackoffMs = maxRetryBackoffMs;
  }

  /**
   * Always `unsupported`: Connect's API has no way to hold an agent, and the API presence serves
   * small centers where concurrent routes rarely meet.
   */
  async reserve(): Promise<ReservationOutcome> {
    return "unsupported";
  }

  async lookup(agentIds: readonly string[], options?: CallOptions): Promise<PresenceLookup> {
    const wanted = [...new Set(agentIds)];
    const now = this.clock.now();
    const missing = wanted.filter((id) => !this.isFresh(id, now));
    if (missing.length === 0 && wanted.length > 0) {
      this.counters.cacheHits += 1;
    }
    const backOff = this.backOff;
    if (missing.length > 0 && backOff !== undefined && now < backOff.until) {
      this.counters.backedOff += 1;
      return {
        kind: "unknown",
        reason: backOff.reason,
        detail: `not asking Connect until ${new Date(backOff.until).toISOString()} after ${backOff.detail}`,
      };
    }
    try {
      const fetched =
        missing.length === 0
          ? new Map<string, AgentAvailability>()
          : await withDeadline(this.timeoutMs, (signal) =>
              this.fetch(missing, eitherSignal(signal, options?.signal)),
            );
      const observedAt = this.clock.now();
      if (missing.length > 0) this.backOff = undefined;
      if (this.cacheTtlMs > 0) {
        for (const id of missing) {
          this.cache.set(id, { availability: fetched.get(id), at: observedAt });
        }
      }
      const agents = new Map<string, AgentAvailability>();
      for (const id of wanted) {
        const availability = fetched.has(id) ? fetched.get(id) : this.cache.get(id)?.availability;
        if (availability !== undefined) {
          agents.set(id, availability);
        }
      }
      return { kind: "known", agents, observedAt };
    } catch (error) {
      // Cut off by the caller's budget: Connect did not fail, so no back-off.
      if (options?.signal?.aborted === true) {
        return {
          kind: "unknown",
          reason: "failed",
          detail: "the invocation's time budget is spent",
        };
      }
      const reason = isThrottling(error) ? "throttled" : "failed";
      const detail = describeError(error);
      this.startBackOff(reason, detail);
      return { kind: "unknown", reason, detail };
    }
  }

  /** Counters since construction. */
  stats(): PresenceStats {
    return { ...this.counters };
  }

  private startBackOff(reason: BackOff["reason"], detail: string): void {
    const now = this.clock.now();
    // Concurrent lookups that fail together are one throttle, not several in a row.
    if (this.retryBackoffMs === 0 || (this.backOff !== undefined && now < this.backOff.until)) {
      return;
    }
    const inARow = (this.backOff?.inARow ?? 0) + 1;
    // 2^(inARow - 1) overflows to Infinity after ~1,000 failures in a row; min() caps it anyway.
    const periodMs = Math.min(this.retryBackoffMs * 2 ** (inARow - 1), this.maxRetryBackoffMs);
    this.backOff = { reason, detail, inARow, until: now + periodMs };
  }

  private isFresh(agentId: string, now: number): boolean {
    const entry = this.cache.get(agentId);
    return this.cacheTtlMs > 0 && entry !== undefined && now - entry.at < this.cacheTtlMs;
  }

  /**
   * Batches run one after another: in parallel they would spend the per-account burst at once
   * and throttle each other, and one failure fails the lookup anyway.
   */
  private async fetch(
    agentIds: readonly string[],
    signal: AbortSignal,
  ): Promise<Map<string, AgentAvailability>> {
    const found = new Map<string, AgentAvailability>();
    const wanted = new Set(agentIds);
    for (let start = 0; start < agentIds.length; start += batchSize) {
      const batch = agentIds.slice(start, start + batchSize);
      let nextToken: string | undefined;
      let page = 0;
      do {
        const output = await this.call(batch, nextToken, signal);
        for (const userData of output.UserDataList ?? []) {
          const id = userData.User?.Id;
          // Only agents we asked for: a filter is exact, but a stand-in or a future API
          // change must not make someone else routable.
          if (id !== undefined && wanted.has(id)) {
            found.set(id, availabilityOf(userData, this.routableStatusNames));
          }
        }
        nextToken = output.NextToken === "" ? undefined : output.NextToken;
        page += 1;
      } while (nextToken !== undefined && page < maxPagesPerBatch);
    }
    return found;
  }

  private async call(batch: readonly string[], nextToken: string | undefined, signal: AbortSignal) {
    this.counters.apiCalls += 1;
    try {
      return await this.client.send(
        new GetCurrentUserDataCommand({
          InstanceId: this.instanceId,
          Filters: { Agents: [...batch] },
          MaxResults: batchSize,
          ...(nextToken === undefined ? {} : { NextToken: nextToken }),
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      if (isThrottling(error)) {
        this.counters.throttles += 1;
      } else {
        this.counters.failures += 1;
      }
      throw error;
    }
  }
}
