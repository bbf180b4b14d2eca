import type { Message } from "../builder/flow-builder.js";
import type { FlowLanguage, FlowMessages } from "./flow-options.js";

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
  readonly [L in FlowLanguage]: { readonly [K in keyof Required<FlowMessages>]: Message };
} = {
  "ja-JP": {
    sorry:
      "お電話ありがとうございます。申し訳ございませんが、ただいま担当者におつなぎできません。しばらくしてからおかけ直しください。",
    connecting: "担当者におつなぎします。少々お待ちください。",
    waitingForAgent:
      "前回の担当者はただいま別のお客様と通話中です。このままお待ちいただければ、空き次第おつなぎします。",
    offerNextAgent:
      "前回の担当者はまだ通話中です。次に空いた担当者におつなぎする場合は1を押してください。このままお待ちいただくこともできます。",
    holdInQueue: "ただいま電話が混み合っております。このまま少々お待ちください。",
  },
  "en-US": {
    sorry:
      "Thank you for calling. We are sorry, but no one can take your call right now. Please call again later.",
    connecting: "Connecting you to an agent. Please hold.",
    waitingForAgent:
      "The agent who helped you last time is finishing another call. Please stay on the line and we will connect you as soon as they are free.",
    offerNextAgent:
      "Your agent is still busy. To speak to the next available agent instead, press 1. Or stay on the line to keep waiting.",
    holdInQueue: "Thank you for holding. The next available agent will be with you shortly.",
  },
};
