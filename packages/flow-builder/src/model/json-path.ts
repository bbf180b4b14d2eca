import {
  type CandidateResponseKey,
  type ContactAttributeName,
  candidateResponseKeys,
  contactAttributes,
  type RecordResponseKey,
  type RoutingCriteriaResponseKey,
  type RoutingCriteriaSlotKey,
  recordResponseKeys,
  routingCriteriaResponseKeys,
  routingCriteriaSlotKeys,
} from "@connect-affinity/core/contract";

/**
 * The response keys of each Lambda the flows invoke, by the contract's Lambda names
 * (the keys of `lambdaParameters`).
 */
export interface LambdaResponseKeys {
  readonly route: CandidateResponseKey;
  readonly nextAgent: CandidateResponseKey;
  readonly record: RecordResponseKey;
  readonly routingCriteria: RoutingCriteriaResponseKey | RoutingCriteriaSlotKey;
}

/** A Lambda the flows invoke, by its contract name. */
export type LambdaName = keyof LambdaResponseKeys;

/** A JSONPath into the latest Lambda response. */
export type ExternalPath<K extends string = string> = `$.External.${K}`;

/** A JSONPath to a contact attribute. */
export type AttributePath<N extends string = string> = `$.Attributes.${N}`;

/** A contact attribute by its contract key (`agentArn`), not its stored name. */
export type ContactAttributeKey = keyof typeof contactAttributes;

const externalKeys: ReadonlySet<string> = new Set<string>([
  ...candidateResponseKeys,
  ...recordResponseKeys,
  ...routingCriteriaResponseKeys,
  ...routingCriteriaSlotKeys,
]);

/**
 * A reference to a key of the latest response of Lambda `L`. The key is checked against the
 * attribute contract, so a misspelt key does not compile.
 *
 * @example
 * ```ts
 * external<"route">("agentArn"); // "$.External.agentArn"
 * ```
 */
export function external<L extends LambdaName>(
  key: LambdaResponseKeys[L],
): ExternalPath<LambdaResponseKeys[L]> {
  // Guards callers from plain JavaScript, where the type parameter does not exist.
  if (!externalKeys.has(key)) {
    throw new RangeError(`"${key}" is not a response key of the attribute contract`);
  }
  return `$.External.${key}`;
}

/**
 * A reference to one of the contact attributes the flow stores, by its contract key.
 *
 * @example
 * ```ts
 * attribute("agentArn"); // "$.Attributes.affinityAgentArn"
 * ```
 */
export function attribute<K extends ContactAttributeKey>(
  key: K,
): AttributePath<(typeof contactAttributes)[K]> {
  const name: ContactAttributeName | undefined = Object.hasOwn(contactAttributes, key)
    ? contactAttributes[key]
    : undefined;
  if (name === undefined) {
    throw new RangeError(`"${key}" is not a contact attribute of the attribute contract`);
  }
  return `$.Attributes.${name}` as AttributePath<(typeof contactAttributes)[K]>;
}

/** Whether `value` is a single JSONPath reference such as `$.External.status` (a leaf included). */
export function isJsonPathWithLeaf(value: string): boolean {
  return /^\$\.[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_-]+)+$/.test(value);
}

const singlePath = /^\$\.[A-Za-z][A-Za-z0-9_]*(?:\.[^.\s[\]]+|\[(?:'[^']*'|"[^"]*"|\d+)\])*$/;

/**
 * Whether `value` is exactly one JSONPath identifier, such as `$.Channel`,
 * `$.External.status` or `$.Attributes['caller name']`: the form the reference asks for where a
 * parameter is "fully static or a single valid JSONPath identifier".
 *
 * @example
 * ```ts
 * isSingleJsonPath("$.Channel"); // true
 * isSingleJsonPath("Hello $.Attributes.name"); // false
 * ```
 */
export function isSingleJsonPath(value: string): boolean {
  return singlePath.test(value);
}

/** Whether `value` refers to flow data anywhere in it (`$.` followed by a letter). */
export function containsJsonPath(value: string): boolean {
  return /\$\.[A-Za-z]/.test(value);
}

/**
 * Whether `value` holds a deployment template token (`${Name}`, `%Name%`, `{{name.arn}}`):
 * CloudFormation, CDK and scripts fill these in before the flow reaches Connect, so the value
 * cannot be checked against a range or a list until then.
 */
export function hasTemplateToken(value: string): boolean {
  return /\$\{[^}]+\}|%[A-Za-z0-9_]+%|\{\{[^}]+\}\}/.test(value);
}
