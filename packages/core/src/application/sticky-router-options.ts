import { type AffinityScopeName, affinityScopes } from "../domain/affinity-scope.js";
import { channels } from "../domain/agent.js";
import { isCallingCode } from "../domain/caller-identity.js";
import { type TransferCredit, transferCredits } from "../domain/credit-rules.js";
import { defaultIdentitySources } from "../domain/customer-identity.js";
import { InvalidOptionError } from "../domain/errors.js";
import { type IdentitySource, identitySources } from "../domain/identity-sources.js";
import {
  defaultIdlePoolSize,
  isNewCallerStrategy,
  type NewCallerStrategyName,
  newCallerStrategies,
} from "../domain/new-caller-strategy.js";
import { maxCursorAttempts } from "../domain/routing-cursor.js";
import {
  booleanOption,
  integerIn,
  nearestKey,
  optionObject,
  rejectUnknownKeys,
} from "../options/option-checks.js";
import { type RecordMessages, recordMessages } from "./record-messages.js";

/**
 * How a {@link StickyRouter} routes. Every option has a default; an option set to `undefined`
 * (say from an unset environment variable) takes it too.
 */
export interface StickyRouterOptions {
  /** How new callers (and the agents after the preferred one) are ordered. Default `longest-idle`. */
  readonly strategy?: NewCallerStrategyName | undefined;
  /** Agents offered per contact at most, `route`'s included: 1–100, default 5. */
  readonly maxAttempts?: number | undefined;
  /**
   * With `longest-idle`, a new caller gets one of this many available agents idle longest,
   * picked at random from the contact's seed: 1–100, default 5. Every contact routed on the
   * same presence snapshot sees the same idle times, so with 1 (the agent idle longest, always)
   * concurrent new callers herd to one agent and queue behind each other.
   */
  readonly idlePoolSize?: number | undefined;
  /** How long a caller keeps their agent after their last contact, in seconds. Default 90 days. */
  readonly affinityLifetimeSeconds?: number | undefined;
  /**
   * When set, callers are stored under an HMAC of their number, never the number itself. At
   * least 16 characters: a phone number is easy to guess, the secret is not.
   */
  readonly callerKeySecret?: string | undefined;
  /**
   * Where records were filed before the current `callerKeySecret`, still read while a rotation
   * is under way: `{ secret }` for the previous secret, or `"raw-number"` for a table that held
   * plain E.164 numbers. A caller not found under the current key is looked up under this one
   * (one more read, only for callers without a current record); every write uses the current
   * key, so a returning caller's next contact files them anew. Drop it once the records are
   * migrated (the admin tool's `rekey`) or have expired.
   */
  readonly previousCallerKey?: PreviousCallerKey | undefined;
  /**
   * The key `route` signs its cursor with and `next` checks it against (HMAC-SHA-256, at least
   * 32 bytes), so a cursor cannot be forged, changed (a reset attempt counter, a chosen seed) or
   * used for another contact: `next` rejects it with `InvalidCursorError`. Every router a
   * contact's cursor passes through needs the same key. Without it cursors are unsigned, fine
   * only where nothing but your own code can touch them.
   */
  readonly cursorSigningKey?: Uint8Array | undefined;
  /**
   * The key cursors were signed with before the current `cursorSigningKey`, accepted by `next`
   * (never used to sign) while a rotation is under way, so a contact routed just before the
   * switch keeps its walk. A cursor lives for one contact, so it can be dropped minutes after
   * the new key is in place; it needs `cursorSigningKey`, and must differ from it.
   */
  readonly previousCursorSigningKey?: Uint8Array | undefined;
  /** Country calling code for national numbers (`"81"`); without it they count as invalid. */
  readonly defaultCallingCode?: string | undefined;
  /** Candidates per presence lookup: 1–100 (one `GetCurrentUserData` call), default 100. */
  readonly presenceWindow?: number | undefined;
  /** How long each routing-criteria step waits for its agents, in seconds: default 30. */
  readonly preferredAgentExpirySeconds?: number | undefined;
  /** What `record` tells the caller. Default {@link recordMessages}`.en`. */
  readonly messages?: RecordMessages | undefined;
  /**
   * How long the contact index remembers a routed contact's caller, in seconds: 60 s – 8 days,
   * default 1 day. It must outlast the wait between routing and answering (chats and tasks can
   * wait days); longer only keeps personal data for nothing.
   */
  readonly contactIndexLifetimeSeconds?: number | undefined;
  /**
   * How long an agent offered on known presence is reserved for the contact, in seconds, when
   * the presence source supports reservations (`AgentPresence.reserve`): 0–300, default 5;
   * 0 reserves nobody. Concurrent routes read the same presence snapshot; the reservation stops
   * them offering one idle agent to several contacts (a returning caller's own last agent is
   * still offered to them; when every free agent is held, one is offered anyway). It should cover the time from the offer to the agent's status
   * changing on the presence source.
   */
  readonly reservationSeconds?: number | undefined;
  /**
   * Where a customer's identity comes from, in order (see `identitySources`): default all of
   * `customer-key` (the flow's `customerKey` parameter), `phone` and `email`. A contact is filed
   * under every key its sources yield; one that yields none is anonymous.
   */
  readonly identitySources?: readonly IdentitySource[] | undefined;
  /** How far affinity reaches: `global` (default), per `queue` or per `channel`. */
  readonly scope?: AffinityScopeName | undefined;
  /**
   * Lifetimes of single scope values, in seconds, by queue ID (`queue` scope) or channel
   * (`channel` scope): `{ CHAT: 86_400, VOICE: 2_592_000 }`. Values not named keep
   * `affinityLifetimeSeconds`. Not allowed with the `global` scope.
   */
  readonly scopeLifetimes?: Readonly<Record<string, number>> | undefined;
  /**
   * The least time an agent must have handled a contact, in seconds from their connection to
   * the contact's end, to gain affinity: 0–86,400, default 0 (every agent who answers). Above 0
   * only the contact event that reports the end (`DISCONNECTED`, through
   * `recordAnsweredContact` with `disconnectedAt`) credits an agent; `record` from the flow
   * then stores nothing (`credit-deferred`).
   */
  readonly minimumTalkSeconds?: number | undefined;
  /**
   * Who gains affinity from a transferred contact: `finishing` (default; every agent who
   * handled a part long enough, in order, so the last one keeps it) or `first` (only the agent
   * of the customer's initial contact).
   */
  readonly transferCredit?: TransferCredit | undefined;
  /**
   * Whether an outbound contact an agent makes creates affinity with the customer they call
   * (default `false`). The contact event of an outbound contact must then say who the customer
   * is (`recordAnsweredContact`'s `customer`).
   */
  readonly creditOutbound?: boolean | undefined;
}

