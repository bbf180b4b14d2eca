import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findWorkspaceRoot } from "../../src/cli/workspace-root.js";
import { type FlowType, isFlowType } from "../../src/index.js";

/** One flow of the corpus, as its manifest describes it. */
export interface RealFlow {
  readonly file: string;
  readonly path: string;
  readonly kind: FlowType;
  readonly text: string;
}

/**
 * The 80 real exported flows the repository is tested against, read at test time from
 * `../shared/reference/real-flows` beside the repository (never copied into it), or
 * `undefined` when that folder is absent, as in a user's clone.
 */
export function realFlows(folder: string = defaultFolder()): readonly RealFlow[] | undefined {
  const manifestPath = join(folder, "manifest.json");
  if (!existsSync(manifestPath)) {
    console.info(
      `Skipping the real-flow corpus tests: ${folder} is absent (it sits beside the repository on the development machine).`,
    );
    return undefined;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    readonly manifest: readonly { readonly file: string; readonly kind: string }[];
  };
  return manifest.manifest.map((entry) => {
    if (!isFlowType(entry.kind)) throw new Error(`${entry.file}: unknown kind ${entry.kind}`);
    const path = join(folder, entry.file);
    return { file: entry.file, path, kind: entry.kind, text: readFileSync(path, "utf8") };
  });
}

function defaultFolder(): string {
  const root = findWorkspaceRoot(fileURLToPath(new URL(".", import.meta.url)));
  return resolve(root, "..", "shared", "reference", "real-flows");
}

/** The corpus's stale export: a transition to an action that is no longer in the flow. */
export const staleExport = "KHamwey__terraform-aws-connect-callcenter__flows_inbound_main.json";

/** The corpus's Lex handler whose bot alias was blanked before it was shared. */
export const blankedLexAlias =
  "aws-samples__amazon-connect-step-by-step-guides-module-library__modules_LexIntegration_SBS_Lex_Integration_Handler.json";
