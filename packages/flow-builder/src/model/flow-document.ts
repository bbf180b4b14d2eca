import type { FlowAction } from "./flow-action.js";

/** The only `Version` the flow language has. */
export const flowLanguageVersion = "2019-10-30";

/** A point on the console editor's canvas. */
export interface Position {
  readonly x: number;
  readonly y: number;
}

/**
 * What the console editor keeps about one block; not executed. Keys as console exports write
 * them (lower camel case; capitalised keys are ignored and every block lands at the origin):
 * `position`; `isFriendlyName` when the identifier is a readable name shown as the block's
 * title; `parameters.<Name>.displayName` for the resource a block names by ARN (a Lambda, a
 * queue); `parameters.<Name>.useDynamic` and `useDynamic` / `dynamicParams` for values set from
 * an attribute; `conditionMetadata` for the branches of "Check contact attributes".
 */
export interface ActionMetadataEntry {
  readonly position?: Position;
  readonly isFriendlyName?: boolean;
  readonly parameters?: { readonly [name: string]: unknown };
  readonly useDynamic?: boolean;
  readonly dynamicParams?: readonly string[];
  readonly conditionMetadata?: readonly ConditionMetadata[];
  readonly [key: string]: unknown;
}

/** One branch of a "Check contact attributes" block as the editor shows it. */
export interface ConditionMetadata {
  readonly id: string;
  readonly operator: {
    readonly name: string;
    readonly value: string;
    readonly shortDisplay: string;
  };
  readonly value: string;
}

/**
 * Layout and naming hints for the console editor; not executed. Console exports also carry the
 * flow's `name`, `description`, `type` (`contactFlow`, `customerQueue`…), `status` and
 * `Annotations`; any other key is kept as it is.
 */
export interface FlowMetadata {
  readonly entryPointPosition?: Position;
  readonly ActionMetadata?: { readonly [identifier: string]: ActionMetadataEntry };
  readonly name?: string;
  readonly description?: string;
  readonly type?: string;
  readonly status?: string;
  readonly hash?: unknown;
  readonly Annotations?: readonly unknown[];
  readonly [key: string]: unknown;
}

/**
 * Settings of a flow module (its input and output parameters and named exits), as module
 * exports write them.
 */
export interface FlowSettings {
  readonly InputParameters?: readonly unknown[];
  readonly OutputParameters?: readonly unknown[];
  readonly Transitions?: readonly unknown[];
  readonly [key: string]: unknown;
}

/**
 * A contact flow in the Amazon Connect flow language: the `Content` of `CreateContactFlow`
 * and of Pulumi's `aws.connect.ContactFlow`.
 *
 * @example
 * ```ts
 * const flow: FlowDocument = {
 *   Version: "2019-10-30",
 *   StartAction: "disconnect",
 *   Metadata: { entryPointPosition: { x: 40, y: 40 }, ActionMetadata: {} },
 *   Actions: [{ Identifier: "disconnect", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} }],
 * };
 * ```
 */
export interface FlowDocument {
  readonly Version: typeof flowLanguageVersion;
  readonly StartAction: string;
  /** Absent in flows written by hand for CloudFormation or the CDK; the editor then stacks blocks. */
  readonly Metadata?: FlowMetadata;
  readonly Actions: readonly FlowAction[];
  readonly Settings?: FlowSettings;
}