/**
 * How records were keyed before the current secret: by an HMAC with another secret, or by the
 * raw number (a table written without a secret).
 */
export type PreviousCallerKey = { readonly secret: string } | "raw-number";

/** {@link StickyRouterOptions} with every default applied. */
export interface ResolvedStickyRouterOptions {
  readonly strategy: NewCallerStrategyName;
  readonly maxAttempts: number;
  readonly idlePoolSize: number;
  readonly affinityLifetimeSeconds: number;
  readonly callerKeySecret: string | undefined;
  readonly previousCallerKey: PreviousCallerKey | undefined;
  readonly cursorSigningKey: Uint8Array | undefined;
  readonly previousCursorSigningKey: Uint8Array | undefined;
  readonly defaultCallingCode: string | undefined;
  readonly presenceWindow: number;
  readonly preferredAgentExpirySeconds: number;
  readonly messages: RecordMessages;
  readonly contactIndexLifetimeSeconds: number;
  readonly reservationSeconds: number;
  readonly identitySources: readonly IdentitySource[];
  readonly scope: AffinityScopeName;
  readonly scopeLifetimes: Readonly<Record<string, number>>;
  readonly minimumTalkSeconds: number;
  readonly transferCredit: TransferCredit;
  readonly creditOutbound: boolean;
}

