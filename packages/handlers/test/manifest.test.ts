import { existsSync, readFileSync } from "node:fs";
import { rosterRefresherDefaults, stickyRouterDefaults } from "@connect-affinity/core";
import {
  channels,
  lambdaParameters,
  languages,
  logLevels,
  newCallerStrategies,
  presenceSources,
} from "@connect-affinity/core/contract";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  loadAgentEventsConfig,
  loadConfig,
  loadRosterRefreshConfig,
  readSettings,
} from "../src/config.js";
import { getLogger, resetContainer } from "../src/container.js";
import {
  declarationOf,
  deployedFunctions,
  environmentTable,
  environmentVariables,
  type FunctionId,
  functionEnvironment,
  functionIds,
  routerFunctionIds,
  type VariableName,
  type VariableType,
  variableNames,
  variablesReadBy,
} from "../src/manifest/index.js";

const instanceArn =
  "arn:aws:connect:ap-northeast-1:123456789012:instance/5b1e7c3a-2f4d-4e8b-9a61-0c3d2e4f5a6b";
const minimal = { AFFINITY_TABLE_NAME: "affinity-dev", CONNECT_INSTANCE_ID: instanceArn };

/** A valid value of `type` that is not `avoid` (a variable's default), as the variable spells it. */
function sampleText(type: VariableType, avoid: string | undefined): string {
  switch (type.kind) {
    case "table-name":
      return "sample-table";
    case "connect-instance":
      return "0c3d2e4f-5a6b-4e8b-9a61-5b1e7c3a2f4d";
    case "whole-number":
      return String(avoid === String(type.max) ? type.min : type.max);
    case "secret":
      return "s".repeat(type.minLength);
    case "secret-reference":
      return "ssm:/sample/caller-key";
    case "one-of":
      return type.values.find((value) => value !== avoid) ?? type.values[0];
    case "id-list":
      return "id-1,id-2";
    case "name-list":
      return "Ready,On call";
    case "flag":
      return avoid === "true" ? "false" : "true";
    case "calling-code":
      return "44";
    case "text":
      return "Sample text";
    case "one-of-list": {
      const reversed = [...type.values].reverse().join(",");
      return reversed === avoid ? type.values[0] : reversed;
    }
    case "lifetime-map":
      return `VOICE=${type.max},CHAT=${type.min}`;
    case "tag-list":
      return "sticky-routing=off,team=*";
  }
}

/** Settings values the writer takes, for every variable type (normalised as a reader returns them). */
function valueArbitrary(type: VariableType): fc.Arbitrary<unknown> {
  const text = (maxLength: number) =>
    fc
      .string({ minLength: 1, maxLength })
      .map((value) => value.trim())
      .filter((value) => value !== "");
  switch (type.kind) {
    case "table-name":
      return fc.stringMatching(/^[A-Za-z0-9_.-]{3,40}$/);
    case "connect-instance":
      return fc
        .uuid()
        .chain((id) =>
          fc.constantFrom(id, `arn:aws:connect:eu-west-2:123456789012:instance/${id}`),
        );
    case "whole-number":
      return fc.integer({ min: type.min, max: type.max });
    case "secret":
      return fc
        .string({ minLength: type.minLength, maxLength: 64 })
        .filter((value) => value.trim() !== "");
    case "secret-reference":
      return fc.constantFrom(
        "ssm:/connect-affinity/prod/caller-key",
        "arn:aws:ssm:eu-west-2:123456789012:parameter/connect-affinity/caller-key",
        "secretsmanager:connect-affinity/caller-key",
        "arn:aws:secretsmanager:eu-west-2:123456789012:secret:caller-key-AbCdEf",
        ...(type.rawNumber === true ? ["raw-number"] : []),
      );
    case "one-of":
      return fc.constantFrom(...type.values);
    case "id-list":
      return fc.array(fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/), { minLength: 1, maxLength: 4 });
    case "name-list":
      return fc.array(
        text(20).filter((name) => !name.includes(",")),
        { minLength: 1, maxLength: 4 },
      );
    case "flag":
      return fc.boolean();
    case "calling-code":
      return fc.stringMatching(/^[1-9]\d{0,2}$/);
    case "text":
      return text(type.maxLength);
    case "one-of-list":
      return fc.subarray([...type.values], { minLength: 1 });
    case "lifetime-map":
      return fc.dictionary(
        fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/),
        fc.integer({ min: type.min, max: type.max }),
        { minKeys: 1, maxKeys: 3 },
      );
    case "tag-list":
      return fc.dictionary(
        fc.stringMatching(/^[A-Za-z0-9:_-]{1,12}$/),
        fc.stringMatching(/^[A-Za-z0-9*_-]{1,12}$/),
        { minKeys: 1, maxKeys: 3 },
      );
  }
}

