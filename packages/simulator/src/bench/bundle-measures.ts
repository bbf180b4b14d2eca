import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { BundleMeasure } from "./bench-result.js";
import { median } from "./statistics.js";

/**
 * Size, gzip size and cold-start import time of each handler bundle: the median, over `runs`
 * fresh `node` processes, of the time `import()` of the bundle takes (module loading and
 * top-level code, the part of a Lambda cold start the code controls).
 *
 * @throws Error when a bundle is missing or fails to import.
 */
export function measureBundles(
  bundles: Readonly<Record<string, string>>,
  runs: number,
): BundleMeasure[] {
  return Object.entries(bundles).map(([name, file]) => {
    const content = readFileSync(file);
    const times = Array.from({ length: runs }, () => importMs(file));
    return {
      name,
      bytes: statSync(file).size,
      gzipBytes: gzipSync(content).length,
      importMedianMs: Math.round((median(times) ?? 0) * 10) / 10,
    };
  });
}

function importMs(file: string): number {
  const script = [
    "const started = performance.now();",
    `await import(${JSON.stringify(pathToFileURL(file).href)});`,
    "process.stdout.write(String(performance.now() - started));",
  ].join("\n");
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`Importing ${file} failed: ${result.stderr}`);
  return Number(result.stdout);
}
