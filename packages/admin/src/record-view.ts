import type { AffinityRecord } from "@connect-affinity/core";
import { keyParts, shortKey } from "./caller-keys.js";
import { isoTime, plural } from "./format.js";

/**
 * When a record's history stops counting (epoch seconds): its latest agent's expiry, or
 * `undefined` for a record that holds only a pin or exclusions (kept until they are removed).
 */
export function historyExpiresAt(record: AffinityRecord): number | undefined {
  return record.agents[0]?.expiresAt;
}

/** A record as JSON output shows it: keys shortened, times in ISO 8601. */
export function recordJson(record: AffinityRecord, now: number): Record<string, unknown> {
  const expiresAt = historyExpiresAt(record);
  const { scope } = keyParts(record.callerKey);
  return {
    callerKey: shortKey(record.callerKey),
    scope: scope ?? "global",
    agentId: record.agents[0]?.agentId,
    agents: record.agents.map((agent) => ({
      agentId: agent.agentId,
      lastServedAt: isoTime(agent.lastServedAt),
      contacts: agent.count,
      expiresAt: isoTime(agent.expiresAt * 1000),
      ...(agent.agentUnverified === true ? { unverified: true } : {}),
    })),
    lastContactId: record.lastContact?.contactId,
    lastContactAt: isoTime(record.lastContact?.at),
    contactCount: record.contactCount,
    pin:
      record.pin === undefined
        ? undefined
        : {
            agentId: record.pin.agentId,
            pinnedAt: isoTime(record.pin.pinnedAt),
            until: isoTime(record.pin.until),
          },
    excludedAgentIds: record.excludedAgentIds,
    expiresAt: isoTime(expiresAt === undefined ? undefined : expiresAt * 1000),
    expired: expiresAt !== undefined && expiresAt * 1000 <= now,
  };
}

/** A record's history, pin and exclusions on one line ("agents a (2), b; pinned to c"). */
export function recordSummary(record: AffinityRecord): string {
  const parts = [
    record.agents.length === 0
      ? "no agent"
      : `${plural(record.agents.length, "agent")} ${record.agents
          .map((agent) => `${agent.agentId} (${agent.count})`)
          .join(", ")}`,
    ...(record.contactCount > 0 ? [plural(record.contactCount, "contact")] : []),
    ...(record.pin === undefined ? [] : [`pinned to ${record.pin.agentId}`]),
    ...(record.excludedAgentIds.length === 0
      ? []
      : [`excludes ${record.excludedAgentIds.join(", ")}`]),
  ];
  return parts.join("; ");
}

/** A record as `lookup` shows it, label and value per row. */
export function recordRows(
  record: AffinityRecord,
  filedBy: string,
  now: number,
): readonly (readonly [string, string])[] {
  const { scope } = keyParts(record.callerKey);
  const expiresAt = historyExpiresAt(record);
  const { pin, lastContact } = record;
  return [
    [
      "  key",
      `${shortKey(record.callerKey)} (${filedBy}${scope === undefined ? "" : `, ${scope.replace(":", " ")}`})`,
    ],
    ...record.agents.map(
      (agent, index) =>
        [
          index === 0 ? "  agent" : "  earlier agent",
          `${agent.agentId}: last ${isoTime(agent.lastServedAt)}, ${plural(agent.count, "contact")}, counts until ${isoTime(agent.expiresAt * 1000)}${agent.expiresAt * 1000 <= now ? " (expired)" : ""}`,
        ] as const,
    ),
    ...(lastContact === undefined
      ? []
      : [["  last contact", `${lastContact.contactId} at ${isoTime(lastContact.at)}`] as const]),
    ...(record.contactCount > 0 ? [["  contacts", String(record.contactCount)] as const] : []),
    ...(pin === undefined
      ? []
      : [
          [
            "  pinned to",
            `${pin.agentId} since ${isoTime(pin.pinnedAt)}${pin.until === undefined ? "" : ` until ${isoTime(pin.until)}${pin.until <= now ? " (ended)" : ""}`}`,
          ] as const,
        ]),
    ...(record.excludedAgentIds.length === 0
      ? []
      : [["  never offered", record.excludedAgentIds.join(", ")] as const]),
    [
      "  expires",
      pin !== undefined || record.excludedAgentIds.length > 0
        ? "kept while a pin or exclusion holds it"
        : expiresAt === undefined
          ? "-"
          : `${isoTime(expiresAt * 1000)}${expiresAt * 1000 <= now ? " (expired, not yet swept)" : ""}`,
    ],
  ];
}
