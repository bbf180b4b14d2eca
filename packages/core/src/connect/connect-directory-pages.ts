import type { ConnectClient, UserSearchCriteria } from "@aws-sdk/client-connect";
import type { DirectoryFilter } from "../domain/directory-filter.js";
import {
  nonBlankString,
  optionObject,
  rejectUnknownKeys,
  withMethods,
} from "../options/option-checks.js";
import type { DirectoryPage, DirectoryPages } from "../ports/shared-roster.js";
import { userSearchCriteriaOf } from "./directory-filter.js";
import { isThrottling } from "./throttling.js";
import { readUserPage } from "./user-pages.js";

/** Options of `ConnectDirectoryPages`. */
export interface ConnectDirectoryPagesOptions {
  /** A client from `createConnectClient`. */
  readonly client: ConnectClient;
  /** The instance ID (see `parseConnectInstance` for an ARN). */
  readonly instanceId: string;
  /** Only the users this selects are agents; default everyone (`ListUsers`). */
  readonly filter?: DirectoryFilter;
}

/** What a `ConnectDirectoryPages` has done: one Connect API call per page. */
export interface DirectoryPagesStats {
  readonly apiCalls: number;
  readonly throttles: number;
  readonly failures: number;
}

const optionNames: Readonly<Record<keyof ConnectDirectoryPagesOptions, true>> = {
  client: true,
  instanceId: true,
  filter: true,
};

/**
 * `DirectoryPages` over Amazon Connect users for the roster refresher: one `ListUsers` call per
 * page (1,000 users), or `SearchUsers` (500) when a `filter` selects routing profiles or
 * hierarchy groups. No cache, no retry beyond the client's own: the refresher decides the pace
 * and resumes where a throttled page left off.
 *
 * @example
 * ```ts
 * import { ConnectDirectoryPages, createConnectClient } from "@connect-affinity/core/connect";
 *
 * const pages = new ConnectDirectoryPages({ client: createConnectClient(), instanceId });
 * const first = await pages.page(undefined); // { agents, nextToken }
 * ```
 */
export class ConnectDirectoryPages implements DirectoryPages {
  private readonly client: ConnectClient;
  private readonly instanceId: string;
  private readonly criteria: UserSearchCriteria | undefined;
  private counters = { apiCalls: 0, throttles: 0, failures: 0 };

  /** @throws {InvalidOptionError} naming an option that is unknown, missing or invalid. */
  constructor(options: ConnectDirectoryPagesOptions) {
    rejectUnknownKeys(optionObject("options", options), Object.keys(optionNames));
    this.client = withMethods("client", options.client, ["send"]);
    this.instanceId = nonBlankString("instanceId", options.instanceId);
    this.criteria = options.filter === undefined ? undefined : userSearchCriteriaOf(options.filter);
  }

  async page(nextToken: string | undefined): Promise<DirectoryPage> {
    this.counters.apiCalls += 1;
    try {
      return await readUserPage(this.client, {
        instanceId: this.instanceId,
        criteria: this.criteria,
        nextToken,
      });
    } catch (error) {
      if (isThrottling(error)) this.counters.throttles += 1;
      else this.counters.failures += 1;
      throw error;
    }
  }

  /** Counters since construction. */
  stats(): DirectoryPagesStats {
    return { ...this.counters };
  }
}
