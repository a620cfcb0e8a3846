/**
 * Where the app's one server account state lives once a page has created it, and whether this
 * device has seen a collection server before: plain data and one signal, so the app's frame can
 * decide whether to load the header's account link without loading the account code (zod, the
 * requests, the messages) on a deploy that has no server.
 */
import { createSignal } from "solid-js";
import type { ServerAccount } from "./server-account.ts";

const [current, setCurrent] = createSignal<ServerAccount>();

/** The account state, once a page that needs the server has created it (else undefined). */
export const currentServerAccount = current;
export const setCurrentServerAccount = setCurrent;

/**
 * Remembered on this device once a collection server answered here, so that the header asks on
 * every page after that; until then only the pages that need the server (designer, data, account)
 * ask, and the lists and the survey itself never send a request to /api on a static deploy.
 */
const SEEN_KEY = "survey-studio.server-seen";

export function serverSeen(): boolean {
  try {
    return globalThis.localStorage?.getItem(SEEN_KEY) === "1";
  } catch {
    return false;
  }
}

/** Remembers that a server answered here (or forgets it when this deploy has none). */
export function rememberServer(present: boolean | undefined): void {
  try {
    if (present === true) globalThis.localStorage?.setItem(SEEN_KEY, "1");
    else if (present === false) globalThis.localStorage?.removeItem(SEEN_KEY);
  } catch {
    // Storage refused (private mode): the header then waits for a page that asks.
  }
}
