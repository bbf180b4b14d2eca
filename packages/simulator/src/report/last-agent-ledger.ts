import type { Channel } from "@connect-affinity/core";
import type { RunHooks } from "../instance/simulated-instance.js";
import type { ContactInput } from "../interpreter/contact.js";
import {
  answeringAgentPolicy,
  type LastAgentPolicy,
  type PolicyCall,
} from "./last-agent-policy.js";

/** The caller's last agent when a call arrived, and whether that agent could take it then. */
export interface LastAgentOnArrival {
  readonly agentId: string;
  readonly available: boolean;
}

/**
 * The ground truth of "last agent", kept as the calls happen: the agent each customer key was
 * last credited to by the policy (the history before the run, then every answered call), and
 * for each arriving call whether that agent could take it at that moment. Anonymous callers
 * have no last agent. With the default policy a customer is their number and whoever answers is
 * credited.
 */
export class LastAgentLedger {
  readonly #isAvailable: (agentId: string, channel: Channel) => boolean;
  /** The agent each key was last credited to, and in which order (a counter). */
  readonly #lastAgentOf: Map<string, { readonly agentId: string; readonly order: number }>;
  readonly #onArrival = new Map<string, LastAgentOnArrival>();
  readonly #policy: LastAgentPolicy;
  readonly #callOf: (input: ContactInput) => PolicyCall;
  #order = 0;

  /**
   * @param isAvailable - whether an agent can take a contact on a channel now (the floor).
   * @param history - numbers (keys) and the agent (user ID) who answered them before the run.
   * @param policy - who a customer is and whom a call credits; default: the number, whoever answers.
   * @param callOf - the policy's view of a contact (its customer key, transfer); default the
   *   contact's own channel, address and talk time.
   */
  constructor(
    isAvailable: (agentId: string, channel: Channel) => boolean,
    history: Iterable<readonly [string, string]> = [],
    policy: LastAgentPolicy = answeringAgentPolicy,
    callOf: (input: ContactInput) => PolicyCall = (input) => input,
  ) {
    this.#isAvailable = isAvailable;
    this.#lastAgentOf = new Map(
      [...history].map(([key, agentId]) => [key, { agentId, order: -1 }] as const),
    );
    this.#policy = policy;
    this.#callOf = callOf;
  }

  /** The hooks that keep the ledger during `SimulatedInstance.run`. */
  hooks(): Required<Pick<RunHooks, "onArrive" | "onConnected">> {
    return {
      onArrive: (execution) => {
        const { contactId, channel } = execution.input;
        const agentId = this.lastAgentOf(this.#callOf(execution.input));
        if (agentId !== undefined) {
          this.#onArrival.set(contactId, {
            agentId,
            available: this.#isAvailable(agentId, channel),
          });
        }
      },
      onConnected: (execution, agent) => {
        const call = this.#callOf(execution.input);
        const credited = this.#policy.creditedAgent(call, agent);
        if (credited === undefined) return;
        this.#order += 1;
        for (const key of this.#policy.keysOf(call)) {
          this.#lastAgentOf.set(key, { agentId: credited.id, order: this.#order });
        }
      },
    };
  }

  /** The caller's last agent when this contact arrived; undefined for a first or anonymous call. */
  onArrival(contactId: string): LastAgentOnArrival | undefined {
    return this.#onArrival.get(contactId);
  }

  /** The agent last credited under any of the call's keys, the most recent of them. */
  lastAgentOf(call: PolicyCall): string | undefined {
    let latest: { readonly agentId: string; readonly order: number } | undefined;
    for (const key of this.#policy.keysOf(call)) {
      const entry = this.#lastAgentOf.get(key);
      if (entry !== undefined && (latest === undefined || entry.order > latest.order)) {
        latest = entry;
      }
    }
    return latest?.agentId;
  }
}
