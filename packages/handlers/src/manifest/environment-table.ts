import {
  deployedFunctions,
  type FunctionId,
  functionIds,
  routerFunctionIds,
} from "./deployed-functions.js";
import { declarationOf, variableNames } from "./environment-variables.js";
import { allowedValues } from "./variable-types.js";

/**
 * The README's table of environment variables, rendered from the declarations (a test keeps
 * the README equal to it): variable, who reads it, who needs it, allowed values, default and
 * meaning. Columns are padded so the Markdown source reads as a table too.
 *
 * @example
 * ```ts
 * import { environmentTable } from "@connect-affinity/handlers/manifest";
 * console.log(environmentTable());
 * ```
 */
export function environmentTable(): string {
  const rows = variableNames.map((name) => {
    const declaration = declarationOf(name);
    return [
      `\`${name}\``,
      functionsText(declaration.readBy),
      declaration.requiredBy === undefined ? "" : functionsText(declaration.requiredBy),
      allowedValues(declaration.type),
      defaultText(declaration.default, declaration.defaultBy, declaration.whenUnset),
      declaration.description,
    ];
  });
  return table(["Variable", "Read by", "Required by", "Allowed", "Default", "Meaning"], rows);
}

function functionsText(functions: readonly FunctionId[]): string {
  const covers = (all: readonly FunctionId[]): boolean =>
    all.length === functions.length && all.every((fn) => functions.includes(fn));
  if (covers(functionIds)) return "all";
  if (covers(routerFunctionIds)) return "all but `agent-events`";
  return functionIds
    .filter((fn) => functions.includes(fn))
    .map((fn) => `\`${deployedFunctions[fn].name}\``)
    .join(", ");
}

function defaultText(
  value: string | undefined,
  by: string | undefined,
  whenUnset: string | undefined,
): string {
  if (value === undefined) return whenUnset ?? "";
  return `\`${value}\`${by === undefined ? "" : ` (${by})`}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // Width in code points, so "–" and "≤" count as one column as an editor shows them.
  const width = (text: string): number => [...text].length;
  const widths = header.map((title, column) =>
    Math.max(width(title), ...rows.map((row) => width(row[column] ?? ""))),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell + " ".repeat((widths[column] ?? 0) - width(cell))).join(" | ")} |`;
  const rule = `| ${widths.map((size) => "-".repeat(size)).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}
