import type { ContactReport, RunReport } from "./run-report.js";

/** `mm:ss` (or `h:mm:ss`) after the scenario start. */
export function clockText(seconds: number): string {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const pad = (value: number): string => String(value).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

const lastAgentText: Readonly<Record<ContactReport["lastAgent"], string>> = {
  same: "their last agent",
  other: "not their last agent",
  "first-call": "first call",
  withheld: "withheld number",
  "not-connected": "",
};

/** What happened to one contact, on one line: when, who (masked), where to, how fast, the path. */
export function contactLine(contact: ContactReport): string {
  const who = `${contact.caller.padEnd(12)} ${contact.number.padEnd(14)}`;
  let result: string;
  switch (contact.outcome) {
    case "agent":
      result = `→ ${contact.agent ?? "?"} (${lastAgentText[contact.lastAgent]}${
        contact.lastAgent === "other" && contact.previousAgent !== undefined
          ? `, last: ${contact.previousAgent}`
          : ""
      })`;
      break;
    case "fallback-queue":
      result =
        contact.agent === undefined
          ? "→ fallback queue, nobody answered"
          : `→ fallback queue, answered by ${contact.agent}`;
      break;
    case "abandoned":
      result = "→ hung up waiting in a queue";
      break;
    case "disconnected":
      result = "→ apology, disconnected";
      break;
    case "dead-end":
      result = `→ DEAD END at ${contact.deadEnd?.actionId ?? "?"} (${contact.deadEnd?.reason ?? "?"})`;
      break;
  }
  const wait =
    contact.timeToAgentSeconds === undefined
      ? ""
      : ` in ${contact.timeToAgentSeconds.toFixed(1)} s`;
  const agentQueue =
    contact.agentQueueWaitSeconds === undefined
      ? ""
      : ` (${contact.agentQueueWaitSeconds.toFixed(1)} s in the agent's queue)`;
  const note = contact.note === undefined ? "" : `\n        ${" ".repeat(12)}# ${contact.note}`;
  return `  ${clockText(contact.arrivedAtSeconds)}  ${who} ${result}${wait}${agentQueue}\n        ${" ".repeat(12)}${contact.path}${note}`;
}

/** The run's summary as an aligned two-column table. */
export function summaryTable(report: RunReport, wallSeconds?: number): string {
  const { summary } = report;
  const per = (value: number): string => `(${value} per contact)`;
  const byFunction = Object.entries(summary.lambdaInvocationsByFunction)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${name} ${count}`)
    .join(", ");
  const time = summary.timeToAgentSeconds;
  const rows: readonly (readonly [string, string])[] = [
    ["Calls", String(summary.calls)],
    ["Returning calls", String(summary.returningCalls)],
    ["Reached their last agent", String(summary.reachedLastAgent)],
    [
      "  … when that agent was free",
      `${summary.reachedLastAgentWhenAvailable} of ${summary.lastAgentAvailableOnArrival}`,
    ],
    ["Reached another agent", String(summary.reachedAnotherAgent)],
    ["Fell back (fallback queue)", String(summary.fellBack)],
    ["Hung up waiting in a queue", String(summary.abandoned)],
    ["Disconnected (apology)", String(summary.disconnected)],
    ["Dead ends", String(summary.deadEnds)],
    ["Connect API calls", `${summary.connectApiCalls} ${per(summary.perContact.connectApiCalls)}`],
    ["Connect API throttles", String(summary.connectApiThrottles)],
    [
      "Lambda invocations",
      `${summary.lambdaInvocations} ${per(summary.perContact.lambdaInvocations)}${byFunction === "" ? "" : `: ${byFunction}`}`,
    ],
    [
      "Contact events",
      `${summary.lambdaInvocationsByFunction["contact-event"] ?? 0} invocations (${summary.contactEventRetries} retries), ${summary.contactEventsLost} lost`,
    ],
    [
      "DynamoDB requests",
      `${summary.dynamoDbRequests} ${per(summary.perContact.dynamoDbRequests)}`,
    ],
    [
      "Time to agent",
      time === undefined
        ? "-"
        : `mean ${time.mean} s, p50 ${time.p50} s, p95 ${time.p95} s, max ${time.max} s`,
    ],
    [
      "Simulated time",
      `${clockText(summary.simulatedSeconds)}${wallSeconds === undefined ? "" : ` (ran in ${wallSeconds.toFixed(1)} s)`}`,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const line = `  ${"─".repeat(width + 2 + 40)}`;
  return [line, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`), line].join(
    "\n",
  );
}

/** The heading of a run: the scenario and what it runs. */
export function heading(report: RunReport): string {
  const { scenario } = report;
  return [
    `Scenario ${scenario.name}: ${report.summary.calls} calls, ${scenario.agents} agents, ${scenario.flow} flow, seed ${scenario.seed}`,
    ...(scenario.description === "" ? [] : [`  ${scenario.description.trim()}`]),
  ].join("\n");
}
