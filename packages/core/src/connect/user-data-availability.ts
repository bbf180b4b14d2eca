import type { UserData } from "@aws-sdk/client-connect";
import { type Channel, channels } from "../domain/agent.js";
import type { AgentAvailability } from "../domain/agent-availability.js";

/**
 * What one `GetCurrentUserData` entry says about an agent.
 *
 * - `routable`: the status name is one of `routableStatusNames` (Connect reports the display
 *   name, such as "Available", not the status type) and no `NextStatus` is pending: an agent
 *   who chose "Break" while on a call is leaving, not arriving.
 * - `availableSlots`: `AvailableSlotsByChannel`, for the channels core knows.
 * - `idleSince`: the status start, when the agent has no contact at all (not even one in
 *   after-contact work), because only then has the agent been idle since that moment.
 */
export function availabilityOf(
  userData: UserData,
  routableStatusNames: ReadonlySet<string>,
): AgentAvailability {
  const statusName = userData.Status?.StatusName;
  const nextStatus = userData.NextStatus;
  const routable =
    statusName !== undefined &&
    routableStatusNames.has(statusName) &&
    (nextStatus === undefined || nextStatus === "");
  const availableSlots: Partial<Record<Channel, number>> = {};
  for (const channel of channels) {
    const slots = userData.AvailableSlotsByChannel?.[channel];
    if (typeof slots === "number" && Number.isFinite(slots) && slots >= 0) {
      availableSlots[channel] = slots;
    }
  }
  const statusStart = userData.Status?.StatusStartTimestamp?.getTime();
  const idle = (userData.Contacts ?? []).length === 0;
  return idle && statusStart !== undefined && Number.isFinite(statusStart)
    ? { routable, availableSlots, idleSince: statusStart }
    : { routable, availableSlots };
}
