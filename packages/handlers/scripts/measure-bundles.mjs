// Measures each built bundle: its size on disk, its gzip size (about what the deployment
// package costs) and the time a fresh Node process takes to import it (the module-loading
// part of a cold start; the median of several runs). Run `pnpm build` first.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { bundles } from "../bundles.js";

const runs = Number(process.argv[2] ?? 7);

function importMilliseconds(file) {
  const script = [
    "const start = performance.now();",
    `await import(${JSON.stringify(pathToFileURL(file).href)});`,
    "process.stdout.write(String(performance.now() - start));",
  ].join("\n");
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`importing ${file} failed: ${result.stderr}`);
  return Number(result.stdout);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

console.log(`Node ${process.version}, ${runs} runs per bundle`);
console.log("| Bundle | Size | Gzipped | Import time (median) |");
console.log("|---|---:|---:|---:|");
for (const [name, file] of Object.entries(bundles)) {
  const size = statSync(file).size;
  const gzipped = gzipSync(readFileSync(file)).length;
  const times = Array.from({ length: runs }, () => importMilliseconds(file));
  const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
  console.log(
    `| \`${name}\` (\`${file.split("/").pop()}\`) | ${kb(size)} | ${kb(gzipped)} | ${median(times).toFixed(0)} ms |`,
  );
}
