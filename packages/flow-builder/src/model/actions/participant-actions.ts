/**
 * Participant actions: attempted only when a participant is on the contact; the caller hears,
 * reads or answers something, or leaves. Each type's page is
 * `https://docs.aws.amazon.com/connect/latest/APIReference/<page>.html`; the page names are in
 * `actionCatalog`.
 *
 * @packageDocumentation
 */
import type {
  ActionShape,
  BareActionShape,
  EqualsCondition,
  MediaSource,
  NoTransitions,
  OpenTransitions,
  PromptContent,
  StringMap,
  Transitions,
} from "../action-shape.js";

/** Hands the participant to an Amazon Lex bot; the result is the bot's intent ("Get customer input"). */
export type ConnectParticipantWithLexBotAction = ActionShape<
  "ConnectParticipantWithLexBot",
  PromptContent & {
    readonly LexV2Bot?: { readonly AliasArn: string };
    readonly LexBot?: { readonly Name: string; readonly Region: string; readonly Alias: string };
    readonly LexSessionAttributes?: StringMap;
    readonly LexInitializationData?: { readonly InitialMessage?: string };
    readonly LexTimeoutSeconds?: { readonly Text?: string };
  },
  Transitions<"InputTimeLimitExceeded" | "NoMatchingCondition" | "NoMatchingError", EqualsCondition>
>;

/** Ends the contact ("Disconnect / hang up"). */
export type DisconnectParticipantAction = BareActionShape<"DisconnectParticipant", NoTransitions>;

/** `GetParticipantInput` parameters. */
export interface GetParticipantInputParameters extends PromptContent {
  /** Seconds to wait for the first digit; static, above zero. */
  readonly InputTimeLimitSeconds: string;
  /** `"True"` stores the input in `$.StoredCustomerInput` (no conditions then); static. */
  readonly StoreInput: string;
  readonly InputValidation?: {
    readonly PhoneNumberValidation?: {
      readonly NumberFormat: string;
      readonly CountryCode?: string;
    };
    readonly CustomValidation?: { readonly MaximumLength: string };
  };
  readonly InputEncryption?: { readonly EncryptionKeyId: string; readonly Key: string };
  readonly DTMFConfiguration?: {
    readonly InputTerminationSequence?: string;
    readonly DisableCancelKey?: string;
  };
}

/** Collects DTMF digits ("Get customer input", "Store customer input"). */
export type GetParticipantInputAction = ActionShape<
  "GetParticipantInput",
  GetParticipantInputParameters,
  Transitions<
    "InputTimeLimitExceeded" | "NoMatchingCondition" | "NoMatchingError" | "InvalidPhoneNumber",
    EqualsCondition
  >
>;

/** What `MessageParticipant` plays or sends: exactly one of these. */
export type MessageContent =
  | {
      readonly Text: string;
      readonly SSML?: never;
      readonly PromptId?: never;
      readonly Media?: never;
    }
  | {
      readonly SSML: string;
      readonly Text?: never;
      readonly PromptId?: never;
      readonly Media?: never;
    }
  | {
      readonly PromptId: string;
      readonly Text?: never;
      readonly SSML?: never;
      readonly Media?: never;
    }
  | {
      readonly Media: MediaSource;
      readonly Text?: never;
      readonly SSML?: never;
      readonly PromptId?: never;
    };

/** Plays a prompt or sends a message ("Play prompt" / "Send message"). */
export type MessageParticipantAction = ActionShape<
  "MessageParticipant",
  MessageContent & { readonly SkipWhenDTMFBufferEnabled?: string },
  Transitions<"NoMatchingError">
>;

/** Loops prompts while the contact waits in queue or on hold ("Loop prompts"). */
export type MessageParticipantIterativelyAction = ActionShape<
  "MessageParticipantIteratively",
  {
    readonly Messages: readonly PromptContent[];
    /** Seconds after which the action completes with `MessagesInterrupted`. */
    readonly InterruptFrequencySeconds?: string;
  },
  OpenTransitions<"NoMatchingError", EqualsCondition>
>;

/** Shows a view (a step-by-step guide) in the agent workspace; chat only ("Show view"). */
export type ShowViewAction = ActionShape<
  "ShowView",
  {
    readonly ViewResource: { readonly Id: string; readonly Version?: string };
    readonly InvocationTimeLimitSeconds: string;
    /** Free-form data for the view; exports hold booleans and empty strings here. */
    readonly ViewData?: { readonly [key: string]: unknown };
    readonly SensitiveDataConfiguration?: { readonly HideResponseOn?: readonly string[] };
  },
  Transitions<"NoMatchingError" | "NoMatchingCondition" | "TimeLimitExceeded", EqualsCondition>
>;

/** Transfers the call to an external number ("Transfer to phone number"). */
export type TransferParticipantToThirdPartyAction = ActionShape<
  "TransferParticipantToThirdParty",
  {
    readonly ThirdPartyPhoneNumber: string;
    /** 0 to 600 seconds. */
    readonly ThirdPartyConnectionTimeLimitSeconds?: string;
    /** `"True"` or `"False"`; static. */
    readonly ContinueFlowExecution?: string;
    readonly ThirdPartyDTMFDigits?: string;
    readonly CallerId?: { readonly Number?: string; readonly Name?: string };
  },
  Transitions<"CallFailed" | "ConnectionTimeLimitExceeded" | "NoMatchingError">
>;
