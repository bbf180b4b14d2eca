import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { ScenarioError, type ScenarioIssue } from "./scenario-error.js";
import { type Scenario, scenarioSchema } from "./scenario-schema.js";

/**
 * Parses and validates a scenario written in YAML. Every problem is reported at once, each
 * with the path of the field (`options.maxAttempts`, `calls[3].caller`).
 *
 * @param source - where the text came from, for the error message.
 * @throws ScenarioError when the YAML is malformed or the scenario invalid.
 */
export function parseScenario(text: string, source = "(text)"): Scenario {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ScenarioError(
      source,
      document.errors.map((error) => ({
        path: "",
        message: error.message.split("\n")[0] ?? error.message,
      })),
    );
  }
  const parsed = scenarioSchema.safeParse(document.toJS());
  if (!parsed.success) throw new ScenarioError(source, issuesOf(parsed.error));
  const problems = crossFieldIssues(parsed.data);
  if (problems.length > 0) throw new ScenarioError(source, problems);
  return parsed.data;
}

/** Reads, parses and validates a scenario file. */
export async function loadScenario(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ScenarioError(path, [
      { path: "", message: `cannot be read: ${(error as Error).message}` },
    ]);
  }
  return parseScenario(text, path);
}

function issuesOf(error: z.ZodError): ScenarioIssue[] {
  return error.issues.map((issue) => ({ path: pathText(issue.path), message: issue.message }));
}

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`,
    )
    .join("");
}

/** What the schema cannot say alone: unique names, calls naming known callers or numbers. */
function crossFieldIssues(scenario: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (Array.isArray(scenario.agents)) {
    const seen = new Set<string>();
    scenario.agents.forEach((agent, index) => {
      if (seen.has(agent.username)) {
        issues.push({
          path: `agents[${index}].username`,
          message: `"${agent.username}" is used twice`,
        });
      }
      seen.add(agent.username);
    });
  }
  const callers = new Set<string>();
  scenario.callers.forEach((caller, index) => {
    if (callers.has(caller.name)) {
      issues.push({ path: `callers[${index}].name`, message: `"${caller.name}" is used twice` });
    }
    callers.add(caller.name);
  });
  const agentNames = new Set(
    Array.isArray(scenario.agents) ? scenario.agents.map((agent) => agent.username) : [],
  );
  const byName = new Map(scenario.callers.map((caller) => [caller.name, caller]));
  if (Array.isArray(scenario.calls)) {
    scenario.calls.forEach((call, index) => {
      if (!callers.has(call.caller) && !looksLikeAddress(call.caller)) {
        issues.push({
          path: `calls[${index}].caller`,
          message: `"${call.caller}" is neither a caller's name from callers nor a phone number`,
        });
      }
      const caller = byName.get(call.caller);
      if (call.channel === "EMAIL" && caller?.email === undefined) {
        issues.push({
          path: `calls[${index}].channel`,
          message: "an email contact needs a caller with an email address",
        });
      }
      if (call.channel === "VOICE" && caller !== undefined && caller.number === undefined) {
        issues.push({
          path: `calls[${index}].channel`,
          message: `a call needs a caller with a number; "${call.caller}" has none`,
        });
      }
      if (call.transfer !== undefined && !agentNames.has(call.transfer.to)) {
        issues.push({
          path: `calls[${index}].transfer.to`,
          message: `"${call.transfer.to}" is not an agent's username`,
        });
      }
      if (call.transfer !== undefined && call.transfer.after >= call.duration) {
        issues.push({
          path: `calls[${index}].transfer.after`,
          message: "the transfer must come before the call ends (after < duration)",
        });
      }
    });
  }
  scenario.preferences.forEach((preference, index) => {
    if (!callers.has(preference.caller)) {
      issues.push({
        path: `preferences[${index}].caller`,
        message: `"${preference.caller}" is not a caller's name from callers`,
      });
    }
    for (const agent of [
      ...(preference.pin === undefined ? [] : [preference.pin.agent]),
      ...(preference.block ?? []),
    ]) {
      if (!agentNames.has(agent)) {
        issues.push({
          path: `preferences[${index}]`,
          message: `"${agent}" is not an agent's username`,
        });
      }
    }
  });
  scenario.history.forEach((entry, index) => {
    const caller = byName.get(entry.caller);
    if (caller?.number === undefined) {
      issues.push({
        path: `history[${index}].caller`,
        message: `"${entry.caller}" is not a caller with a number from callers`,
      });
    }
    if (!agentNames.has(entry.agent)) {
      issues.push({
        path: `history[${index}].agent`,
        message: `"${entry.agent}" is not an agent's username`,
      });
    }
  });
  const { scope, scopeLifetimeDays } = scenario.options;
  if (scopeLifetimeDays !== undefined && (scope === undefined || scope === "global")) {
    issues.push({
      path: "options.scopeLifetimeDays",
      message: "applies only with scope queue or channel",
    });
  }
  for (const [index, fault] of scenario.options.faults.connect.entries()) {
    if (fault.from >= fault.to) {
      issues.push({ path: `options.faults.connect[${index}]`, message: "from must be before to" });
    }
  }
  return issues;
}

/** A number, or one of the words Connect uses for a withheld number. */
function looksLikeAddress(value: string): boolean {
  return (
    /^\+?[\d\s()-]{3,}$/.test(value) || /^(anonymous|private|unavailable|restricted)$/i.test(value)
  );
}
