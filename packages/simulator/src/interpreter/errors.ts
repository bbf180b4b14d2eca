import type { FlowProblem } from "@connect-affinity/flow-builder";

/**
 * The interpreter refuses a flow that flow-builder's validator rejects: the service would
 * reject it too, so simulating it would only mislead.
 */
export class FlowRefusedError extends Error {
  readonly code = "FLOW_REFUSED";

  constructor(readonly problems: readonly FlowProblem[]) {
    super(
      `The flow fails validation, so it is not run (${problems.length} problem(s)):\n${problems
        .map(
          (problem) =>
            `  - [${problem.rule}]${problem.actionId === undefined ? "" : ` ${problem.actionId}:`} ${problem.message}`,
        )
        .join("\n")}`,
    );
    this.name = "FlowRefusedError";
  }
}
