// Rewrites the README's environment table from the built manifest (`pnpm build` first):
// `pnpm --filter @connect-affinity/handlers docs`. test/manifest.test.ts fails when they differ.
import { readFileSync, writeFileSync } from "node:fs";
import { environmentTable } from "../dist/manifest.js";

const readmeUrl = new URL("../README.md", import.meta.url);
const begin = "<!-- environment-table:begin -->";
const end = "<!-- environment-table:end -->";

const readme = readFileSync(readmeUrl, "utf8");
const from = readme.indexOf(begin);
const to = readme.indexOf(end);
if (from === -1 || to < from) {
  throw new Error(`README.md has no ${begin} … ${end} block to fill`);
}
const next = `${readme.slice(0, from + begin.length)}\n${environmentTable()}\n${readme.slice(to)}`;
writeFileSync(readmeUrl, next);
console.log(next === readme ? "README.md: table already current" : "README.md: table rewritten");