/** The defaults of {@link StickyRouterOptions}. */
export const stickyRouterDefaults = Object.freeze({
  strategy: "longest-idle",
  maxAttempts: 5,
  idlePoolSize: defaultIdlePoolSize,
  affinityLifetimeSeconds: 90 * 24 * 60 * 60,
  presenceWindow: 100,
  preferredAgentExpirySeconds: 30,
  contactIndexLifetimeSeconds: 24 * 60 * 60,
  reservationSeconds: 5,
  identitySources: defaultIdentitySources,
  scope: "global",
  minimumTalkSeconds: 0,
  transferCredit: "finishing",
  creditOutbound: false,
} as const);

const tenYearsInSeconds = 10 * 365 * 24 * 60 * 60;
const oneDayInSeconds = 24 * 60 * 60;
const eightDaysInSeconds = 8 * oneDayInSeconds;

/**
 * The shortest `callerKeySecret` accepted: a caller key is an HMAC of a phone number, a small
 * space to search, so the secret is what keeps it from being reversed. 16 characters is the
 * handlers' bound too.
 */
export const minCallerKeySecretLength = 16;

/** Every option name, so an unknown (misspelt) key is rejected at run time too. */
const optionNames: Readonly<Record<keyof StickyRouterOptions, true>> = {
  strategy: true,
  maxAttempts: true,
  idlePoolSize: true,
  affinityLifetimeSeconds: true,
  callerKeySecret: true,
  previousCallerKey: true,
  cursorSigningKey: true,
  previousCursorSigningKey: true,
  defaultCallingCode: true,
  presenceWindow: true,
  preferredAgentExpirySeconds: true,
  messages: true,
  contactIndexLifetimeSeconds: true,
  reservationSeconds: true,
  identitySources: true,
  scope: true,
  scopeLifetimes: true,
  minimumTalkSeconds: true,
  transferCredit: true,
  creditOutbound: true,
};

/**
 * Applies defaults and checks every option, at run time too: a plain-JavaScript caller's
 * unknown key (`maxAttempt`), wrong type or out-of-range value is rejected, not ignored.
 *
 * @throws {InvalidOptionError} naming the first option the router cannot use (and, for a
 *   misspelt key, the option probably meant).
 */