/** Settings for `functions`: every variable they need, and any of the others. */
function settingsArbitrary(
  functions: readonly FunctionId[],
): fc.Arbitrary<Record<string, unknown>> {
  const required: Record<string, fc.Arbitrary<unknown>> = {};
  const optional: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of variablesReadBy(functions)) {
    const declaration = declarationOf(name);
    const needed = (declaration.requiredBy ?? []).some((fn) => functions.includes(fn));
    (needed ? required : optional)[declaration.setting] = valueArbitrary(declaration.type);
  }
  return fc
    .tuple(fc.record(required), fc.record(optional, { requiredKeys: [] }))
    .map(([needed, chosen]) => ({ ...needed, ...chosen }));
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  resetContainer();
});

describe("deployed functions", () => {
  it("name a source file, a bundle and a handler after each function", () => {
    for (const id of functionIds) {
      // Act
      const fn = deployedFunctions[id];

      // Assess
      expect(existsSync(new URL(`../src/${fn.name}.ts`, import.meta.url))).toBe(true);
      expect(fn.bundleFile).toBe(`${fn.name}.mjs`);
      expect(fn.bundlePath.endsWith(`/dist/${fn.name}.mjs`)).toBe(true);
      expect(fn.handler).toBe(`${fn.name}.handler`);
    }
  });

  it("include every function the flow passes parameters to", () => {
    // Act
    const flowFunctions = Object.keys(lambdaParameters);

    // Assess
    expect(functionIds).toEqual(expect.arrayContaining(flowFunctions));
    for (const id of flowFunctions) {
      expect(deployedFunctions[id as FunctionId].trigger).toBe("contact-flow");
    }
  });
});

