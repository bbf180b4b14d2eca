import type { ConnectEmulatorStats } from "../connect-emulator/connect-emulator.js";
import type { LambdaCounters } from "../instance/function-counters.js";
import type { ContactResult } from "../instance/simulation.js";
import type { PlannedCall, ScenarioPlan } from "../scenario/scenario-plan.js";
import { contactReports } from "./contact-reports.js";
import type { LastAgentPolicy, PolicyCall } from "./last-agent-policy.js";
import type { RunReport } from "./run-report.js";
import { summarizeRun } from "./run-summary.js";

/** What a scenario run produced and counted, before it is written up. */
export interface ScenarioOutcome {
  readonly plan: ScenarioPlan;
  /** One per planned call, in arrival order. */
  readonly results: readonly ContactResult[];
  /** For a returning caller: whether their last agent could take the call when it arrived. */
  readonly availableOnArrival: (contactId: string) => boolean | undefined;
  /** A short name for a Lambda ARN. */
  readonly functionName: (arn: string) => string;
  readonly lambdas: LambdaCounters;
  readonly contactEvents: { readonly retries: number; readonly lost: number };
  readonly connect: ConnectEmulatorStats;
  readonly dynamoDbRequests: Readonly<Record<string, number>>;
  readonly simulatedSeconds: number;
  /** Wall-clock ms the run took. */
  readonly runMs: number;
  /** Who a customer is and whom a call credits; default: the number, whoever answers. */
  readonly policy?: LastAgentPolicy;
  /** The policy's view of a call (its customer key as the flow passes it). */
  readonly callOf?: (call: PlannedCall) => PolicyCall;
  /** Customer keys and the agent (username) last credited before the run. */
  readonly history?: readonly (readonly [string, string])[];
}

/** The report of a scenario run: the scenario, one line per contact, the totals. */
export function scenarioReport(outcome: ScenarioOutcome): RunReport {
  const { plan, lambdas } = outcome;
  const { scenario } = plan;
  const contacts = contactReports(
    plan.calls,
    outcome.results,
    outcome.availableOnArrival,
    outcome.functionName,
    outcome.policy,
    outcome.callOf,
    outcome.history,
  );
  return {
    scenario: {
      name: scenario.name,
      description: scenario.description,
      seed: scenario.seed,
      flow: scenario.options.flow,
      agents: plan.agents.length,
      start: scenario.start,
    },
    contacts,
    wallClock: {
      runMs: Math.round(outcome.runMs),
      lambdaMeanMs: Object.fromEntries(
        Object.entries(lambdas.invocations).map(([name, invocations]) => [
          name,
          invocations === 0 ? 0 : Math.round(((lambdas.wallMs[name] ?? 0) / invocations) * 10) / 10,
        ]),
      ),
    },
    summary: summarizeRun(contacts, {
      lambdaInvocations: lambdas.invocations,
      contactEvents: outcome.contactEvents,
      connect: outcome.connect,
      dynamoDbRequests: outcome.dynamoDbRequests,
      simulatedSeconds: outcome.simulatedSeconds,
    }),
  };
}
