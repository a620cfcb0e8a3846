import { createComputed, createRoot, createSignal, on, untrack } from "solid-js";
import { online } from "../../device/online.ts";
import { readServerPresence, sessionCredentials, signIn as signInRemote, signOut as signOutRemote } from "../../remote/session.ts";
import { publishedVersions } from "../../remote/publish.ts";
import { currentServerAccount, rememberServer, serverSeen, setCurrentServerAccount, type ServerAccount, type ServerState } from "./account-slot.ts";

/**
 * Whether this copy of the app has a collection server, and who is signed in to it: one state for
 * the whole app (header, account page, designer, data page). The server is asked once, when a page
 * first needs it, and again when the device comes back online while it could not be reached. With
 * no server (a static deploy) it settles on `none` and the server's parts of the UI stay hidden.
 */
export type { ServerAccount, ServerState } from "./account-slot.ts";

/** A new account state (the app uses the one of {@link serverAccount}; tests make their own). */
export function createServerAccount(): ServerAccount {
  const [state, setState] = createSignal<ServerState>({ kind: "unknown" });
  const [notice, setNotice] = createSignal<"sessionEnded">();
  let asking: Promise<void> | undefined;

  const refresh = () =>
    (asking ??= readServerPresence()
      .then((p) => {
        rememberServer(p.kind === "signed-in" || p.kind === "signed-out" ? true : p.kind === "none" ? false : undefined);
        setState(p);
      })
      .finally(() => (asking = undefined)));

  // A device that could not reach the server asks again once it is online; a static deploy never does.
  createRoot(() =>
    createComputed(
      on(
        online,
        (now, before) => {
          if (now && before === false && untrack(state).kind === "unreachable") void refresh();
        },
        { defer: true },
      ),
    ),
  );

  const session = () => {
    const s = state();
    return s.kind === "signed-in" ? s.session : undefined;
  };

  return {
    state,
    session,
    credentials: () => {
      const s = session();
      return s ? sessionCredentials(s) : { kind: "none" };
    },
    present: () => state().kind === "signed-in" || state().kind === "signed-out",
    roleIn(surveyId) {
      const s = session();
      if (!s) return undefined;
      if (s.user.serverAdmin) return "admin";
      return s.roles.find((r) => r.surveyId === surveyId)?.role;
    },
    notice,
    refresh,
    async newestPublished(surveyId) {
      const s = session();
      if (!s) return 0;
      try {
        const versions = await publishedVersions(surveyId, sessionCredentials(s), undefined, 5_000);
        return versions.reduce((m, v) => Math.max(m, v.version), 0);
      } catch {
        return 0;
      }
    },
    async signIn(email, password) {
      const s = await signInRemote(email, password);
      setNotice(undefined);
      setState({ kind: "signed-in", session: s });
      return s;
    },
    async signOut() {
      const s = session();
      if (s) await signOutRemote(sessionCredentials(s));
      setNotice(undefined);
      setState({ kind: "signed-out" });
    },
    sessionLost() {
      if (state().kind !== "signed-in") return;
      setNotice("sessionEnded");
      setState({ kind: "signed-out" });
    },
  };
}

/** The app's one server account state (created, and the server first asked, on first use). */
export function serverAccount(): ServerAccount {
  const known = untrack(currentServerAccount);
  if (known) return known;
  const account = createServerAccount();
  setCurrentServerAccount(account);
  void account.refresh();
  return account;
}

/** The account state when a page has asked the server already, or this device has seen one before; else undefined (nothing is asked). */
export function serverAccountIfAsked(): ServerAccount | undefined {
  return currentServerAccount() ?? (serverSeen() ? serverAccount() : undefined);
}
