import { misspeltActionTypes } from "../model/action-catalog.js";
import { flowLanguageVersion } from "../model/flow-document.js";
import { isRecord } from "../model/flow-edges.js";
import { identifierProblem } from "../model/identifier.js";
import { type ActionView, describe } from "./action-view.js";
import type { FlowProblem } from "./flow-problem.js";

/** The most actions one flow may hold. */
export const maxActions = 250;

/** The longest flow content, in characters, the service accepts. */
export const maxContentLength = 256_000;

/** Version, start action, size limits and layout metadata. */
export function documentProblems(
  document: { readonly [key: string]: unknown },
  actionCount: number,
  contentLength: number,
  ids: ReadonlySet<string>,
): FlowProblem[] {
  const problems: FlowProblem[] = [];
  if (document["Version"] !== flowLanguageVersion) {
    problems.push({
      rule: "invalid-version",
      message: `Version must be "${flowLanguageVersion}", not ${JSON.stringify(document["Version"])}`,
    });
  }
  const start = document["StartAction"];
  if (typeof start !== "string" || !ids.has(start)) {
    problems.push({
      rule: "unknown-start-action",
      message: `StartAction ${JSON.stringify(start)} is not the Identifier of an action`,
    });
  }
  if (actionCount > maxActions) {
    problems.push({
      rule: "too-many-actions",
      message: `The flow has ${actionCount} actions; at most ${maxActions} are allowed`,
    });
  }
  if (contentLength > maxContentLength) {
    problems.push({
      rule: "content-too-large",
      message: `The flow content is ${contentLength} characters; at most ${maxContentLength} are allowed`,
    });
  }
  problems.push(...metadataProblems(document["Metadata"]));
  return problems;
}

function metadataProblems(metadata: unknown): FlowProblem[] {
  if (metadata === undefined) return [];
  if (!isRecord(metadata)) {
    return [{ rule: "invalid-document", message: "Metadata must be an object" }];
  }
  const problems: FlowProblem[] = [];
  for (const key of ["EntryPointPosition", "actionMetadata"]) {
    if (key in metadata) {
      problems.push({
        rule: "metadata-key-case",
        message: `Metadata key "${key}" is spelt wrong: the editor reads "entryPointPosition" and "ActionMetadata"`,
      });
    }
  }
  const actionMetadata = metadata["ActionMetadata"];
  if (isRecord(actionMetadata)) {
    for (const [actionId, entry] of Object.entries(actionMetadata)) {
      if (isRecord(entry) && "Position" in entry) {
        problems.push({
          rule: "metadata-key-case",
          actionId,
          message: `ActionMetadata of "${actionId}" has "Position"; the editor reads lower-case "position"`,
        });
      }
    }
  }
  return problems;
}

/** Identifier rules, duplicates, and action types the service would reject. */
export function identityProblems(views: readonly ActionView[]): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const seen = new Set<string>();
  for (const view of views) {
    const raw: unknown = view.action.Identifier;
    if (typeof raw !== "string") {
      problems.push({
        rule: "invalid-identifier",
        actionId: view.id,
        message: `Action ${view.index} has no string Identifier`,
      });
    } else {
      const problem = identifierProblem(raw);
      if (problem !== undefined) {
        problems.push({
          rule: "invalid-identifier",
          actionId: view.id,
          message: `Identifier "${raw}" ${problem}`,
        });
      }
      if (seen.has(raw)) {
        problems.push({
          rule: "duplicate-identifier",
          actionId: view.id,
          message: `Identifier "${raw}" is used by more than one action`,
        });
      }
      seen.add(raw);
    }
    if (view.spec === undefined) {
      const suggestion = misspeltActionTypes[view.type];
      problems.push({
        rule: "unknown-action-type",
        actionId: view.id,
        message:
          suggestion === undefined
            ? `${describe(view)} has a type this validator does not know`
            : `${describe(view)}: the service rejects "${view.type}"; the type is "${suggestion}"`,
      });
    } else if (!view.spec.inbound) {
      problems.push({
        rule: "not-in-inbound-flow",
        actionId: view.id,
        message: `${describe(view)} is not allowed in an inbound flow; end with a transfer or a disconnect`,
      });
    }
  }
  return problems;
}
