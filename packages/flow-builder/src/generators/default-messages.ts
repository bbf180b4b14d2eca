import type { Message } from "../builder/flow-builder.js";
import type { FlowLanguage } from "./flow-options.js";

/**
 * The Amazon Polly voice for each language when no `voice` is given; both have a neural
 * version, which the flows ask for (`TextToSpeechEngine: "Neural"`).
 */
export const defaultVoices: { readonly [L in FlowLanguage]: string } = {
  "en-US": "Joanna",
  "ja-JP": "Kazuha",
};

/** What the flows say in each language when no `messages` are given. */
export const defaultMessages: {
  readonly [L in FlowLanguage]: { readonly sorry: Message; readonly connecting: Message };
} = {
  "ja-JP": {
    sorry:
      "お電話ありがとうございます。申し訳ございませんが、ただいま担当者におつなぎできません。しばらくしてからおかけ直しください。",
    connecting: "担当者におつなぎします。少々お待ちください。",
  },
  "en-US": {
    sorry:
      "Thank you for calling. We are sorry, but no one can take your call right now. Please call again later.",
    connecting: "Connecting you to an agent. Please hold.",
  },
};
