#!/usr/bin/env node
// The pack-and-consume check: what a stranger gets from `npm install` of the published packages.
//
// 1. builds `@connect-affinity/core` and `@connect-affinity/flow-builder` and packs them with
//    `pnpm pack` (which turns `workspace:*` into real versions, as publishing does), and checks
//    that each tarball holds its README, LICENSE and (core) ADAPTERS.md;
// 2. installs both tarballs with npm into a new project in a temporary directory, with the
//    optional peer dependencies, TypeScript and @types/node from the registry (`--prefer-offline`:
//    npm's cache is enough when it holds them);
// 3. takes every fenced `ts` block of each package's README.md and ADAPTERS.md that directly
//    follows a `<!-- consumer-check -->` line (a README without one fails the check, so marked
//    examples cannot silently disappear), and writes each as an ES module (`.mts`, as written)
//    and as a CommonJS module (`.cts`, its statements after the imports inside an async main, as
//    CommonJS has no top-level await);
// 4. compiles them all with tsc, `strict`, `module`/`moduleResolution` `nodenext`, without
//    skipLibCheck, so the packages' own declarations are checked as a consumer's compiler reads
//    them (`import` conditions for `.mts`, `require` conditions and `.d.cts` for `.cts`);
// 5. runs each compiled example with node: the `.mjs` imports the packages' ESM builds, the `.cjs`
//    requires their CommonJS builds. Any failure exits 1.
//
// Usage: node scripts/consume-packages.mjs [--keep]   (--keep leaves the temporary project)
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const marker = "<!-- consumer-check -->";
const keep = process.argv.includes("--keep");

/** The published packages, and the files each tarball must carry besides `dist/`. */
const packages = [
  { dir: "core", name: "@connect-affinity/core", ships: ["README.md", "LICENSE", "ADAPTERS.md"] },
  { dir: "flow-builder", name: "@connect-affinity/flow-builder", ships: ["README.md", "LICENSE"] },
];

