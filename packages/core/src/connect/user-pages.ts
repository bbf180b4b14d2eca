import {
  type ConnectClient,
  ListUsersCommand,
  SearchUsersCommand,
  type UserSearchCriteria,
} from "@aws-sdk/client-connect";
import type { Agent } from "../domain/agent.js";
import type { DirectoryPage } from "../ports/shared-roster.js";
import { agentArnOf } from "./agent-arn.js";

/** `ListUsers` answers up to 1,000 users a page. */
export const listUsersPageSize = 1_000;
/** `SearchUsers` answers up to 500 users a page. */
export const searchUsersPageSize = 500;

/** One page of the directory: its agents, and the token of the next page (none after the last). */
export type UserPage = DirectoryPage;

/**
 * Reads one page of users: `ListUsers` (1,000 a page) without criteria, `SearchUsers` (500 a
 * page) with them. Users without an ID or a readable ARN cannot be routed to and are left out.
 * Errors (a throttle included) propagate.
 */
export async function readUserPage(
  client: ConnectClient,
  request: {
    readonly instanceId: string;
    readonly criteria: UserSearchCriteria | undefined;
    readonly nextToken: string | undefined;
    readonly signal?: AbortSignal;
  },
): Promise<UserPage> {
  const { instanceId, criteria, nextToken, signal } = request;
  const options = signal === undefined ? {} : { abortSignal: signal };
  const token = nextToken === undefined ? {} : { NextToken: nextToken };
  if (criteria === undefined) {
    const output = await client.send(
      new ListUsersCommand({ InstanceId: instanceId, MaxResults: listUsersPageSize, ...token }),
      options,
    );
    return pageOf(output.UserSummaryList ?? [], output.NextToken);
  }
  const output = await client.send(
    new SearchUsersCommand({
      InstanceId: instanceId,
      MaxResults: searchUsersPageSize,
      SearchCriteria: criteria,
      ...token,
    }),
    options,
  );
  return pageOf(output.Users ?? [], output.NextToken);
}

/** The fields of `UserSummary` (ListUsers) and `UserSearchSummary` (SearchUsers) we read. */
interface UserFields {
  readonly Id?: string | undefined;
  readonly Arn?: string | undefined;
  readonly Username?: string | undefined;
}

function pageOf(users: readonly UserFields[], token: string | undefined): UserPage {
  const agents: Agent[] = [];
  for (const user of users) {
    const arn = agentArnOf(user.Arn);
    if (user.Id === undefined || user.Id === "" || arn === undefined) continue;
    agents.push(
      user.Username === undefined
        ? { id: user.Id, arn }
        : { id: user.Id, arn, username: user.Username },
    );
  }
  return { agents, nextToken: token === undefined || token === "" ? undefined : token };
}
