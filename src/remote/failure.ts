/**
 * What went wrong with a call to the collection server, in one shape the UI can word: the
 * problem's code (docs/api.md, "Problems"), or `network` (no answer: try again later), `no-server`
 * (this deploy has no collection server) or `bad-answer` (something answered, not as expected).
 */
import type { ApiProblem, ProblemCode } from "../schema/server-api.ts";
import { RemoteError } from "./http.ts";

export interface RemoteFailure {
  code: ProblemCode | "network" | "no-server" | "bad-answer" | "unknown";
  /** The HTTP status, 0 without an answer. */
  status: number;
  /** For people (the server's `detail`, in English). */
  detail: string;
  problem?: ApiProblem;
}

export function remoteFailure(e: unknown): RemoteFailure {
  if (e instanceof RemoteError) {
    if (e.kind === "problem") return { code: e.code ?? "unknown", status: e.status, detail: e.message, ...(e.problem ? { problem: e.problem } : {}) };
    return { code: e.kind, status: e.status, detail: e.message };
  }
  return { code: "unknown", status: 0, detail: e instanceof Error ? e.message : String(e) };
}
