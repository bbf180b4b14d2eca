import {
  type ConnectClient,
  ListUsersCommand,
  SearchUsersCommand,
  type UserSearchCriteria,
} from "@aws-sdk/client-connect";
import { eitherSignal } from "../aws/sdk-call-options.js";
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
import type { CallOptions } from "../ports/call-options.js";
import type { Clock } from "../ports/clock.js";
import { agentArnOf } from "./agent-arn.js";
import { withDeadline } from "./deadline.js";
import {
  type DirectoryOptOut,
  type OptOutFields,
  optOutPredicate,
  userSearchCriteriaOf,
} from "./directory-filter.js";
import { isThrottling } from "./throttling.js";

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
   * Agents who opt out of sticky routing (by routing profile, hierarchy group or user tag):
   * listed with `optedOut: true`. Reading it takes `SearchUsers` even without a `filter`.
   */
  readonly optOut?: DirectoryOptOut;
  /**
   * Upper bound of one whole refresh, every page included (ms). Default 3,000, so a cold
   * container's first contact stays inside Connect's 8-second limit even when Connect is slow.
   */
  readonly refreshTimeoutMs?: number;
  /**
   * Told once per refresh that found the directory empty or garbled (users that are no
   * routable agent), so a deployment can warn and count it: every contact then goes to the
   * fallback queue, which is otherwise silent. An observer that throws is ignored.
   */
  readonly observer?: DirectoryObserver;
}

/** What a refresh that looks wrong found. */
export interface SuspiciousDirectory {
  /**
   * `empty`: Connect listed no routable agent at all (no user, or a filter that selects
   * nobody). `garbled`: some users had no ID or no readable ARN, and were left out.
   */
  readonly problem: "empty" | "garbled";
  /** Users Connect listed. */
  readonly users: number;
  /** Routable agents kept. */
  readonly agents: number;
  /** Users left out (no ID, no readable ARN). */
  readonly skipped: number;
  /** Refreshes of this directory that looked wrong, this one included. */
  readonly suspiciousRefreshes: number;
}

/**
 * Receives a directory's suspicious refreshes (see `ConnectAgentDirectoryOptions.observer`).
 *
 * @example
 * ```ts
 * import type { DirectoryObserver } from "@connect-affinity/core/connect";
 *
 * const observer: DirectoryObserver = {
 *   suspicious: (found) => logger.warn("Agent directory suspicious", { ...found }),
 * };
 * ```
 */
export interface DirectoryObserver {
  suspicious(found: SuspiciousDirectory): void;
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
  /** Refreshes that found the directory empty or garbled (each told to the observer). */
  readonly suspiciousRefreshes: number;
  /** Users left out over every refresh: no ID, or no readable ARN. */
  readonly skippedUsers: number;
}

const optionNames: Readonly<Record<keyof ConnectAgentDirectoryOptions, true>> = {
  client: true,
  instanceId: true,
  clock: true,
  ttlMs: true,
  retryBackoffMs: true,
  filter: true,
  optOut: true,
  refreshTimeoutMs: true,
  observer: true,
};

