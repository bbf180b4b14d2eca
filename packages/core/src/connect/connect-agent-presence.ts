import { type ConnectClient, GetCurrentUserDataCommand } from "@aws-sdk/client-connect";
import { InvalidOptionError } from "../domain/errors.js";
import type { AgentAvailability, AgentPresence, PresenceLookup } from "../ports/agent-presence.js";
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
}

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
 * Each lookup costs ⌈candidates / 100⌉ calls against a per-account quota of a few per second,
 * so this source suits small centers; large ones read the agent event stream instead.
 *
 * @example
 * ```ts
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
  private readonly cache = new Map<
    string,
    { readonly availability: AgentAvailability | undefined; readonly at: number }
  >();
  private counters = { apiCalls: 0, throttles: 0, failures: 0, cacheHits: 0 };

  constructor(options: ConnectAgentPresenceOptions) {
    if (options.instanceId.trim() === "") {
      throw new InvalidOptionError("instanceId", "must not be empty");
    }
    const cacheTtlMs = options.cacheTtlMs ?? 0;
    if (!Number.isFinite(cacheTtlMs) || cacheTtlMs < 0) {
      throw new InvalidOptionError(
        "cacheTtlMs",
        `must be a non-negative number, got ${cacheTtlMs}`,
      );
    }
    this.client = options.client;
    this.instanceId = options.instanceId;
    this.clock = options.clock;
    this.routableStatusNames = new Set(options.routableStatusNames ?? ["Available"]);
    this.cacheTtlMs = cacheTtlMs;
    const timeoutMs = options.timeoutMs ?? 2_500;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new InvalidOptionError("timeoutMs", `must be a positive number, got ${timeoutMs}`);
    }
    this.timeoutMs = timeoutMs;
  }

  async lookup(agentIds: readonly string[]): Promise<PresenceLookup> {
    const wanted = [...new Set(agentIds)];
    const now = this.clock.now();
    const missing = wanted.filter((id) => !this.isFresh(id, now));
    if (missing.length === 0 && wanted.length > 0) {
      this.counters.cacheHits += 1;
    }
    try {
      const fetched =
        missing.length === 0
          ? new Map<string, AgentAvailability>()
          : await withDeadline(this.timeoutMs, (signal) => this.fetch(missing, signal));
      const observedAt = this.clock.now();
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
      return {
        kind: "unknown",
        reason: isThrottling(error) ? "throttled" : "failed",
        detail: describeError(error),
      };
    }
  }

  /** Counters since construction. */
  stats(): PresenceStats {
    return { ...this.counters };
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
