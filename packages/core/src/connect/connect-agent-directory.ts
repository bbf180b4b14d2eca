import type { ConnectClient, UserSearchCriteria } from "@aws-sdk/client-connect";
import type { Agent } from "../domain/agent.js";
import { type AgentRoster, createAgentRoster } from "../domain/agent-roster.js";
import type { DirectoryFilter } from "../domain/directory-filter.js";
import { DirectoryUnavailableError } from "../domain/errors.js";
import {
  nonBlankString,
  nonNegativeNumber,
  optionObject,
  rejectUnknownKeys,
  withMethods,
} from "../options/option-checks.js";
import type { AgentDirectory } from "../ports/agent-directory.js";
import type { Clock } from "../ports/clock.js";
import { withDeadline } from "./deadline.js";
import { userSearchCriteriaOf } from "./directory-filter.js";
import { isThrottling } from "./throttling.js";
import { readUserPage, type UserPage } from "./user-pages.js";

/** Options of `ConnectAgentDirectory`. */
export interface ConnectAgentDirectoryOptions {
  /** A client from `createConnectClient`, shared by the container. */
  readonly client: ConnectClient;
  /** The instance ID (see `parseConnectInstance` for an ARN). */
  readonly instanceId: string;
  /** Reads "now" for the cache; inject a fake in tests. */
  readonly clock: Clock;
  /** How long a roster is served before it is read again (ms). Default 60,000. */
  readonly ttlMs?: number;
  /**
   * After a failed or throttled refresh, how long to keep serving the last copy (or rejecting,
   * without one) before calling Connect again (ms). Default 5,000.
   */
  readonly retryBackoffMs?: number;
  /** Only the users this selects are agents; default everyone (`ListUsers`). */
  readonly filter?: DirectoryFilter;
  /**
   * Upper bound of one whole refresh, every page included (ms). Default 3,000, so a cold
   * container's first contact stays inside Connect's 8-second limit even when Connect is slow.
   */
  readonly refreshTimeoutMs?: number;
}

/** What a `ConnectAgentDirectory` has done since it was created, for benchmarks and logs. */
export interface DirectoryStats {
  /** Connect API calls made (one per page). */
  readonly apiCalls: number;
  /** Calls answered with a throttling error. */
  readonly throttles: number;
  /** Calls that failed otherwise. */
  readonly failures: number;
  /** Completed refreshes (every page read). */
  readonly refreshes: number;
  /** `roster()` calls answered from the cache without calling Connect. */
  readonly cacheHits: number;
  /** `roster()` calls answered with a stale copy because a refresh failed or is backing off. */
  readonly staleServes: number;
}

const optionNames: Readonly<Record<keyof ConnectAgentDirectoryOptions, true>> = {
  client: true,
  instanceId: true,
  clock: true,
  ttlMs: true,
  retryBackoffMs: true,
  filter: true,
  refreshTimeoutMs: true,
};

// A runaway NextToken (a service bug, a broken stand-in) must not loop forever: 200 pages is
// 200,000 users through ListUsers, 100,000 through SearchUsers, far above Connect's user quota.
const maxPages = 200;

type Failure = { readonly reason: "throttled" | "failed"; readonly cause: unknown };

/**
 * `AgentDirectory` over Amazon Connect users: `ListUsers` through every page (1,000 users per
 * page), or `SearchUsers` (500 per page) when a `filter` selects routing profiles or hierarchy
 * groups.
 *
 * Keep one instance per Lambda container: the roster is cached for `ttlMs`, concurrent callers
 * share one refresh, and a failed or throttled refresh keeps serving the last good copy, backing
 * off `retryBackoffMs` before the next try. Only with no copy at all does `roster()` reject, with
 * `DirectoryUnavailableError`. In steady state that is one refresh (⌈users / 1,000⌉ calls) per
 * container per `ttlMs`, whatever the call rate.
 *
 * @example
 * ```ts
 * import { systemClock } from "@connect-affinity/core";
 * import { ConnectAgentDirectory, createConnectClient, parseConnectInstance } from "@connect-affinity/core/connect";
 *
 * const directory = new ConnectAgentDirectory({
 *   client: createConnectClient(),
 *   instanceId: parseConnectInstance(process.env.CONNECT_INSTANCE ?? "").instanceId,
 *   clock: systemClock,
 *   filter: { routingProfileIds: ["c1b0…"] },
 * });
 * const roster = await directory.roster();
 * ```
 */
