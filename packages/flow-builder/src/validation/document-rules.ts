import { isAllowedIn, misspeltActionTypes } from "../model/action-catalog.js";
import { flowLanguageVersion } from "../model/flow-document.js";
import { isRecord } from "../model/flow-edges.js";
import { identifierProblem } from "../model/identifier.js";
import { type ActionView, describe, type RuleContext } from "./action-view.js";

/** The most actions one flow may hold. */
export const maxActions = 250;

/** The longest flow content, in characters, the service accepts. */
export const maxContentLength = 256_000;

/**
 * Version, start action, size limits and (strict) layout metadata.
 *
 * @param contentLength - the flow's JSON length: compact for `service`, as deployed for `strict`.
 */
export function checkDocument(
  document: { readonly [key: string]: unknown },
  actionCount: number,
  contentLength: number,
  ids: ReadonlySet<string>,
  context: RuleContext,
): void {
  if (document["Version"] !== flowLanguageVersion) {
    context.report(
      "invalid-version",
      `Version must be "${flowLanguageVersion}", not ${JSON.stringify(document["Version"])}`,
    );
  }
  const start = document["StartAction"];
  if (typeof start !== "string" || !ids.has(start)) {
    context.report(
      "unknown-start-action",
      `StartAction ${JSON.stringify(start)} is not the Identifier of an action`,
    );
  }
  if (actionCount > maxActions) {
    context.report(
      "too-many-actions",
      `The flow has ${actionCount} actions; at most ${maxActions} are allowed`,
    );
  }
  if (contentLength > maxContentLength) {
    context.report(
      "content-too-large",
      `The flow content is ${contentLength} characters; at most ${maxContentLength} are allowed`,
    );
  }
  const metadata = document["Metadata"];
  if (metadata !== undefined && !isRecord(metadata)) {
    context.report("invalid-document", "Metadata must be an object");
  } else if (metadata !== undefined && context.strict) {
    checkMetadataKeys(metadata, context);
  }
}

function checkMetadataKeys(
  metadata: { readonly [key: string]: unknown },
  context: RuleContext,
): void {
  for (const key of ["EntryPointPosition", "actionMetadata"]) {
    if (key in metadata) {
      context.report(
        "metadata-key-case",
        `Metadata key "${key}" is spelt wrong: the editor reads "entryPointPosition" and "ActionMetadata"`,
      );
    }
  }
  const actionMetadata = metadata["ActionMetadata"];
  if (!isRecord(actionMetadata)) return;
  for (const [actionId, entry] of Object.entries(actionMetadata)) {
    if (isRecord(entry) && "Position" in entry) {
      context.report(
        "metadata-key-case",
        `ActionMetadata of "${actionId}" has "Position"; the editor reads lower-case "position"`,
        actionId,
      );
    }
  }
}

/** Identifier rules, duplicates, types the service does not know, and types the flow type forbids. */
export function checkIdentity(views: readonly ActionView[], context: RuleContext): void {
  const seen = new Set<string>();
  for (const view of views) {
    const raw: unknown = view.action.Identifier;
    if (typeof raw !== "string") {
      context.report(
        "invalid-identifier",
        `Action ${view.index} has no string Identifier`,
        view.id,
      );
    } else {
      const problem = identifierProblem(raw);
      if (problem !== undefined) {
        context.report("invalid-identifier", `Identifier "${raw}" ${problem}`, view.id);
      }
      if (seen.has(raw)) {
        context.report(
          "duplicate-identifier",
          `Identifier "${raw}" is used by more than one action`,
          view.id,
        );
      }
      seen.add(raw);
    }
    if (view.spec === undefined) {
      const suggestion = misspeltActionTypes[view.type];
      context.report(
        "unknown-action-type",
        suggestion === undefined
          ? `${describe(view)} has a type the flow language does not have`
          : `${describe(view)}: the service rejects "${view.type}"; the type is "${suggestion}"`,
        view.id,
      );
    } else if (!isAllowedIn(view.spec, context.flowType)) {
      context.report(
        "not-allowed-in-flow-type",
        `${describe(view)} is not allowed in ${context.flowType} flows (${view.spec.block}; see ${view.spec.page})`,
        view.id,
      );
    }
  }
}
