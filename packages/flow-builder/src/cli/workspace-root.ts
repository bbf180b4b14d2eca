import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The nearest directory at or above `from` that holds `pnpm-workspace.yaml`: the repository
 * root, wherever the package was started from. Falls back to `from` outside a workspace.
 */
export function findWorkspaceRoot(from: string): string {
  let directory = from;
  for (;;) {
    if (existsSync(join(directory, "pnpm-workspace.yaml"))) return directory;
    const parent = dirname(directory);
    if (parent === directory) return from;
    directory = parent;
  }
}
