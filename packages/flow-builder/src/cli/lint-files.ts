import { readFile } from "node:fs/promises";
import type { FlowType } from "../model/flow-type.js";
import { FlowParseError } from "../parse/flow-parse-error.js";
import { readFlowSource } from "../parse/parse-flow.js";
import type { FlowProblem } from "../validation/flow-problem.js";
import { validateFlow } from "../validation/validate-flow.js";
import type { ValidationProfile } from "../validation/validation-options.js";

/** What `lint` found in one file. */
export type LintResult =
  | {
      readonly file: string;
      readonly status: "checked";
      readonly flowType: FlowType;
      readonly profile: ValidationProfile;
      readonly problems: readonly FlowProblem[];
    }
  | { readonly file: string; readonly status: "unreadable"; readonly error: string };

/**
 * Validates each file as the flow type it declares (`--type` wins, then a wrapper's `Type` or
 * the console's `Metadata.type`, then `CONTACT_FLOW`). A file that cannot be read or holds no
 * flow document is reported as unreadable; the others are checked whatever their content.
 */
export async function lintFiles(
  files: readonly string[],
  options: { readonly flowType?: FlowType; readonly profile: ValidationProfile },
): Promise<readonly LintResult[]> {
  const results: LintResult[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      results.push({ file, status: "unreadable", error: messageOf(error) });
      continue;
    }
    try {
      const source = readFlowSource(text);
      const flowType = options.flowType ?? source.flowType ?? "CONTACT_FLOW";
      results.push({
        file,
        status: "checked",
        flowType,
        profile: options.profile,
        problems: validateFlow(source.document, { profile: options.profile, flowType }),
      });
    } catch (error) {
      if (!(error instanceof FlowParseError)) throw error;
      results.push({ file, status: "unreadable", error: error.message });
    }
  }
  return results;
}

/** The exit code of a lint run: 2 if any file was unreadable, else 1 if any had problems, else 0. */
export function lintExitCode(results: readonly LintResult[]): 0 | 1 | 2 {
  if (results.some((result) => result.status === "unreadable")) return 2;
  return results.some((result) => result.status === "checked" && result.problems.length > 0)
    ? 1
    : 0;
}

/** One line per problem, naming the file, the rule and the action; one line per clean file. */
export function lintReport(
  results: readonly LintResult[],
  display: (file: string) => string,
): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = display(result.file);
    if (result.status === "unreadable") {
      lines.push(`${file}: unreadable: ${result.error}`);
      continue;
    }
    const as = `${result.profile} profile, ${result.flowType}`;
    if (result.problems.length === 0) {
      lines.push(`${file}: ok (${as})`);
      continue;
    }
    lines.push(`${file}: ${result.problems.length} problem(s) (${as})`);
    for (const problem of result.problems) {
      lines.push(
        `  ${problem.actionId === undefined ? "(flow)" : problem.actionId}  [${problem.rule}] ${problem.message}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The message of a thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