describe("environment variables", () => {
  it("are each read by at least one function, and needed only by functions that read them", () => {
    for (const name of variableNames) {
      // Act
      const { readBy, requiredBy = [] } = declarationOf(name);

      // Assess
      expect(readBy.length, name).toBeGreaterThan(0);
      expect(readBy, name).toEqual(expect.arrayContaining([...requiredBy]));
    }
  });

  it("are exactly what the configuration loaders read", () => {
    // Prepare
    const read = new Set<string>();
    const watched = (environment: Record<string, string>) =>
      new Proxy(environment, {
        get: (target, key) => {
          if (typeof key === "string") read.add(key);
          return Reflect.get(target, key);
        },
      });

    // Act
    loadConfig(watched({ ...minimal }));
    loadAgentEventsConfig(watched({ PRESENCE_TABLE_NAME: "presence" }));
    loadRosterRefreshConfig(
      watched({ PRESENCE_TABLE_NAME: "presence", CONNECT_INSTANCE_ID: instanceArn }),
    );

    // Assess
    expect([...read].sort()).toEqual([...variableNames].sort());
  });

  it.each(variablesReadBy(routerFunctionIds).filter((name) => name !== "POWERTOOLS_SERVICE_NAME"))(
    "%s changes what the router functions are configured with",
    (name) => {
      // Prepare
      const declaration = declarationOf(name);
      // Presence from the event stream and a hierarchy filter, so the settings that refine them
      // act; opt-outs need a directory each container lists (connect-api presence).
      const base: Record<string, string> = {
        ...minimal,
        PRESENCE_SOURCE: name.startsWith("OPT_OUT_") ? "connect-api" : "event-stream",
        PRESENCE_TABLE_NAME: "presence",
        HIERARCHY_GROUP_IDS: "group-1",
        // Per channel, so the channels' own lifetimes act.
        AFFINITY_SCOPE: "channel",
      };
      const value = sampleText(declaration.type, base[name] ?? declaration.default);

      // Act
      const changed = loadConfig({ ...base, [name]: value });

      // Assess
      expect(changed).not.toEqual(loadConfig(base));
    },
  );

  it.each(variablesReadBy("agentEvents").filter((name) => name !== "POWERTOOLS_SERVICE_NAME"))(
    "%s changes what the agent-events function is configured with",
    (name) => {
      // Prepare: a hierarchy filter, so the setting that refines it acts.
      const declaration = declarationOf(name);
      const base: Record<string, string> = {
        PRESENCE_TABLE_NAME: "presence",
        HIERARCHY_GROUP_IDS: "group-1",
      };
      const value = sampleText(declaration.type, base[name] ?? declaration.default);

      // Act
      const changed = loadAgentEventsConfig({ ...base, [name]: value });

      // Assess
      expect(changed).not.toEqual(loadAgentEventsConfig(base));
    },
  );

  it.each(variablesReadBy("rosterRefresh").filter((name) => name !== "POWERTOOLS_SERVICE_NAME"))(
    "%s changes what the roster-refresh function is configured with",
    (name) => {
      // Prepare
      const declaration = declarationOf(name);
      const base: Record<string, string> = {
        PRESENCE_TABLE_NAME: "presence",
        CONNECT_INSTANCE_ID: instanceArn,
        HIERARCHY_GROUP_IDS: "group-1",
      };
      const value = sampleText(declaration.type, base[name] ?? declaration.default);

      // Act
      const changed = loadRosterRefreshConfig({ ...base, [name]: value });

      // Assess
      expect(changed).not.toEqual(loadRosterRefreshConfig(base));
    },
  );

  it("POWERTOOLS_SERVICE_NAME names the service in every log line", () => {
    // Prepare
    vi.stubEnv("POWERTOOLS_SERVICE_NAME", "connect-affinity-probe");
    vi.stubEnv("POWERTOOLS_LOG_LEVEL", undefined);
    vi.stubEnv("LOG_LEVEL", "INFO");
    const output: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });

    // Act
    getLogger().info("probe");

    // Assess
    expect(output.join("")).toContain('"service":"connect-affinity-probe"');
  });

  it("declare defaults the variable itself accepts, and core's own defaults", () => {
    for (const name of variableNames) {
      const declaration = declarationOf(name);
      if (declaration.default === undefined) continue;
      const reader = declaration.readBy[0] as FunctionId;
      const required = Object.fromEntries(
        variablesReadBy(reader)
          .filter((other) => (declarationOf(other).requiredBy ?? []).includes(reader))
          .map((other) => [other, sampleText(declarationOf(other).type, undefined)]),
      );

      // Act
      const act = () => readSettings(reader, { ...required, [name]: declaration.default });

      // Assess
      expect(act, name).not.toThrow();
    }
    const coreDefaults: Partial<Record<VariableName, unknown>> = {
      NEW_CALLER_STRATEGY: stickyRouterDefaults.strategy,
      MAX_ATTEMPTS: stickyRouterDefaults.maxAttempts,
      IDLE_POOL_SIZE: stickyRouterDefaults.idlePoolSize,
      AFFINITY_LIFETIME_DAYS: stickyRouterDefaults.affinityLifetimeSeconds / 86_400,
      PRESENCE_WINDOW: stickyRouterDefaults.presenceWindow,
      PREFERRED_AGENT_EXPIRY_SECONDS: stickyRouterDefaults.preferredAgentExpirySeconds,
      CONTACT_INDEX_TTL_SECONDS: stickyRouterDefaults.contactIndexLifetimeSeconds,
      RESERVATION_SECONDS: stickyRouterDefaults.reservationSeconds,
      ROSTER_REFRESH_MINUTES: rosterRefresherDefaults.intervalMinutes,
      ROSTER_REFRESH_PAGES_PER_RUN: rosterRefresherDefaults.maxPagesPerRun,
      ROSTER_REFRESH_REQUEST_SPACING_MS: rosterRefresherDefaults.requestSpacingMs,
      IDENTITY_SOURCES: stickyRouterDefaults.identitySources.join(","),
      AFFINITY_SCOPE: stickyRouterDefaults.scope,
      MINIMUM_TALK_SECONDS: stickyRouterDefaults.minimumTalkSeconds,
      TRANSFER_CREDIT: stickyRouterDefaults.transferCredit,
      CREDIT_OUTBOUND: stickyRouterDefaults.creditOutbound,
    };
    for (const [name, value] of Object.entries(coreDefaults)) {
      expect(declarationOf(name as VariableName).default, name).toBe(String(value));
    }
  });
});