const listUsersPageSize = 1_000;
const searchUsersPageSize = 500;
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
 * `DirectoryUnavailableError`. A refresh that finds no routable agent, or users it must leave
 * out, is told to `observer` once (and counted in `stats()`): it is kept all the same, as it is
 * what Connect says, but every contact would silently go to the fallback queue. In steady state that is one refresh (⌈users / 1,000⌉ calls) per
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
  private readonly optedOut: ((user: OptOutFields) => boolean) | undefined;
  private readonly refreshTimeoutMs: number;
  private readonly observer: DirectoryObserver | undefined;

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
    suspiciousRefreshes: 0,
    skippedUsers: 0,
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
    this.optedOut = options.optOut === undefined ? undefined : optOutPredicate(options.optOut);
    this.observer =
      options.observer === undefined
        ? undefined
        : withMethods("observer", options.observer, ["suspicious"]);
  }

  /**
   * The roster, from the cache or one refresh. A refresh is bounded by `refreshTimeoutMs` and by
   * `options.signal` (the invocation's budget): a refresh cut off by the budget is not Connect's
   * failure, so it starts no back-off; the next call tries again.
   */
  async roster(options?: CallOptions): Promise<AgentRoster> {
    const now = this.clock.now();
    if (this.cached !== undefined && now - this.cached.fetchedAt < this.ttlMs) {
      this.counters.cacheHits += 1;
      return this.cached.roster;
    }
    if (this.lastFailure !== undefined && now - this.lastFailure.at < this.retryBackoffMs) {
      return this.serveStaleOrReject(this.lastFailure);
    }
    this.inFlight ??= this.refresh(options?.signal).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Counters since construction. */
  stats(): DirectoryStats {
    return { ...this.counters };
  }

  private async refresh(budget: AbortSignal | undefined): Promise<AgentRoster> {
    try {
      const { agents, users } = await withDeadline(this.refreshTimeoutMs, (signal) =>
        this.readAllPages(eitherSignal(signal, budget)),
      );
      this.judge(users, agents.length);
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
      // Cut off by the caller's budget: Connect did not fail, so no back-off.
      if (budget?.aborted !== true) this.lastFailure = { ...failure, at: this.clock.now() };
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

  /** Tells the observer, once for this refresh, about an empty or garbled directory. */
  private judge(users: number, agents: number): void {
    const skipped = users - agents;
    this.counters.skippedUsers += skipped;
    if (agents > 0 && skipped === 0) return;
    this.counters.suspiciousRefreshes += 1;
    try {
      this.observer?.suspicious({
        problem: agents === 0 ? "empty" : "garbled",
        users,
        agents,
        skipped,
        suspiciousRefreshes: this.counters.suspiciousRefreshes,
      });
    } catch {
      // Observing must never fail a refresh.
    }
  }

  private async readAllPages(
    signal: AbortSignal,
  ): Promise<{ readonly agents: Agent[]; readonly users: number }> {
    const agents: Agent[] = [];
    let users = 0;
    let nextToken: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const { users: listed, token } = await this.readPage(nextToken, signal);
      users += listed.length;
      for (const user of listed) {
        const agent = agentOf(user, this.optedOut);
        if (agent !== undefined) {
          agents.push(agent);
        }
      }
      if (token === undefined || token === "") {
        return { agents, users };
      }
      nextToken = token;
    }
    throw new Error(`Connect kept returning NextToken after ${maxPages} pages of users`);
  }

  private async readPage(
    nextToken: string | undefined,
    signal: AbortSignal,
  ): Promise<{
    readonly users: readonly UserFields[];
    readonly token: string | undefined;
  }> {
    this.counters.apiCalls += 1;
    try {
      if (this.searchCriteria === undefined && this.optedOut === undefined) {
        const output = await this.client.send(
          new ListUsersCommand({
            InstanceId: this.instanceId,
            MaxResults: listUsersPageSize,
            ...(nextToken === undefined ? {} : { NextToken: nextToken }),
          }),
          { abortSignal: signal },
        );
        return { users: output.UserSummaryList ?? [], token: output.NextToken };
      }
      const output = await this.client.send(
        new SearchUsersCommand({
          InstanceId: this.instanceId,
          MaxResults: searchUsersPageSize,
          ...(this.searchCriteria === undefined ? {} : { SearchCriteria: this.searchCriteria }),
          ...(nextToken === undefined ? {} : { NextToken: nextToken }),
        }),
        { abortSignal: signal },
      );
      return { users: output.Users ?? [], token: output.NextToken };
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

/** The fields of `UserSummary` (ListUsers) and `UserSearchSummary` (SearchUsers) we read. */
interface UserFields extends OptOutFields {
  readonly Id?: string | undefined;
  readonly Arn?: string | undefined;
  readonly Username?: string | undefined;
}

/** A user without an ID or a readable ARN cannot be routed to, so it is left out. */
function agentOf(
  user: UserFields,
  optedOut: ((user: OptOutFields) => boolean) | undefined,
): Agent | undefined {
  const arn = agentArnOf(user.Arn);
  if (user.Id === undefined || user.Id === "" || arn === undefined) {
    return undefined;
  }
  return {
    id: user.Id,
    arn,
    ...(user.Username === undefined ? {} : { username: user.Username }),
    ...(optedOut?.(user) === true ? { optedOut: true } : {}),
  };
}
