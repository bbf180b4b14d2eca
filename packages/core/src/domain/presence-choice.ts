import type { AgentAvailability } from "../ports/agent-presence.js";
import type { Agent, Channel } from "./agent.js";

/**
 * Whether an agent can be offered a contact on `channel` now: their status is routable and
 * they have a free slot on that channel. Unknown presence (`undefined`) counts as "no", because
 * a presence source that answered without the agent means the agent is not available.
 *
 * @example
 * ```ts
 * canTakeContact({ routable: true, availableSlots: { VOICE: 1 } }, "VOICE"); // true
 * ```
 */
export function canTakeContact(
  availability: AgentAvailability | undefined,
  channel: Channel,
): boolean {
  if (availability === undefined || !availability.routable) return false;
  const slots = availability.availableSlots[channel];
  return slots !== undefined && slots > 0;
}

/**
 * The outcome of looking at one window of candidates with known presence.
 *
 * - `available`: `agent` can take the contact. `inOrder` is `true` when it is the first such
 *   agent of the window (every agent before it is known busy), `false` when the `longest-idle`
 *   strategy took it out of rank order.
 * - `all-busy`: nobody in the window can take the contact.
 */
export type WindowChoice =
  | { readonly kind: "available"; readonly agent: Agent; readonly inOrder: boolean }
  | { readonly kind: "all-busy" };

/**
 * Chooses from a window of candidates (in candidate order) the one to offer: the first who can
 * take the contact, or with `preferLongestIdle` the one idle longest among those who can (ties
 * and agents without `idleSince` keep candidate order).
 *
 * @example
 * ```ts
 * const choice = chooseAvailable(window, lookup.agents, "VOICE", strategy === "longest-idle");
 * ```
 */
export function chooseAvailable(
  window: readonly Agent[],
  availability: ReadonlyMap<string, AgentAvailability>,
  channel: Channel,
  preferLongestIdle: boolean,
): WindowChoice {
  let first: Agent | undefined;
  let idlest: Agent | undefined;
  let idlestSince = Number.POSITIVE_INFINITY;
  for (const agent of window) {
    const state = availability.get(agent.id);
    if (!canTakeContact(state, channel)) continue;
    first ??= agent;
    if (!preferLongestIdle) break;
    const since = state?.idleSince;
    if (since !== undefined && since < idlestSince) {
      idlest = agent;
      idlestSince = since;
    }
  }
  if (first === undefined) return { kind: "all-busy" };
  const chosen = idlest ?? first;
  return { kind: "available", agent: chosen, inOrder: chosen === first };
}