export class ConnectAgentDirectory implements AgentDirectory {
  private readonly client: ConnectClient;
  private readonly instanceId: string;
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly retryBackoffMs: number;
  private readonly searchCriteria: UserSearchCriteria | undefined;
  private readonly refreshTimeoutMs: number;

  private cached: { readonly roster: AgentRoster; readonly fetchedAt: number } | undefined;
  private inFlight: Promise<AgentRoster> | undefined;
  private lastFailure: (Failure & { readonly at: number }) | undefined;
  private counters = {
    apiCalls: 0,
    throttles: 0,
    failures: 0,
    refreshes: 0,
    cacheHits: 0,
    staleServes: 0,
  };

  /** @throws {InvalidOptionError} naming an option that is unknown, missing or out of range. */
  constructor(options: ConnectAgentDirectoryOptions) {
    rejectUnknownKeys(optionObject("options", options), Object.keys(optionNames));
    this.client = withMethods("client", options.client, ["send"]);
    this.instanceId = nonBlankString("instanceId", options.instanceId);
    this.clock = withMethods("clock", options.clock, ["now"]);
    this.ttlMs = nonNegativeNumber("ttlMs", options.ttlMs ?? 60_000);
    this.retryBackoffMs = nonNegativeNumber("retryBackoffMs", options.retryBackoffMs ?? 5_000);
    this.refreshTimeoutMs = nonNegativeNumber(
      "refreshTimeoutMs",
      options.refreshTimeoutMs ?? 3_000,
    );
    this.searchCriteria =
      options.filter === undefined ? undefined : userSearchCriteriaOf(options.filter);
  }

  async roster(): Promise<AgentRoster> {
    const now = this.clock.now();
    if (this.cached !== undefined && now - this.cached.fetchedAt < this.ttlMs) {
      this.counters.cacheHits += 1;
      return this.cached.roster;
    }
    if (this.lastFailure !== undefined && now - this.lastFailure.at < this.retryBackoffMs) {
      return this.serveStaleOrReject(this.lastFailure);
    }
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Counters since construction. */
  stats(): DirectoryStats {
    return { ...this.counters };
  }

  private async refresh(): Promise<AgentRoster> {
    try {
      const agents = await withDeadline(this.refreshTimeoutMs, (signal) =>
        this.readAllPages(signal),
      );
      const roster = createAgentRoster(agents);
      this.cached = { roster, fetchedAt: this.clock.now() };
      this.lastFailure = undefined;
      this.counters.refreshes += 1;
      return roster;
    } catch (error) {
      const failure: Failure = {
        reason: isThrottling(error) ? "throttled" : "failed",
        cause: error,
      };
      this.lastFailure = { ...failure, at: this.clock.now() };
      return this.serveStaleOrReject(failure);
    }
  }

  private serveStaleOrReject(failure: Failure): AgentRoster {
    if (this.cached === undefined) {
      throw new DirectoryUnavailableError(failure.reason, { cause: failure.cause });
    }
    this.counters.staleServes += 1;
    return this.cached.roster;
  }

  private async readAllPages(signal: AbortSignal): Promise<Agent[]> {
    const agents: Agent[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const { agents: found, nextToken: token } = await this.readPage(nextToken, signal);
      agents.push(...found);
      if (token === undefined) {
        return agents;
      }
      nextToken = token;
    }
    throw new Error(`Connect kept returning NextToken after ${maxPages} pages of users`);
  }

  private async readPage(nextToken: string | undefined, signal: AbortSignal): Promise<UserPage> {
    this.counters.apiCalls += 1;
    try {
      return await readUserPage(this.client, {
        instanceId: this.instanceId,
        criteria: this.searchCriteria,
        nextToken,
        signal,
      });
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
