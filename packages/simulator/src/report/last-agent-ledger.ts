import type { Channel } from "@connect-affinity/core";
import type { RunHooks } from "../instance/simulated-instance.js";
import { isWithheld } from "./withheld-number.js";

/** The caller's last agent when a call arrived, and whether that agent could take it then. */
export interface LastAgentOnArrival {
  readonly agentId: string;
  readonly available: boolean;
}

/**
 * The ground truth of "last agent", kept as the calls happen: who answered each number last
 * (the history before the run, then every answered call), and for each arriving call whether
 * that agent could take it at that moment. Withheld numbers have no last agent.
 */
export class LastAgentLedger {
  readonly #isAvailable: (agentId: string, channel: Channel) => boolean;
  readonly #lastAgentOf: Map<string, string>;
  readonly #onArrival = new Map<string, LastAgentOnArrival>();

  /**
   * @param isAvailable - whether an agent can take a contact on a channel now (the floor).
   * @param history - numbers and the agent (user ID) who answered them before the run.
   */
  constructor(
    isAvailable: (agentId: string, channel: Channel) => boolean,
    history: Iterable<readonly [string, string]> = [],
  ) {
    this.#isAvailable = isAvailable;
    this.#lastAgentOf = new Map(history);
  }

  /** The hooks that keep the ledger during `SimulatedInstance.run`. */
  hooks(): Required<Pick<RunHooks, "onArrive" | "onConnected">> {
    return {
      onArrive: (execution) => {
        const { contactId, customerAddress, channel } = execution.input;
        const agentId = this.#known(customerAddress)
          ? this.#lastAgentOf.get(customerAddress)
          : undefined;
        if (agentId !== undefined) {
          this.#onArrival.set(contactId, {
            agentId,
            available: this.#isAvailable(agentId, channel),
          });
        }
      },
      onConnected: (execution, agent) => {
        const { customerAddress } = execution.input;
        if (this.#known(customerAddress)) this.#lastAgentOf.set(customerAddress, agent.id);
      },
    };
  }

  /** The caller's last agent when this contact arrived; undefined for a first or withheld call. */
  onArrival(contactId: string): LastAgentOnArrival | undefined {
    return this.#onArrival.get(contactId);
  }

  #known(address: string | undefined): address is string {
    return address !== undefined && !isWithheld(address);
  }
}
