import type { CallerKeys } from "@connect-affinity/handlers/secrets";
import { AdminError } from "./admin-error.js";
import { type ResolvedCaller, resolveCaller } from "./caller-keys.js";
import { exitCodes } from "./exit-codes.js";
import type { Workspace } from "./workspace.js";

/** A Connect user ID (what core accepts in a pin or an exclusion). */
const agentIdPattern = /^[A-Za-z0-9_-]{1,256}$/;

/** The customer a preference command changes, and where their pin and exclusions live. */
export interface PreferenceTarget {
  readonly caller: ResolvedCaller;
  /**
   * The key a new pin or exclusion is written under: the identity's key under the current
   * secret (its raw form without one), as `route` reads it; a stored key as given.
   */
  readonly writeKey: string;
}

/** Reads KEY as `lookup` does (see `resolveCaller`). */
export async function preferenceTarget(
  workspace: Workspace,
  key: string,
): Promise<PreferenceTarget> {
  const keys: CallerKeys = await workspace.callerKeys();
  const caller = resolveCaller(key, keys, workspace.settings.defaultCallingCode);
  const [first] = caller.keys;
  if (first === undefined) throw new Error("resolveCaller answered no key");
  return { caller, writeKey: first.key };
}

/**
 * Before a pin or an exclusion is written under the current key during a rotation: when the
 * current key holds nothing and the previous one holds the customer's record, the record moves
 * first (as `rekey` would move it). Otherwise the new item under the current key would hide the
 * customer's history under the previous key from `route`, which reads the previous key only
 * when the current one holds nothing.
 */
export async function adoptPreviousRecord(
  workspace: Workspace,
  target: PreferenceTarget,
): Promise<void> {
  if (target.caller.keys[0]?.filedBy !== "current key") return;
  if ((await workspace.store.find(target.writeKey)) !== undefined) return;
  for (const candidate of target.caller.keys.slice(1)) {
    if ((await workspace.store.find(candidate.key)) === undefined) continue;
    await workspace.store.rekeyRecord(candidate.key, target.writeKey);
    return;
  }
}

/**
 * An AGENT argument: a Connect user ID, or the agent ARN (`…/instance/ID/agent/USER`).
 *
 * @throws AdminError (exit 2) for anything else, saying where to find the ID.
 */
export function agentIdOf(agent: string): string {
  const text = agent.trim();
  const agentId = text.includes("/agent/") ? text.slice(text.lastIndexOf("/") + 1) : text;
  if (!agentIdPattern.test(agentId)) {
    throw new AdminError(
      exitCodes.usage,
      `"${agent.slice(0, 80)}" is not a Connect user ID or agent ARN (find it with aws connect list-users --instance-id …).`,
    );
  }
  return agentId;
}

/**
 * The agent ARN a pin stores (the flow offers it when the directory cannot be read): the AGENT
 * argument when it is one, else built from the instance ARN.
 *
 * @throws AdminError (exit 3) for a user ID with no instance ARN to build on.
 */
export function agentArnOf(
  agent: string,
  agentId: string,
  instanceArn: string | undefined,
): string {
  const text = agent.trim();
  if (text.startsWith("arn:") && text.includes("/agent/")) return text;
  const instance = instanceArn?.trim().replace(/\/+$/, "");
  if (
    instance === undefined ||
    !/^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[A-Za-z0-9-]+$/.test(instance)
  ) {
    throw new AdminError(
      exitCodes.configuration,
      `A pin stores the agent's ARN: give AGENT as the agent ARN, or pass --instance-arn (the Connect instance ARN), --stack-outputs FILE, or set CONNECT_INSTANCE_ID to the instance ARN.`,
    );
  }
  return `${instance}/agent/${agentId}`;
}
