import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { type Channel, channels } from "../domain/agent.js";
import type { AgentAvailability } from "../domain/agent-availability.js";
import type { AgentEventType } from "../domain/agent-event.js";
import { agentEventTypes } from "../domain/agent-event.js";
import type { AgentPresenceState } from "../domain/agent-presence-state.js";
import type { DynamoDbItem } from "./affinity-item.js";

/** A presence item as read back: what the route needs, and how old it is. */
export interface StoredPresence {
  readonly agentId: string;
  readonly availability: AgentAvailability;
  readonly eventType: AgentEventType;
  readonly eventAt: number;
}

/** Reads a presence item, or `undefined` when a field is missing or mistyped. */
export function parsePresenceItem(item: DynamoDbItem): StoredPresence | undefined {
  const {
    agentId,
    routable,
    slots,
    idleSince,
    eventType,
    eventAt,
    reservedUntil,
    reservedBy,
    reservedAt,
  } = item;
  const at = numberOf(eventAt);
  const type = eventType?.S;
  if (
    agentId?.S === undefined ||
    routable?.BOOL === undefined ||
    slots?.M === undefined ||
    at === undefined ||
    !agentEventTypes.some((known) => known === type)
  ) {
    return undefined;
  }
  const availableSlots: Partial<Record<Channel, number>> = {};
  for (const channel of channels) {
    const count = numberOf(slots.M[channel]);
    if (count !== undefined) {
      availableSlots[channel] = count;
    }
  }
  const idle = numberOf(idleSince);
  const heldUntil = numberOf(reservedUntil);
  const heldBy = reservedBy?.S;
  const heldSince = numberOf(reservedAt);
  return {
    agentId: agentId.S,
    availability: {
      routable: routable.BOOL,
      availableSlots,
      ...(idle === undefined ? {} : { idleSince: idle }),
      // A router's reservation (`DynamoDbAgentPresence.reserve`); the consumer never writes it.
      ...(heldUntil === undefined || heldBy === undefined
        ? {}
        : {
            reservedUntil: heldUntil,
            reservedBy: heldBy,
            ...(heldSince === undefined ? {} : { reservedAt: heldSince }),
          }),
    },
    eventType: type as AgentEventType,
    eventAt: at,
  };
}

/**
 * The routing facts of a presence state as one short string (`stateSig`): routable, listed,
 * idle, and free slots per channel (e.g. `r1l1i1V1`). A writer compares it with the stored one
 * to tell whether an unchanged state may just have its times refreshed.
 */
export function presenceSignature(state: AgentPresenceState): string {
  const listed = state.listed === undefined ? "-" : state.listed ? "1" : "0";
  let signature = `r${state.routable ? 1 : 0}l${listed}i${state.idle === undefined ? 0 : 1}`;
  for (const channel of channels) {
    const count = state.availableSlots[channel];
    if (count !== undefined) signature += `${channel.charAt(0)}${count}`;
  }
  return signature;
}

/** The `M` attribute that holds free slots per channel. */
export function slotsAttribute(
  slots: Readonly<Partial<Record<Channel, number>>>,
): Record<string, AttributeValue> {
  const map: Record<string, AttributeValue> = {};
  for (const channel of channels) {
    const count = slots[channel];
    if (count !== undefined) {
      map[channel] = { N: String(count) };
    }
  }
  return map;
}

function numberOf(value: AttributeValue | undefined): number | undefined {
  if (value?.N === undefined) return undefined;
  const parsed = Number(value.N);
  return Number.isFinite(parsed) ? parsed : undefined;
}
