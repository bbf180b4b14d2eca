/** One configuration key and what is wrong with it. */
export interface ConfigProblem {
  readonly key: string;
  readonly problem: string;
}

/**
 * The stack's configuration cannot be deployed. Every problem is listed at once, each naming
 * its config key, so one `pulumi preview` shows everything to fix.
 */
export class StackConfigError extends Error {
  readonly code = "INFRA_STACK_CONFIG_INVALID";

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid stack configuration:\n${problems.map((p) => `  - ${p.key}: ${p.problem}`).join("\n")}`,
    );
    this.name = "StackConfigError";
  }
}

/** A value that should be an Amazon Connect instance ARN is not one. */
export class InstanceArnError extends Error {
  readonly code = "INFRA_INSTANCE_ARN_INVALID";

  constructor(readonly value: string) {
    super(
      `Expected an Amazon Connect instance ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID), got ${JSON.stringify(value)}`,
    );
    this.name = "InstanceArnError";
  }
}

/** A Lambda bundle the program packages has not been built. */
export class MissingBundleError extends Error {
  readonly code = "INFRA_BUNDLE_MISSING";

  constructor(
    readonly functionName: string,
    readonly path: string,
  ) {
    super(
      `The ${functionName} Lambda bundle is missing at ${path}: run \`pnpm turbo run build --filter=@connect-affinity/infra\` (it builds the handler bundles) before \`pulumi preview\`/\`up\``,
    );
    this.name = "MissingBundleError";
  }
}

/** Component arguments that cannot produce a working deployment. */
export class StickyAgentRoutingArgsError extends Error {
  readonly code = "INFRA_COMPONENT_ARGS_INVALID";

  constructor(
    readonly argument: string,
    problem: string,
  ) {
    super(`StickyAgentRouting: ${argument} ${problem}`);
    this.name = "StickyAgentRoutingArgsError";
  }
}
