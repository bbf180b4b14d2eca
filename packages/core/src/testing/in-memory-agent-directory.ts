import type { Agent } from "../domain/agent.js";
import { type AgentRoster, createAgentRoster } from "../domain/agent-roster.js";
import type { AgentDirectory } from "../ports/agent-directory.js";

/**
 * An {@link AgentDirectory} over a list you control, for tests and local runs.
 *
 * @example
 * ```ts
 * import { DirectoryUnavailableError } from "@connect-affinity/core";
 * import { InMemoryAgentDirectory } from "@connect-affinity/core/testing";
 *
 * const directory = new InMemoryAgentDirectory([{ id: "a1", arn: "arn:…/agent/a1" }]);
 * directory.failWith(new DirectoryUnavailableError("throttled")); // roster() now rejects
 * ```
 */
export class InMemoryAgentDirectory implements AgentDirectory {
  #roster: AgentRoster;
  #failure: unknown;
  #calls = 0;

  constructor(agents: readonly Agent[] = []) {
    this.#roster = createAgentRoster(agents);
  }

  /** How many times `roster` was called. */
  get calls(): number {
    return this.#calls;
  }

  /** Replaces the routable agents. */
  setAgents(agents: readonly Agent[]): void {
    this.#roster = createAgentRoster(agents);
  }

  /** Makes every later `roster` call reject with `error`; `undefined` heals the directory. */
  failWith(error: unknown): void {
    this.#failure = error;
  }

  async roster(): Promise<AgentRoster> {
    this.#calls += 1;
    if (this.#failure !== undefined) throw this.#failure;
    return this.#roster;
  }
}
