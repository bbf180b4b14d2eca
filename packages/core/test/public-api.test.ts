import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as agentEvents from "../src/agent-events/index.js";
import * as connect from "../src/connect/index.js";
import * as dynamodb from "../src/dynamodb/index.js";
import * as root from "../src/index.js";
import * as testing from "../src/testing/index.js";

const srcDir = fileURLToPath(new URL("../src/", import.meta.url));

/** Every TypeScript file under `src`, as [path relative to src, text]. */
const sources: readonly (readonly [string, string])[] = (
  readdirSync(srcDir, {
    recursive: true,
  }) as string[]
)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => [file, readFileSync(join(srcDir, file), "utf8")] as const);

/** The entry files of the package's subpath exports, by import specifier. */
const entries: Readonly<Record<string, string>> = {
  "@connect-affinity/core": "index.ts",
  "@connect-affinity/core/contract": "contract/index.ts",
  "@connect-affinity/core/dynamodb": "dynamodb/index.ts",
  "@connect-affinity/core/connect": "connect/index.ts",
  "@connect-affinity/core/testing": "testing/index.ts",
  "@connect-affinity/core/agent-events": "agent-events/index.ts",
};

/** Names a file exports, values and types alike, by reading its export statements. */
function exportedNames(file: string): Set<string> {
  const text = readFileSync(join(srcDir, file), "utf8");
  const names = new Set<string>();
  for (const [, list] of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const item of (list ?? "").split(",")) {
      const name = item
        .replace(/^\s*type\s+/, "")
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) names.add(name);
    }
  }
  for (const [, name] of text.matchAll(
    /export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:const|function|class|interface|type|enum)\s+(\w+)/g,
  )) {
    if (name) names.add(name);
  }
  return names;
}

/** The code of every TSDoc `@example` block in `text`, without the leading ` * `. */
function examples(text: string): string[] {
  return [...text.matchAll(/@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g)].map(
    ([, body]) =>
      (body ?? "")
        .split("\n")
        .map((line) => line.replace(/^\s*\* ?/, ""))
        .join("\n"),
  );
}

describe("the public API", () => {
  it("keeps the root entry to the use case: at most 40 runtime values, these ones", () => {
    expect(Object.keys(root).length).toBeLessThanOrEqual(40);
    expect(Object.keys(root).sort()).toEqual([
      "ConnectAffinityError",
      "DirectoryUnavailableError",
      "InvalidCallerKeyError",
      "InvalidCursorError",
      "InvalidOptionError",
      "RosterRefresher",
      "StickyRouter",
      "assignmentFor",
      "callerKey",
      "channels",
      "createAgentRoster",
      "cryptoRandom",
      "customerIdentities",
      "identityKey",
      "logExcerpt",
      "maskEmailAddressesIn",
      "maskPhoneNumber",
      "maskPhoneNumbersIn",
      "maxExcludedAgents",
      "parseCaller",
      "parseEmailAddress",
      "preferredAgentDecisions",
      "recordMessages",
      "rosterRefresherDefaults",
      "stickyRouterDefaults",
      "systemClock",
      "truncateForLog",
    ]);
  });

  it("ships the fakes from ./testing and the event-stream reducer from ./agent-events only", () => {
    expect(Object.keys(testing).sort()).toEqual([
      "InMemoryAffinityStore",
      "InMemoryAgentDirectory",
      "InMemoryAgentIndex",
      "InMemoryAgentPresence",
      "ManualClock",
      "SeededRandom",
    ]);
    expect(Object.keys(agentEvents).sort()).toEqual([
      "agentEventTypes",
      "matchesDirectoryFilter",
      "parseAgentEvent",
      "reduceAgentEvent",
      "reduceAgentEvents",
    ]);
    const adapters = [...Object.keys(dynamodb), ...Object.keys(connect)];
    for (const name of [...Object.keys(agentEvents), ...Object.keys(testing)]) {
      expect(adapters).not.toContain(name);
      expect(Object.keys(root)).not.toContain(name);
    }
  });

  it("re-exports by name only: no export * anywhere", () => {
    const starred = sources.filter(([, text]) => /export\s+\*/.test(text)).map(([file]) => file);
    expect(starred).toEqual([]);
  });

  it("starts every TSDoc example with the import of what it uses, from where it is exported", () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [file, text] of sources) {
      for (const example of examples(text)) {
        checked += 1;
        const imports = [
          ...example.matchAll(/^import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+"([^"]+)";$/gm),
        ];
        if (!example.startsWith("import ")) {
          problems.push(`${file}: an example does not start with an import`);
          continue;
        }
        for (const [, list, specifier] of imports) {
          if (specifier === undefined || specifier.startsWith("@aws-sdk/")) continue;
          const target = specifier.startsWith(".")
            ? relative(srcDir, join(dirname(join(srcDir, file)), specifier)).replace(/\.js$/, ".ts")
            : entries[specifier];
          if (target === undefined) {
            problems.push(`${file}: imports from unknown ${specifier}`);
            continue;
          }
          const exported = exportedNames(target);
          for (const item of (list ?? "").split(",")) {
            const name = item.replace(/^\s*type\s+/, "").trim();
            if (name !== "" && !exported.has(name)) {
              problems.push(`${file}: ${name} is not exported by ${specifier}`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // Every example of the package is read (a broken pattern would check none).
    expect(checked).toBeGreaterThan(40);
  });
});
