import { describe, expect, it } from "vitest";
import type { FloorAgent } from "../../src/interpreter/agent-floor-port.js";
import type { ContactExecution } from "../../src/interpreter/contact.js";
import { LastAgentLedger } from "../../src/report/last-agent-ledger.js";

/** The ledger reads only the contact's input. */
const contact = (contactId: string, customerAddress: string): ContactExecution =>
  ({
    input: { contactId, channel: "VOICE", customerAddress, talkTimeMs: 1000 },
  }) as unknown as ContactExecution;

const agent = (id: string): FloorAgent => ({ id, arn: `arn:agent/${id}`, username: id });

describe("LastAgentLedger", () => {
  it("knows a history caller's last agent, and whether that agent was free when they called", () => {
    // Prepare
    const free = new Set(["id-sato"]);
    const ledger = new LastAgentLedger((id) => free.has(id), [["+819011112222", "id-sato"]]);
    const { onArrive } = ledger.hooks();
    // Act
    onArrive(contact("c-1", "+819011112222"), 0);
    free.delete("id-sato");
    onArrive(contact("c-2", "+819011112222"), 0);
    // Assess
    expect(ledger.onArrival("c-1")).toEqual({ agentId: "id-sato", available: true });
    expect(ledger.onArrival("c-2")).toEqual({ agentId: "id-sato", available: false });
  });

  it("takes whoever answered a caller as their last agent for the next call", () => {
    // Prepare
    const ledger = new LastAgentLedger(() => true);
    const { onArrive, onConnected } = ledger.hooks();
    // Act
    onArrive(contact("c-1", "+819011112222"), 0);
    onConnected(contact("c-1", "+819011112222"), agent("id-suzuki"), 10);
    onArrive(contact("c-2", "+819011112222"), 20);
    // Assess
    expect(ledger.onArrival("c-1")).toBeUndefined();
    expect(ledger.onArrival("c-2")).toEqual({ agentId: "id-suzuki", available: true });
  });

  it("gives a withheld number no last agent", () => {
    // Prepare
    const ledger = new LastAgentLedger(() => true);
    const { onArrive, onConnected } = ledger.hooks();
    // Act
    onConnected(contact("c-1", "anonymous"), agent("id-sato"), 10);
    onArrive(contact("c-2", "anonymous"), 20);
    // Assess
    expect(ledger.onArrival("c-2")).toBeUndefined();
  });
});
