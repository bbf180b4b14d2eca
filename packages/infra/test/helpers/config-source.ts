import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { ConfigSource } from "../../src/stack-config.js";

const packageDirectory = new URL("../../", import.meta.url);

/**
 * A config source holding `values` (plain) and `secrets` (set with `--secret`), as a stack
 * file would. A secret key under `values` reads as stored in plain text.
 */
export function fakeConfig(
  values: Readonly<Record<string, string>>,
  secrets: Readonly<Record<string, string>> = {},
): ConfigSource {
  return {
    get: (key) => values[key],
    secret: (key) => {
      const secret = secrets[key];
      if (secret !== undefined) return { value: secret, encrypted: true };
      const plain = values[key];
      return plain === undefined ? undefined : { value: plain, encrypted: false };
    },
  };
}

/** The project's declared config keys with their defaults, from Pulumi.yaml. */
export function projectConfigDefaults(): Record<string, string> {
  const project = parse(readFileSync(new URL("Pulumi.yaml", packageDirectory), "utf8")) as {
    config: Record<string, { default?: unknown }>;
  };
  return Object.fromEntries(
    Object.entries(project.config).map(([key, declaration]) => [key, String(declaration.default)]),
  );
}

/**
 * The project's own config values of a committed stack file (`Pulumi.<stack>.yaml`), as the
 * strings Pulumi hands the program.
 */
export function stackFileValues(stack: string): Record<string, string> {
  const file = parse(readFileSync(new URL(`Pulumi.${stack}.yaml`, packageDirectory), "utf8")) as {
    config: Record<string, unknown>;
  };
  const prefix = "connect-affinity:";
  return Object.fromEntries(
    Object.entries(file.config)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), String(value)]),
  );
}