export function resolveStickyRouterOptions(
  options: StickyRouterOptions = {},
): ResolvedStickyRouterOptions {
  const given = optionObject("options", options);
  rejectUnknownKeys(given, Object.keys(optionNames));
  const affinityLifetimeSeconds = integerIn(
    "affinityLifetimeSeconds",
    options.affinityLifetimeSeconds ?? stickyRouterDefaults.affinityLifetimeSeconds,
    1,
    tenYearsInSeconds,
  );
  const scope = oneOf("scope", options.scope ?? stickyRouterDefaults.scope, affinityScopes);
  return {
    strategy: strategyOf(options.strategy ?? stickyRouterDefaults.strategy),
    maxAttempts: integerIn(
      "maxAttempts",
      options.maxAttempts ?? stickyRouterDefaults.maxAttempts,
      1,
      maxCursorAttempts,
    ),
    idlePoolSize: integerIn(
      "idlePoolSize",
      options.idlePoolSize ?? stickyRouterDefaults.idlePoolSize,
      1,
      100,
    ),
    affinityLifetimeSeconds,
    callerKeySecret: secretOf(options.callerKeySecret),
    previousCallerKey: previousKeyOf(options.previousCallerKey, options.callerKeySecret),
    cursorSigningKey: signingKeyOf("cursorSigningKey", options.cursorSigningKey),
    previousCursorSigningKey: previousSigningKeyOf(
      options.previousCursorSigningKey,
      options.cursorSigningKey,
    ),
    defaultCallingCode: callingCodeOf(options.defaultCallingCode),
    presenceWindow: integerIn(
      "presenceWindow",
      options.presenceWindow ?? stickyRouterDefaults.presenceWindow,
      1,
      100,
    ),
    preferredAgentExpirySeconds: integerIn(
      "preferredAgentExpirySeconds",
      options.preferredAgentExpirySeconds ?? stickyRouterDefaults.preferredAgentExpirySeconds,
      1,
      oneDayInSeconds,
    ),
    messages: messagesOf(options.messages ?? recordMessages["en-US"]),
    contactIndexLifetimeSeconds: integerIn(
      "contactIndexLifetimeSeconds",
      options.contactIndexLifetimeSeconds ?? stickyRouterDefaults.contactIndexLifetimeSeconds,
      60,
      eightDaysInSeconds,
    ),
    reservationSeconds: integerIn(
      "reservationSeconds",
      options.reservationSeconds ?? stickyRouterDefaults.reservationSeconds,
      0,
      300,
    ),
    identitySources: identitySourcesOf(
      options.identitySources ?? stickyRouterDefaults.identitySources,
    ),
    scope,
    scopeLifetimes: scopeLifetimesOf(options.scopeLifetimes, scope),
    minimumTalkSeconds: integerIn(
      "minimumTalkSeconds",
      options.minimumTalkSeconds ?? stickyRouterDefaults.minimumTalkSeconds,
      0,
      oneDayInSeconds,
    ),
    transferCredit: oneOf(
      "transferCredit",
      options.transferCredit ?? stickyRouterDefaults.transferCredit,
      transferCredits,
    ),
    creditOutbound: booleanOption(
      "creditOutbound",
      options.creditOutbound ?? stickyRouterDefaults.creditOutbound,
    ),
  };
}

function oneOf<const T extends readonly string[]>(
  option: string,
  value: unknown,
  values: T,
): T[number] {
  if (typeof value === "string" && values.includes(value)) return value as T[number];
  const near = typeof value === "string" ? nearestKey(value, values) : undefined;
  throw new InvalidOptionError(
    option,
    `${JSON.stringify(value)} is not one of ${values.join(", ")}` +
      (near === undefined ? "" : `; did you mean ${JSON.stringify(near)}?`),
  );
}

function identitySourcesOf(value: unknown): readonly IdentitySource[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidOptionError(
      "identitySources",
      `must be a non-empty list of ${identitySources.join(", ")}`,
    );
  }
  const sources = value.map((source) => oneOf("identitySources", source, identitySources));
  if (new Set(sources).size !== sources.length) {
    throw new InvalidOptionError("identitySources", "must not list a source twice");
  }
  return Object.freeze(sources);
}

function scopeLifetimesOf(
  value: unknown,
  scope: AffinityScopeName,
): Readonly<Record<string, number>> {
  if (value === undefined) return Object.freeze({});
  const given = optionObject("scopeLifetimes", value);
  if (scope === "global" && Object.keys(given).length > 0) {
    throw new InvalidOptionError(
      "scopeLifetimes",
      "applies to the queue and channel scopes only; the global scope uses affinityLifetimeSeconds",
    );
  }
  const lifetimes: Record<string, number> = {};
  for (const [name, seconds] of Object.entries(given)) {
    const valid =
      scope === "channel"
        ? (channels as readonly string[]).includes(name)
        : /^[A-Za-z0-9-]{1,100}$/.test(name);
    if (!valid) {
      throw new InvalidOptionError(
        `scopeLifetimes.${name}`,
        scope === "channel"
          ? `is not a channel (${channels.join(", ")})`
          : "is not a queue ID (letters, digits and -)",
      );
    }
    lifetimes[name] = integerIn(`scopeLifetimes.${name}`, seconds, 1, tenYearsInSeconds);
  }
  return Object.freeze(lifetimes);
}

