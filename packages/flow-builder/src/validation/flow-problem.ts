import type { ValidationProfile } from "./validation-options.js";

const reference = "https://docs.aws.amazon.com/connect/latest/APIReference";
const reported =
  "Reported by a third-party flow library that checks every action it emits against the live CreateContactFlow API";

/** What one rule checks, in which profile, and on what authority. */
export interface FlowRuleSpec {
  /** The least strict profile that checks the rule (`strict` also checks every `service` rule). */
  readonly profile: ValidationProfile;
  /** What the strict profile adds to a service rule, if anything. */
  readonly strictAlso?: string;
  /** The documentation page or observation the rule rests on. */
  readonly source: string;
  /** The flow is rejected when… */
  readonly rejects: string;
}

/**
 * Every rule {@link validateFlow} checks, with its profile and source. A `service` rule rests
 * on the flow language reference or on what the service is observed to reject; a `strict`
 * rule is a house rule for the flows this package generates.
 */
export const flowRuleCatalog = {
  "invalid-document": {
    profile: "service",
    source: `${reference}/flow-language.html (the flow document's fields)`,
    rejects:
      "it is not an object with an Actions array, an action is not an object, Transitions, Errors or Conditions are not the documented shapes",
  },
  "invalid-version": {
    profile: "service",
    source: `${reference}/flow-language-example.html ("the only supported version is 2019-10-30")`,
    rejects: 'Version is not "2019-10-30"',
  },
  "unknown-start-action": {
    profile: "service",
    source: `${reference}/flow-language-example.html (StartAction "must match the Identifier of an Action")`,
    rejects: "StartAction is not the identifier of an action",
  },
  "unknown-transition-target": {
    profile: "service",
    source: `${reference}/flow-language-actions.html (NextAction "contains the Identifier of the Action that should be run")`,
    rejects: "a NextAction, error or condition leads to an identifier no action has",
  },
  "duplicate-identifier": {
    profile: "service",
    source: `${reference}/flow-language-actions.html (Identifier "must be unique among all Actions")`,
    rejects: "two actions share an identifier",
  },
  "invalid-identifier": {
    profile: "service",
    source: `${reference}/flow-language-actions.html (Identifier: up to 50 characters, none of % : ( \\ / ) = $ , ; [ ] { }, not __proto__, constructor…)`,
    rejects:
      "an identifier is empty, longer than 50 characters, holds a forbidden character or is a reserved word",
  },
  "unknown-action-type": {
    profile: "service",
    source: `${reference}/flow-language-actions.html (Type "must be one of a list of allowable Types"); the misspellings: ${reported}`,
    rejects:
      "the type is not one of the flow language, naming the right spelling when known (UpdateRoutingCriteria → UpdateContactRoutingCriteria, UnTagContact → UntagContact)",
  },
  "not-allowed-in-flow-type": {
    profile: "service",
    source:
      'Each action page\'s "Restrictions" (e.g. EndFlowExecution: "only in whisper flows and customer queue flows"); DisconnectParticipant in whisper and hold flows: ' +
      reported,
    rejects: "an action appears in a flow type its reference page does not allow",
  },
  "missing-next-action": {
    profile: "service",
    source: `${reported}; every non-terminal action of the 80 accepted flows has one except a Loop prompts block without interrupt`,
    rejects: "a non-terminal action has no NextAction",
  },
  "terminal-with-transitions": {
    profile: "service",
    source: `${reference}/flow-language-actions.html ("Certain Actions terminate … Transitions must be defined as an empty object")`,
    rejects:
      "a terminal action (Disconnect, End flow, Return) has a NextAction, error or condition",
  },
  "missing-error-transition": {
    profile: "service",
    strictAlso: "every error type the action can raise has a branch",
    source: `${reference}/participant-actions-getparticipantinput.html ("NoMatchingError … Must always be defined", NoMatchingCondition and InvalidPhoneNumber "must be defined only if…"); CheckMetricData: ${reported}`,
    rejects:
      "an error the reference says must be defined has no branch (GetParticipantInput; CheckMetricData's NoMatchingCondition and NoMatchingError)",
  },
  "unexpected-error-type": {
    profile: "service",
    strictAlso:
      "a branch names an error type the action's page does not list and no accepted flow uses",
    source: `${reference}/participant-actions-getparticipantinput.html (errors that "must be defined only if…")`,
    rejects: "a branch names an error type the reference forbids for these parameters",
  },
  "unsupported-condition": {
    profile: "service",
    source:
      'Each action page\'s "Results and conditions" ("No conditions are supported", "only the Equals operator", Loop: "a Condition for Equals ContinueLooping and for Equals DoneLooping, and no other", CheckMetricData: "NumberOfAgents* … only NumberGreaterThan 0"); operators and operand counts: ' +
      `${reference}/flow-language-actions.html`,
    rejects:
      "conditions on a type without them, an operator or operand the type does not take, a required condition missing",
  },
  "missing-condition": {
    profile: "strict",
    source: "House rule: a comparison with no condition always takes its else branch",
    rejects: "a Compare or CheckMetricData has no condition",
  },
  "missing-parameter": {
    profile: "service",
    source: "Each action page's parameter object (parameters not marked optional)",
    rejects:
      "a required parameter is absent, or Parameters is not an object on a type that has required parameters",
  },
  "conflicting-parameters": {
    profile: "service",
    source:
      'Each action page\'s parameter object ("If AgentId is specified, this may not be specified", "May not be specified if Text or SSML is also specified")',
    rejects:
      "parameters the page makes exclusive are given together, or none of a required group is given",
  },
  "invalid-parameter": {
    profile: "service",
    source: `${reference}/flow-language-actions-parameter-restrictions.html and each page's ranges and value lists`,
    rejects:
      "a JSONPath where the value must be static, text with an embedded path where the value must be static or one JSONPath, a value outside its list or range",
  },
  "unknown-parameter": {
    profile: "strict",
    source: "House rule: a parameter the reference does not name is most often a typo",
    rejects: "a parameter the action's page does not name",
  },
  "non-string-scalar": {
    profile: "service",
    strictAlso: "free-form view data too",
    source: `${reported} (numbers rejected or misread); free-form ViewData holds booleans in accepted exports`,
    rejects:
      "a number, boolean or null in Parameters outside free-form view data, or a non-string condition operand",
  },
  "empty-string": {
    profile: "service",
    strictAlso: "free-form view data too",
    source: `${reported}; free-form ViewData holds empty strings in accepted exports`,
    rejects:
      "an empty string as a parameter value (outside free-form view data) or as a condition operand",
  },
  "invalid-comparison-value": {
    profile: "service",
    source: `${reference}/flow-control-actions-compare.html (ComparisonValue: "Any single JSONPath identifier that is valid for the flow data object")`,
    rejects:
      "Compare.ComparisonValue is not one JSONPath ($.Channel and $.External.status both are)",
  },
  "invalid-loop-count": {
    profile: "service",
    source: `${reference}/flow-control-actions-loop.html ("between 0 and 100 (inclusive)", "fully static or fully dynamic")`,
    rejects: 'LoopCount is not "0"…"100" or one JSONPath',
  },
  "invalid-time-limit": {
    profile: "service",
    source: `${reference}/interactions-invokelambdafunction.html (InvocationTimeLimitSeconds "greater than 0, no larger than 8, and an integer", static)`,
    rejects: 'a Lambda\'s InvocationTimeLimitSeconds is not "1"…"8"',
  },
  "invocation-type": {
    profile: "strict",
    source:
      "House rule: our flows read the response, so they invoke synchronously and say so (console exports write it; CloudFormation-deployed flows omit it)",
    rejects: 'an InvokeLambdaFunction lacks InvocationType "SYNCHRONOUS"',
  },
  "too-many-actions": {
    profile: "service",
    source: `${reference}/flow-language-example.html ("A single Flow may have no more than 250 Actions")`,
    rejects: "more than 250 actions",
  },
  "content-too-large": {
    profile: "service",
    strictAlso: "measured on the indented form flowToJson writes, which infra deploys",
    source: `${reference}/API_CreateContactFlow.html (Content: "Maximum length of 256000")`,
    rejects: "the flow's JSON is longer than 256,000 characters (measured compact)",
  },
  "unreachable-action": {
    profile: "strict",
    source: "House rule: an action no path reaches is dead weight or a wiring mistake",
    rejects: "no path from the start reaches the action",
  },
  "dead-end": {
    profile: "strict",
    source:
      "House rule: every contact ends at an agent, a fallback queue or a polite message, never stuck in the flow",
    rejects: "from a reachable action no path reaches an action that ends the flow",
  },
  "unbounded-loop": {
    profile: "strict",
    source: "House rule: every cycle passes a Loop whose DoneLooping (and NextAction) leaves it",
    rejects: "a cycle passes no Loop whose exits leave it (nested loops are judged inside out)",
  },
  "metadata-key-case": {
    profile: "strict",
    source:
      "House rule, from console behaviour: the editor reads lower-camel-case entryPointPosition and position and stacks blocks with capitalised keys at the origin",
    rejects: "layout keys are capitalised (EntryPointPosition, Position)",
  },
} as const satisfies { readonly [rule: string]: FlowRuleSpec };

/** The name of a rule of {@link flowRuleCatalog}. */
export type FlowRule = keyof typeof flowRuleCatalog;

/** The rules {@link validateFlow} checks, by the name each problem carries in `rule`. */
export const flowRules = Object.keys(flowRuleCatalog) as readonly FlowRule[];

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
  readonly rule: FlowRule;
  readonly actionId?: string;
  readonly message: string;
}
