import * as pulumi from "@pulumi/pulumi";
import type { ConfigSource } from "./stack-config.js";

/**
 * The stack's configuration as a {@link ConfigSource}. Secret keys are read raw (so a missing
 * one can be told from a set one, which `Config.getSecret` cannot) together with whether the
 * stack holds them encrypted: Pulumi lists the keys set with `--secret` in
 * `PULUMI_CONFIG_SECRET_KEYS`, which its runtime reads with `isConfigSecret`.
 */
export function pulumiConfigSource(project: string = pulumi.getProject()): ConfigSource {
  const config = new pulumi.Config(project);
  return {
    get: (key) => config.get(key),
    secret: (key) => {
      const fullKey = `${project}:${key}`;
      const value = pulumi.runtime.getConfig(fullKey);
      return value === undefined ? undefined : { value, encrypted: isConfigSecret(fullKey) };
    },
  };
}

/** The runtime's own check (exported by `@pulumi/pulumi/runtime`, not in its typings). */
function isConfigSecret(fullKey: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };
  if (runtime.isConfigSecret === undefined) {
    throw new Error(
      "This @pulumi/pulumi cannot tell secret config from plain: use the version this package pins",
    );
  }
  return runtime.isConfigSecret(fullKey);
}
