/** One thing wrong with a scenario: where (a dotted path such as `calls[2].caller`) and what. */
export interface ScenarioIssue {
  readonly path: string;
  readonly message: string;
}

/** A scenario file that cannot be run; `issues` lists every problem with the path of its field. */
export class ScenarioError extends Error {
  readonly code = "SCENARIO_INVALID";

  constructor(
    readonly source: string,
    readonly issues: readonly ScenarioIssue[],
  ) {
    super(
      `Scenario ${source} is invalid:\n${issues
        .map((issue) => `  - ${issue.path === "" ? "(file)" : issue.path}: ${issue.message}`)
        .join("\n")}`,
    );
    this.name = "ScenarioError";
  }
}
