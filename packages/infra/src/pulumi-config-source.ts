import * as pulumi from "@pulumi/pulumi";
import type { ConfigSource } from "./stack-config.js";

/**
 * The stack's configuration as a {@link ConfigSource}. Secrets are read raw and wrapped with
 * `pulumi.secret`, because `Config.getSecret` always answers an output and so cannot tell a
 * missing secret from a set one.
 */
export function pulumiConfigSource(project: string = pulumi.getProject()): ConfigSource {
  const config = new pulumi.Config(project);
  return {
    get: (key) => config.get(key),
    getSecret: (key) => {
      const value = pulumi.runtime.getConfig(`${project}:${key}`);
      return value === undefined ? undefined : pulumi.secret(value);
    },
  };
}
