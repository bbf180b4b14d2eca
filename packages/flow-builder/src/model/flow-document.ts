import type { FlowAction } from "./flow-action.js";

/** The only `Version` the flow language has. */
export const flowLanguageVersion = "2019-10-30";

/** A point on the console editor's canvas. */
export interface Position {
  readonly x: number;
  readonly y: number;
}

/**
 * Layout hints for the console editor; not executed. The keys are lower camel case: the editor
 * ignores capitalised ones and stacks every block at the origin.
 */
export interface FlowMetadata {
  readonly entryPointPosition: Position;
  readonly ActionMetadata: { readonly [identifier: string]: { readonly position: Position } };
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
  readonly Metadata: FlowMetadata;
  readonly Actions: readonly FlowAction[];
}