describe("functionEnvironment", () => {
  it("gives a function only the variables it reads, and leaves unset ones out", () => {
    // Act
    const environment = functionEnvironment("nextAgent", {
      affinityTableName: "affinity",
      connectInstance: instanceArn,
      maxAttempts: 3,
      presenceSource: "event-stream",
      presenceTableName: "presence",
      routingProfileIds: [],
      ...({ affinityLifetimeDays: 30, recordMessageLanguage: "ja-JP" } as object),
    });

    // Assess
    expect(environment).toEqual({
      AFFINITY_TABLE_NAME: "affinity",
      CONNECT_INSTANCE_ID: instanceArn,
      MAX_ATTEMPTS: "3",
      PRESENCE_SOURCE: "event-stream",
      PRESENCE_TABLE_NAME: "presence",
    });
  });

  it("names a missing required setting (for callers without types)", () => {
    // Act
    const act = () => functionEnvironment("agentEvents", {} as never);

    // Assess
    expect(act).toThrow(/presenceTableName \(PRESENCE_TABLE_NAME\) is required/);
  });

  it.each([
    ...functionIds.map((id) => [id, [id]] as const),
    ["every function in one environment", functionIds] as const,
  ])("writes settings that %s reads back unchanged", (_name, functions) => {
    fc.assert(
      fc.property(settingsArbitrary(functions), (settings) => {
        // Act
        const environment = functionEnvironment(functions, settings as never);
        const read = readSettings(functions, environment);

        // Assess
        for (const key of Object.keys(environment)) {
          expect(variablesReadBy(functions)).toContain(key);
        }
        expect(read).toEqual(settings);
      }),
      { numRuns: 60 },
    );
  });
});

describe("the package README", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

  it("shows the environment table generated from the manifest", () => {
    // Act
    const block =
      /<!-- environment-table:begin -->\n([\s\S]*?)\n<!-- environment-table:end -->/.exec(readme);

    // Assess: rewrite it with `pnpm --filter @connect-affinity/handlers docs` after `build`.
    expect(block?.[1]).toBe(environmentTable());
  });

  it("lists every deployed function with its bundle", () => {
    for (const id of functionIds) {
      const { name, bundleFile } = deployedFunctions[id];
      expect(readme).toMatch(new RegExp(`\\| \`${name}\` +\\| \`dist/${bundleFile}\``));
    }
  });
});

describe("the enumerations", () => {
  it("are core's contract's own lists, not copies", () => {
    // Assess
    expect(environmentVariables.LOG_LEVEL.type.values).toBe(logLevels);
    expect(environmentVariables.NEW_CALLER_STRATEGY.type.values).toBe(newCallerStrategies);
    expect(environmentVariables.PRESENCE_SOURCE.type.values).toBe(presenceSources);
    expect(environmentVariables.RECORD_MESSAGE_LANGUAGE.type.values).toBe(languages);
    expect(environmentVariables.RECORD_MESSAGE_LANGUAGE.default).toBe("en-US");
    expect(environmentVariables.PRESENCE_INDEX_CHANNELS.type.values).toBe(channels);
  });
});
