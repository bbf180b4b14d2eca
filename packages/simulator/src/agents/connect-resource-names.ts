import { createHash } from "node:crypto";

/**
 * A UUID-shaped ID derived from `text` (SHA-256, version nibble 5-like), so the same scenario
 * gives the same user, routing profile and queue IDs on every run and every machine.
 */
export function stableId(text: string): string {
  const hex = createHash("sha256").update(text).digest("hex");
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join("-");
}

/** Where a simulated instance lives; ARNs are built from it. */
export interface InstanceLocation {
  readonly instanceId: string;
  readonly region: string;
  readonly accountId: string;
}

/** The resource kinds of a Connect instance that the simulator names, as Connect spells them. */
export type ConnectResourceKind =
  | "user"
  | "agent"
  | "routing-profile"
  | "queue"
  | "agent-group"
  | "agent-state"
  | "contact"
  | "security-profile";

/** `arn:aws:connect:R:A:instance/I`. */
export function instanceArnOf(location: InstanceLocation): string {
  return `arn:aws:connect:${location.region}:${location.accountId}:instance/${location.instanceId}`;
}

/** `arn:aws:connect:R:A:instance/I/KIND/ID`, the format Connect uses for instance resources. */
export function resourceArnOf(
  location: InstanceLocation,
  kind: ConnectResourceKind,
  id: string,
): string {
  return `${instanceArnOf(location)}/${kind}/${id}`;
}

/**
 * The ID at the end of `idOrArn` when it is an ARN of `kind` in this instance, or `idOrArn`
 * itself when it is not an ARN; `undefined` for an ARN of another kind or instance.
 */
export function idFromIdOrArn(
  location: InstanceLocation,
  kinds: readonly ConnectResourceKind[],
  idOrArn: string,
): string | undefined {
  if (!idOrArn.startsWith("arn:")) {
    return idOrArn;
  }
  const prefix = `${instanceArnOf(location)}/`;
  if (!idOrArn.startsWith(prefix)) {
    return undefined;
  }
  const [kind, id, ...rest] = idOrArn.slice(prefix.length).split("/");
  return kinds.some((k) => k === kind) && id !== undefined && id !== "" && rest.length === 0
    ? id
    : undefined;
}
