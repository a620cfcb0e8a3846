/**
 * Signing in to the collection server with an email and a password (`POST /api/session`), who is
 * signed in (`GET /api/session`) and signing out (`DELETE /api/session`). The session itself is an
 * HttpOnly cookie the browser keeps; the answer carries the CSRF token that every change must send
 * back (`Credentials` of ./http.ts).
 */
import { sessionSchema, type Session } from "../schema/server-api.ts";
import { apiJson, apiRequest, RemoteError, type Credentials, type FetchLike } from "./http.ts";

/**
 * What `GET /api/session` says about this deploy: no collection server at all (a static deploy:
 * `/api` answers 404 or the app's own HTML), none reachable now (offline, or the server or its
 * proxy is down), or a server with nobody or someone signed in.
 */
export type ServerPresence = { kind: "none" } | { kind: "unreachable" } | { kind: "signed-out" } | { kind: "signed-in"; session: Session };

export async function readServerPresence(fetchImpl?: FetchLike): Promise<ServerPresence> {
  try {
    return { kind: "signed-in", session: await apiJson(sessionSchema, "/session", { timeoutMs: 15_000 }, fetchImpl) };
  } catch (e) {
    if (!(e instanceof RemoteError)) throw e;
    switch (e.kind) {
      case "problem":
        // The server answered with a problem: it is there. A 5xx is a server that cannot serve now.
        return e.status >= 500 ? { kind: "unreachable" } : { kind: "signed-out" };
      case "network":
        return { kind: "unreachable" };
      default:
        // Something answered /api/session that is not the collection server.
        return { kind: "none" };
    }
  }
}

/** Signs in; a wrong email or password is a RemoteError with code `sign-in-failed`. */
export function signIn(email: string, password: string, fetchImpl?: FetchLike): Promise<Session> {
  return apiJson(sessionSchema, "/session", { method: "POST", json: { email, password } }, fetchImpl);
}

/** Ends the session on the server and clears its cookie. A session that had already ended is fine. */
export async function signOut(who: Credentials, fetchImpl?: FetchLike): Promise<void> {
  try {
    await apiRequest("/session", { method: "DELETE", credentials: who }, fetchImpl);
  } catch (e) {
    if (e instanceof RemoteError && e.kind === "problem" && e.code === "unauthenticated") return;
    throw e;
  }
}

/** The credentials of a signed-in session: its cookie goes along by itself, its CSRF token is sent with changes. */
export function sessionCredentials(session: Session): Credentials {
  return { kind: "session", csrfToken: session.csrfToken };
}
