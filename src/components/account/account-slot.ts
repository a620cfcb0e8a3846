/**
 * What the app's one server account state offers (made by ./server-account.ts), where it lives
 * once a page has created it, and whether this device has seen a collection server before: types,
 * plain data and one signal, so the app's frame can
 * decide whether to load the header's account link without loading the account code (zod, the
 * requests, the messages) on a deploy that has no server.
 */
import { createSignal } from "solid-js";
import type { Credentials } from "../../remote/http.ts";
import type { ServerPresence } from "../../remote/session.ts";
import type { Session, SurveyRole } from "../../schema/server-api.ts";

export type ServerState = { kind: "unknown" } | ServerPresence;

export interface ServerAccount {
  state(): ServerState;
  /** The signed-in session, if any. */
  session(): Session | undefined;
  /** A server answered (signed in or not): its parts of the UI are shown. */
  present(): boolean;
  /** What calls send: the session's CSRF token (its cookie goes along by itself). */
  credentials(): Credentials;
  /** The account's role in a survey (server administrators act as admin of every survey). */
  roleIn(surveyId: string): SurveyRole | undefined;
  /** The newest version of a survey published on the server, 0 when none, not signed in, or the server does not answer soon. */
  newestPublished(surveyId: string): Promise<number>;
  /** Why the account was signed out, when it was not the user (the session ended). */
  notice(): "sessionEnded" | undefined;
  /** Asks the server again. */
  refresh(): Promise<void>;
  signIn(email: string, password: string): Promise<Session>;
  signOut(): Promise<void>;
  /** A call answered 401: the session ended on the server. */
  sessionLost(): void;
}

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