function strategyOf(strategy: unknown): NewCallerStrategyName {
  if (isNewCallerStrategy(strategy)) return strategy;
  const near = typeof strategy === "string" ? nearestKey(strategy, newCallerStrategies) : undefined;
  throw new InvalidOptionError(
    "strategy",
    `${JSON.stringify(strategy)} is not one of ${newCallerStrategies.join(", ")}` +
      (near === undefined ? "" : `; did you mean ${JSON.stringify(near)}?`),
  );
}

function secretOf(secret: unknown, name = "callerKeySecret"): string | undefined {
  if (secret === undefined) return undefined;
  // The secret's value never appears in a message.
  if (typeof secret !== "string") {
    throw new InvalidOptionError(name, `must be a string, got ${typeof secret}`);
  }
  if (secret.length < minCallerKeySecretLength) {
    throw new InvalidOptionError(
      name,
      `must be at least ${minCallerKeySecretLength} characters when set, got ${secret.length}`,
    );
  }
  return secret;
}

function previousKeyOf(previous: unknown, current: unknown): PreviousCallerKey | undefined {
  if (previous === undefined) return undefined;
  if (current === undefined) {
    throw new InvalidOptionError(
      "previousCallerKey",
      "needs callerKeySecret: without a current secret every key is the raw number already",
    );
  }
  if (previous === "raw-number") return previous;
  const given = optionObject("previousCallerKey", previous);
  rejectUnknownKeys(given, ["secret"], "previousCallerKey.");
  const secret = secretOf(given["secret"], "previousCallerKey.secret");
  if (secret === undefined) {
    throw new InvalidOptionError("previousCallerKey", 'must be { secret } or "raw-number"');
  }
  if (secret === current) {
    throw new InvalidOptionError("previousCallerKey.secret", "must differ from callerKeySecret");
  }
  return { secret };
}

/** The shortest `cursorSigningKey` accepted, in bytes: the SHA-256 block of entropy. */
export const minCursorSigningKeyBytes = 32;

function signingKeyOf(name: string, key: unknown): Uint8Array | undefined {
  if (key === undefined) return undefined;
  // The key's value never appears in a message.
  if (!(key instanceof Uint8Array)) {
    throw new InvalidOptionError(name, "must be a Uint8Array (a Buffer will do)");
  }
  if (key.length < minCursorSigningKeyBytes) {
    throw new InvalidOptionError(
      name,
      `must be at least ${minCursorSigningKeyBytes} bytes, got ${key.length}`,
    );
  }
  return key;
}

function previousSigningKeyOf(previous: unknown, current: unknown): Uint8Array | undefined {
  const key = signingKeyOf("previousCursorSigningKey", previous);
  if (key === undefined) return undefined;
  if (current === undefined) {
    throw new InvalidOptionError(
      "previousCursorSigningKey",
      "needs cursorSigningKey: a previous key only checks cursors alongside a current one",
    );
  }
  if (current instanceof Uint8Array && Buffer.compare(current, key) === 0) {
    throw new InvalidOptionError("previousCursorSigningKey", "must differ from cursorSigningKey");
  }
  return key;
}

function callingCodeOf(code: unknown): string | undefined {
  if (code === undefined) return undefined;
  if (typeof code !== "string" || !isCallingCode(code)) {
    throw new InvalidOptionError(
      "defaultCallingCode",
      `${JSON.stringify(code)} is not a country calling code such as "81" or "+1"`,
    );
  }
  return code;
}

function messagesOf(messages: unknown): RecordMessages {
  const given = optionObject("messages", messages);
  rejectUnknownKeys(given, ["recorded", "skipped"], "messages.");
  const text = (key: "recorded" | "skipped"): string => {
    const value = given[key];
    if (typeof value !== "string" || value.trim() === "") {
      throw new InvalidOptionError(`messages.${key}`, "must be a non-empty string");
    }
    return value;
  };
  return { recorded: text("recorded"), skipped: text("skipped") };
}