/** What a consumer installs beside the tarballs: core's optional peers, and the compiler. */
const registryPackages = [
  "@aws-sdk/client-connect",
  "@aws-sdk/client-dynamodb",
  "@smithy/node-http-handler",
  "typescript",
  "@types/node",
];

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), "connect-affinity-consume-"));
let failed = false;
try {
  run("pnpm", [
    "turbo",
    "run",
    "build",
    ...packages.map((pkg) => `--filter=${pkg.name}`),
    "--output-logs=errors-only",
  ]);

  const tarballs = join(work, "tarballs");
  mkdirSync(tarballs);
  const packed = packages.map((pkg) => {
    capture("pnpm", ["pack", "--pack-destination", tarballs], join(root, "packages", pkg.dir));
    const prefix = `${pkg.name.replace("@", "").replace("/", "-")}-`;
    const file = readdirSync(tarballs).find((name) => name.startsWith(prefix));
    if (file === undefined) throw new Error(`pnpm pack wrote no ${prefix}*.tgz`);
    const listed = capture("tar", ["-tzf", join(tarballs, file)]).split("\n");
    const missing = pkg.ships.filter((name) => !listed.includes(`package/${name}`));
    if (missing.length > 0) throw new Error(`${file} lacks ${missing.join(", ")}`);
    console.log(`packed ${file} (${listed.filter(Boolean).length} files)`);
    return join(tarballs, file);
  });

  const project = join(work, "project");
  mkdirSync(join(project, "src"), { recursive: true });
  writeFileSync(
    join(project, "package.json"),
    `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true }, null, 2)}\n`,
  );
  const versions = catalogVersions();
  run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--loglevel=error",
      ...packed,
      ...registryPackages.map((name) => `${name}@${versions.get(name) ?? "latest"}`),
    ],
    project,
  );

  const examples = packages.flatMap((pkg) => examplesOf(pkg));
  for (const example of examples) {
    writeFileSync(join(project, "src", `${example.id}.mts`), example.code);
    writeFileSync(join(project, "src", `${example.id}.cts`), asCommonJs(example.code));
  }
  writeFileSync(
    join(project, "tsconfig.json"),
    `${JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          types: ["node"],
          skipLibCheck: false,
          outDir: "out",
          rootDir: "src",
        },
        include: ["src"],
      },
      null,
      2,
    )}\n`,
  );
  run("npx", ["--no-install", "tsc", "-p", "."], project);
  console.log(`tsc (strict, nodenext): ${examples.length * 2} files compiled`);

  for (const example of examples) {
    for (const [format, file] of [
      ["ESM", `${example.id}.mjs`],
      ["CommonJS", `${example.id}.cjs`],
    ]) {
      const result = spawnSync(process.execPath, [join("out", file)], {
        cwd: project,
        encoding: "utf8",
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
        timeout: 60_000,
      });
      const ok = result.status === 0;
      failed ||= !ok;
      console.log(`${ok ? "ok  " : "FAIL"} ${example.source} as ${format}`);
      if (!ok) process.stdout.write(indent(`${result.stdout}${result.stderr}`));
    }
  }
} catch (error) {
  failed = true;
  console.error(`consume check: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(
  `consume check ${failed ? "failed" : "passed"} in ${Math.round((Date.now() - started) / 1000)} s`,
);
process.exit(failed ? 1 : 0);

/** Every marked `ts` block of the package's README.md and ADAPTERS.md. */
function examplesOf(pkg) {
  const found = [];
  for (const document of ["README.md", "ADAPTERS.md"]) {
    let text;
    try {
      text = readFileSync(join(root, "packages", pkg.dir, document), "utf8");
    } catch {
      continue;
    }
    const lines = text.split("\n");
    lines.forEach((line, index) => {
      if (line.trim() !== marker) return;
      let start = index + 1;
      while (lines[start]?.trim() === "") start += 1;
      if (!/^```(ts|typescript)\s*$/.test(lines[start] ?? "")) {
        throw new Error(
          `${pkg.dir}/${document}:${index + 1}: ${marker} is not followed by a \`\`\`ts block`,
        );
      }
      const end = lines.findIndex((candidate, at) => at > start && candidate.startsWith("```"));
      if (end === -1) throw new Error(`${pkg.dir}/${document}:${start + 1}: unclosed code block`);
      const id = `${pkg.dir}-${basename(document, ".md").toLowerCase()}-${start + 1}`;
      found.push({
        id,
        source: `${pkg.dir}/${document}:${start + 1}`,
        code: `${lines.slice(start + 1, end).join("\n")}\n`,
      });
    });
  }
  if (!found.some((example) => example.source.includes("/README.md:"))) {
    throw new Error(`packages/${pkg.dir}/README.md has no example marked ${marker}`);
  }
  return found;
}

/** The example as CommonJS: its imports first, everything else inside an async main. */
function asCommonJs(code) {
  const importDeclaration = /^import\s[^;]*?\sfrom\s+["'][^"']+["'];?[ \t]*\n/gm;
  const imports = code.match(importDeclaration) ?? [];
  const body = code.replace(importDeclaration, "");
  return `${imports.join("")}
async function main(): Promise<void> {
${indent(body)}}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;
}

/** The catalog's version ranges from pnpm-workspace.yaml, by package name. */
function catalogVersions() {
  const text = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  const catalog = text.split(/^catalog:\s*$/m)[1]?.split(/^\S/m)[0] ?? "";
  const entries = [...catalog.matchAll(/^\s+"?([^":\s]+)"?:\s*(\S+)\s*$/gm)];
  return new Map(entries.map(([, name, range]) => [name, range]));
}

function run(command, args, cwd = root) {
  execFileSync(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
}

function capture(command, args, cwd = root) {
  return execFileSync(command, args, { cwd, encoding: "utf8" });
}

function indent(text) {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : `  ${line}`))
    .join("\n");
}
