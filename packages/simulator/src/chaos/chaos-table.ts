import type { ChaosRow } from "./run-chaos.js";

/**
 * The matrix as a Markdown table: fault, handler (and the bad event it was given), whether it
 * answered within its budget (with the time it took), what it answered, and anything lost.
 */
export function chaosTable(rows: readonly ChaosRow[]): string {
  const header = ["Fault", "Handler", "Within budget", "Outcome", "Anything lost"];
  const body = rows.map((row) => [
    row.fault,
    row.event === undefined ? row.handler : `${row.handler} (${row.event})`,
    `${row.withinBudget ? "yes" : "NO"}, ${(row.ms / 1000).toFixed(2)} s of ${row.budgetMs / 1000} s`,
    row.outcome,
    row.lost,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => (cells[column] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [
    line(header),
    `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`,
    ...body.map(line),
  ].join("\n");
}
