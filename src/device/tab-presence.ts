/**
 * Every tab of the app answers "which tabs are open?" with what it shows, so that a tab whose
 * database upgrade is blocked by another one can say which tab to close.
 */
import { TAB_ID } from "../responses/tab-channel.ts";

export interface TabInfo {
  id: string;
  /** The page's main heading, as the person sees it. */
  heading: string;
  /** The route (`#/responses/…`). */
  route: string;
  /** The build the tab runs (an older one is usually the one blocking). */
  build: string;
  openedAt: number;
}

type PresenceMessage = { type: "who"; from: string } | { type: "here"; to: string; info: TabInfo };

const CHANNEL = "survey-studio.tabs";
const openedAt = Date.now();
let answering: BroadcastChannel | undefined;

function describeThisTab(): TabInfo {
  const heading = document.querySelector("main h1")?.textContent?.trim() || document.title;
  return { id: TAB_ID, heading, route: location.hash || "#/", build: __BUILD_ID__, openedAt };
}

/** Makes this tab answer the others' "which tabs are open?" (once per page). */
export function answerPresence(): void {
  if (answering || typeof BroadcastChannel === "undefined") return;
  answering = new BroadcastChannel(CHANNEL);
  answering.onmessage = (e: MessageEvent<PresenceMessage>) => {
    if (e.data?.type === "who" && e.data.from !== TAB_ID) answering?.postMessage({ type: "here", to: e.data.from, info: describeThisTab() } satisfies PresenceMessage);
  };
}

/** The other tabs of the app that answer within `waitMs` (a tab of a build older than this feature does not). */
export function otherTabs(waitMs = 400): Promise<TabInfo[]> {
  if (typeof BroadcastChannel === "undefined") return Promise.resolve([]);
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(CHANNEL);
    const found = new Map<string, TabInfo>();
    channel.onmessage = (e: MessageEvent<PresenceMessage>) => {
      if (e.data?.type === "here" && e.data.to === TAB_ID) found.set(e.data.info.id, e.data.info);
    };
    channel.postMessage({ type: "who", from: TAB_ID } satisfies PresenceMessage);
    setTimeout(() => {
      channel.close();
      resolve([...found.values()].sort((a, b) => a.openedAt - b.openedAt));
    }, waitMs);
  });
}
