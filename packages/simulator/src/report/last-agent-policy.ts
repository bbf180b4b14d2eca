import type { Channel } from "@connect-affinity/core";
import { isWithheld } from "./withheld-number.js";

/** What a policy reads of a call: who the customer is, and how the conversation goes. */
export interface PolicyCall {
  readonly channel: Channel;
  /** The number (voice) or address (email) as Connect reports it; absent for chats. */
  readonly customerAddress?: string;
  /** The caller's key in the contact center's systems, when the flow passes one. */
  readonly customerKey?: string;
  readonly talkTimeMs: number;
  readonly transfer?: { readonly afterMs: number; readonly toAgentId: string };
}

/** An agent as the ledger names them. */
export interface PolicyAgent {
  readonly id: string;
  readonly username: string;
}

/**
 * The ground truth of "last agent" follows the deployment's policy, not merely who answered:
 * who the customer is (their keys: the customer key the flow passes, the number or the email
 * address, per channel with the channel scope), and whom a conversation credits (a minimum
 * talk time, a transfer's finishing or first agent, agents who opted out). The reports judge
 * the system against it.
 */
export interface LastAgentPolicy {
  /** The keys the call's customer is known by; none for an anonymous caller. */
  keysOf(call: PolicyCall): readonly string[];
  /** The agent the call credits once `answered` took it; undefined: nobody gains affinity. */
  creditedAgent(call: PolicyCall, answered: PolicyAgent): PolicyAgent | undefined;
}

/**
 * The policy of a deployment with the defaults: a caller is their number, and whoever answers
 * is their agent from then on.
 */
export const answeringAgentPolicy: LastAgentPolicy = {
  keysOf: (call) =>
    call.customerAddress === undefined || isWithheld(call.customerAddress)
      ? []
      : [call.customerAddress],
  creditedAgent: (_call, answered) => answered,
};

/** What {@link scenarioPolicy} is built from. */
export interface PolicySettings {
  /** The identity sources in order; default all three. */
  readonly identitySources?: readonly string[];
  /** Whether the flow passes the customer key (else the system cannot know it). */
  readonly customerKeyPassed: boolean;
  readonly scope?: string;
  readonly minimumTalkSeconds?: number;
  readonly transferCredit?: string;
  /** Agents who opted out of sticky routing, by user ID. */
  readonly optedOut: ReadonlySet<string>;
  /** Every agent, by user ID (for a transfer's target). */
  readonly agents: ReadonlyMap<string, PolicyAgent>;
}

/** The policy a scenario deploys (see {@link LastAgentPolicy}). */
export function scenarioPolicy(settings: PolicySettings): LastAgentPolicy {
  const sources = settings.identitySources ?? ["customer-key", "phone", "email"];
  const minimumMs = (settings.minimumTalkSeconds ?? 0) * 1000;
  const firstOnly = settings.transferCredit === "first";
  const eligible = (agent: PolicyAgent, talkMs: number): boolean =>
    !settings.optedOut.has(agent.id) && talkMs >= minimumMs;
  return {
    keysOf: (call) => {
      const keys = sources.flatMap((source) => {
        if (source === "customer-key") {
          return settings.customerKeyPassed && call.customerKey !== undefined
            ? [`customer:${call.customerKey}`]
            : [];
        }
        const address = call.customerAddress;
        if (address === undefined) return [];
        // An email address has no digits: only a number can be withheld.
        if (source === "phone" && call.channel !== "EMAIL" && !isWithheld(address)) {
          return [address];
        }
        if (source === "email" && call.channel === "EMAIL")
          return [`email:${address.toLowerCase()}`];
        return [];
      });
      return settings.scope === "channel" ? keys.map((key) => `${key}#${call.channel}`) : keys;
    },
    creditedAgent: (call, answered) => {
      const { transfer } = call;
      if (transfer === undefined) {
        return eligible(answered, call.talkTimeMs) ? answered : undefined;
      }
      const first = eligible(answered, transfer.afterMs) ? answered : undefined;
      const target = settings.agents.get(transfer.toAgentId);
      if (firstOnly || target === undefined) return first;
      // The finishing agent when their part earns it, else the one before them.
      return eligible(target, call.talkTimeMs - transfer.afterMs) ? target : first;
    },
  };
}
