/**
 * The rules {@link validateFlow} checks, by the name each problem carries in `rule`.
 */
export const flowRules = [
  "invalid-document",
  "invalid-version",
  "unknown-start-action",
  "unknown-transition-target",
  "duplicate-identifier",
  "invalid-identifier",
  "unknown-action-type",
  "not-in-inbound-flow",
  "unreachable-action",
  "dead-end",
  "unbounded-loop",
  "missing-next-action",
  "missing-error-transition",
  "unexpected-error-type",
  "unsupported-condition",
  "missing-parameter",
  "conflicting-parameters",
  "invalid-parameter",
  "non-string-scalar",
  "empty-string",
  "invalid-comparison-value",
  "invalid-loop-count",
  "invalid-time-limit",
  "invocation-type",
  "too-many-actions",
  "content-too-large",
  "metadata-key-case",
] as const;

/** The name of a rule of {@link flowRules}. */
export type FlowRule = (typeof flowRules)[number];

/**
 * One thing wrong with a flow: the rule it breaks, the action it concerns (absent for
 * document-wide rules) and a sentence for a person.
 *
 * @example
 * ```ts
 * const problem: FlowProblem = {
 *   rule: "missing-next-action",
 *   actionId: "count-attempts",
 *   message: 'Loop "count-attempts" has no NextAction',
 * };
 * ```
 */
export interface FlowProblem {
  readonly rule: string;
  readonly actionId?: string;
  readonly message: string;
}
