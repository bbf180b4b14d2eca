/** An agent description the floor cannot simulate: the scenario is wrong, nothing started. */
export class InvalidAgentSpecError extends Error {
  readonly code = "INVALID_AGENT_SPEC";

  constructor(
    readonly username: string,
    readonly problem: string,
  ) {
    super(`Agent ${JSON.stringify(username)}: ${problem}`);
    this.name = "InvalidAgentSpecError";
  }
}

/** An operation named an agent the floor does not have. */
export class UnknownAgentError extends Error {
  readonly code = "UNKNOWN_AGENT";

  constructor(readonly idOrArn: string) {
    super(`No simulated agent ${JSON.stringify(idOrArn)}`);
    this.name = "UnknownAgentError";
  }
}
