import { type ConnectApiName, connectApiNames } from "../connect-emulator/connect-api.js";
import type { FaultRule } from "../connect-emulator/fault-rule.js";
import type { ConnectFault } from "../scenario/scenario-schema.js";

/** A scenario's quotas (`{ rate, burst }` per API) as the emulator takes them. */
export function quotasOf(
  quotas: Readonly<Record<string, { readonly rate: number; readonly burst: number }>>,
): Partial<Record<ConnectApiName, { readonly ratePerSecond: number; readonly burst: number }>> {
  return Object.fromEntries(
    Object.entries(quotas).map(([api, quota]) => [
      api,
      { ratePerSecond: quota.rate, burst: quota.burst },
    ]),
  );
}

/**
 * A scenario's Connect faults as the emulator's rules: seconds become milliseconds from the
 * simulation start, and a fault without `api` applies to every emulated API.
 */
export function faultRulesOf(faults: readonly ConnectFault[]): FaultRule[] {
  return faults.flatMap((fault) =>
    (fault.api === undefined ? connectApiNames : [fault.api as ConnectApiName]).map(
      (api): FaultRule => {
        const window = { api, from: fault.from * 1000, until: fault.to * 1000 };
        return fault.kind === "latency"
          ? { ...window, kind: "latency", latencyMs: fault.latencyMs ?? 1000 }
          : { ...window, kind: fault.kind };
      },
    ),
  );
}
