import { createHash } from "node:crypto";
import type { Channel } from "@connect-affinity/core";
import { SeededRandom } from "@connect-affinity/core/testing";
import type { Scenario } from "./scenario-schema.js";

/** An agent of the run, generators expanded. */
export interface PlannedAgent {
  readonly username: string;
  readonly id: string;
  readonly routingProfileId?: string;
  readonly slots?: Readonly<Partial<Record<Channel, number>>>;
  /** Status changes, `atMs` after the scenario starts; sorted. */
  readonly schedule: readonly { readonly atMs: number; readonly status: string }[];
  /** The user's tags. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A call of the run, generators expanded. */
export interface PlannedCall {
  readonly contactId: string;
  /** The caller's name from the scenario, or a generated one (`caller-17`). */
  readonly callerName: string;
  /** The number as Connect reports it; absent for chats. */
  readonly customerAddress?: string;
  readonly atMs: number;
  readonly talkTimeMs: number;
  readonly channel: Channel;
  readonly note?: string;
  /** Contact attributes set before the flow starts (the caller's customer key). */
  readonly attributes?: Readonly<Record<string, string>>;
  /** The caller's key in the contact center's own systems, when the scenario gives one. */
  readonly customerKey?: string;
  /** A transfer to another agent after `afterMs` of talk. */
  readonly transfer?: { readonly afterMs: number; readonly toAgentId: string };
}

/** A scenario turned into concrete agents and calls. */
export interface ScenarioPlan {
  readonly scenario: Scenario;
  /** Epoch ms of the scenario's start. */
  readonly startMs: number;
  readonly agents: readonly PlannedAgent[];
  /** In arrival order. */
  readonly calls: readonly PlannedCall[];
}

/**
 * Expands a scenario's generators into agents and calls. Every random choice comes from the
 * scenario's seed, so the same file always gives the same plan.
 */
export function planScenario(scenario: Scenario): ScenarioPlan {
  const random = new SeededRandom(scenario.seed);
  const uniform = (): number => random.nextUint32() / 2 ** 32;
  const agents = planAgents(scenario, uniform);
  const calls = planCalls(scenario, uniform, agents);
  return { scenario, startMs: Date.parse(scenario.start), agents, calls };
}

function planAgents(scenario: Scenario, uniform: () => number): PlannedAgent[] {
  const schedule = (
    changes: readonly { readonly at: number; readonly status: string }[] | undefined,
  ) =>
    [...(changes ?? [])]
      .map((change) => ({ atMs: Math.round(change.at * 1000), status: change.status }))
      .sort((a, b) => a.atMs - b.atMs);
  if (Array.isArray(scenario.agents)) {
    return scenario.agents.map((agent) => ({
      username: agent.username,
      id: agent.id ?? uuidOf(`agent:${agent.username}`),
      ...(agent.routingProfileId === undefined ? {} : { routingProfileId: agent.routingProfileId }),
      ...(agent.slots === undefined ? {} : { slots: agent.slots }),
      schedule: schedule(agent.schedule),
      ...(agent.tags === undefined ? {} : { tags: agent.tags }),
    }));
  }
  const generator = scenario.agents;
  const width = String(generator.count).length;
  return Array.from({ length: generator.count }, (_, index) => {
    const username = `${generator.prefix}-${String(index + 1).padStart(Math.max(width, 3), "0")}`;
    const initial = uniform() < generator.availableRatio ? "Available" : "Offline";
    return {
      username,
      id: uuidOf(`agent:${username}`),
      schedule: [{ atMs: 0, status: initial }, ...schedule(generator.schedule)],
    };
  });
}

function planCalls(
  scenario: Scenario,
  uniform: () => number,
  agents: readonly PlannedAgent[],
): PlannedCall[] {
  const contactId = (index: number): string => uuidOf(`contact:${scenario.seed}:${index}`);
  if (Array.isArray(scenario.calls)) {
    const callers = new Map(scenario.callers.map((caller) => [caller.name, caller]));
    const keyAttribute = scenario.options.customerKeyAttribute;
    return scenario.calls
      .map((call, index) => {
        const caller = callers.get(call.caller);
        // A call names a caller of `callers`, or is a number itself.
        const number = caller === undefined ? call.caller : caller.number;
        const address =
          call.channel === "VOICE" ? number : call.channel === "EMAIL" ? caller?.email : undefined;
        const customerKey = caller?.customerKey;
        const transferTo =
          call.transfer === undefined
            ? undefined
            : agents.find((agent) => agent.username === call.transfer?.to);
        if (call.transfer !== undefined && transferTo === undefined) {
          throw new RangeError(
            `calls[${index}].transfer.to names no agent of the scenario: ${call.transfer.to}`,
          );
        }
        return {
          contactId: contactId(index),
          callerName: caller === undefined ? `caller-${index + 1}` : call.caller,
          ...(address === undefined ? {} : { customerAddress: address }),
          atMs: Math.round(call.at * 1000),
          talkTimeMs: Math.round(call.duration * 1000),
          channel: call.channel,
          ...(call.note === undefined ? {} : { note: call.note }),
          ...(customerKey === undefined ? {} : { customerKey }),
          ...(customerKey === undefined || keyAttribute === undefined
            ? {}
            : { attributes: { [keyAttribute]: customerKey } }),
          ...(call.transfer === undefined || transferTo === undefined
            ? {}
            : {
                transfer: {
                  afterMs: Math.round(call.transfer.after * 1000),
                  toAgentId: transferTo.id,
                },
              }),
        };
      })
      .sort((a, b) => a.atMs - b.atMs);
  }
  const generator = scenario.calls;
  const calls: PlannedCall[] = [];
  const known: { readonly name: string; readonly number: string }[] = [];
  let at = generator.start;
  const end = generator.start + generator.duration;
  // Bounded by the arrival window: each iteration moves `at` forward by a positive gap.
  for (let index = 0; index < 1_000_000; index += 1) {
    // Within a peak the gap is drawn at the peak's rate (a piecewise-constant Poisson process,
    // approximated at the window's edges).
    const { peak } = generator;
    const rate = peak !== undefined && at >= peak.from && at < peak.to ? peak.rate : generator.rate;
    at += -Math.log(1 - uniform()) / rate;
    if (at >= end) break;
    const withheld = uniform() < generator.withheldRatio;
    const returning = !withheld && known.length > 0 && uniform() < generator.returningRatio;
    let caller: { readonly name: string; readonly number: string };
    if (withheld) {
      caller = { name: `withheld-${index + 1}`, number: "anonymous" };
    } else if (returning) {
      caller = known[Math.floor(uniform() * known.length)] as (typeof known)[number];
    } else {
      const subscriber = String(Math.floor(uniform() * 1e8)).padStart(8, "0");
      caller = {
        name: `caller-${known.length + 1}`,
        number: `+${generator.callingCode}90${subscriber}`,
      };
      known.push(caller);
    }
    const { min, max } = generator.talkTime;
    calls.push({
      contactId: contactId(index),
      callerName: caller.name,
      customerAddress: caller.number,
      atMs: Math.round(at * 1000),
      talkTimeMs: Math.round((min + uniform() * (max - min)) * 1000),
      channel: "VOICE",
    });
  }
  return calls;
}

/** A stable UUID-shaped ID (version 4 layout) derived from `text`. */
export function uuidOf(text: string): string {
  const hex = createHash("sha256").update(text).digest("hex");
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
