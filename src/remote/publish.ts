/**
 * A designer's calls to the collection server: the published versions of a survey, the server's
 * check of a version (`POST …/versions/{v}/check`), publishing it (`PUT …/versions/{v}`), and the
 * survey's collection links (list, create, revoke). docs/api.md describes the routes.
 *
 * A survey file is sent exactly as saved (its bytes are what the server hashes and stores), so
 * publishing the same saved version twice is answered "identical", never a conflict.
 */
import { z } from "zod";
import { collectionLinkSchema, createdLinkSchema, publishedSurveyListSchema, publishedVersionSchema, publishReportSchema, type CollectionLink, type PublishedSurveyList, type PublishedVersion, type PublishReport } from "../schema/server-api.ts";
import { apiJson, RemoteError, type Credentials, type FetchLike } from "./http.ts";

const versionsSchema = z.object({ surveyId: z.string(), versions: z.array(publishedVersionSchema) });
const linksSchema = z.object({ links: z.array(collectionLinkSchema) });

const surveyPath = (surveyId: string) => `/surveys/${encodeURIComponent(surveyId)}`;

/** The surveys published on the server that the caller may see (a server administrator: all), each with its versions. */
export async function publishedSurveys(who: Credentials, fetchImpl?: FetchLike): Promise<PublishedSurveyList["surveys"]> {
  return (await apiJson(publishedSurveyListSchema, "/surveys", { credentials: who }, fetchImpl)).surveys;
}

/** The versions of a survey published on the server, oldest first; none when the survey is not published there. */
export async function publishedVersions(surveyId: string, who: Credentials, fetchImpl?: FetchLike, timeoutMs?: number): Promise<PublishedVersion[]> {
  try {
    return (await apiJson(versionsSchema, `${surveyPath(surveyId)}/versions`, { credentials: who, ...(timeoutMs ? { timeoutMs } : {}) }, fetchImpl)).versions;
  } catch (e) {
    if (e instanceof RemoteError && e.kind === "problem" && e.code === "not-found") return [];
    throw e;
  }
}

/** What publishing `text` as `version` would say: lint problems and the changes that break stored responses. */
export function checkVersion(surveyId: string, version: number, text: string, who: Credentials, fetchImpl?: FetchLike): Promise<PublishReport> {
  return apiJson(publishReportSchema, `${surveyPath(surveyId)}/versions/${version}/check`, { method: "POST", jsonText: text, credentials: who }, fetchImpl);
}

/**
 * Publishes `text` as `version`: the report with `outcome` "created" or "identical". Refusals are
 * RemoteErrors: `version-conflict` (that version is published with other content), `lint-errors`
 * (its report: {@link refusedReport}), `forbidden` (not a designer of the survey; a new survey
 * needs a server administrator).
 */
export function publishVersion(surveyId: string, version: number, text: string, who: Credentials, fetchImpl?: FetchLike): Promise<PublishReport> {
  return apiJson(publishReportSchema, `${surveyPath(surveyId)}/versions/${version}`, { method: "PUT", jsonText: text, credentials: who }, fetchImpl);
}

/** The report a `lint-errors` refusal carries, if the error is one. */
export function refusedReport(e: unknown): PublishReport | undefined {
  if (!(e instanceof RemoteError) || e.code !== "lint-errors") return undefined;
  const parsed = publishReportSchema.safeParse(e.problem?.["report"]);
  return parsed.success ? parsed.data : undefined;
}

/** The survey's collection links, newest first (never their tokens). */
export async function listLinks(surveyId: string, who: Credentials, fetchImpl?: FetchLike): Promise<CollectionLink[]> {
  const { links } = await apiJson(linksSchema, `${surveyPath(surveyId)}/links`, { credentials: who }, fetchImpl);
  return [...links].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** A new link: the record, its token and the address to hand out (the only time the token is seen). */
export function createLink(surveyId: string, body: { label: string; expiresInDays?: number }, who: Credentials, fetchImpl?: FetchLike): Promise<z.infer<typeof createdLinkSchema>> {
  return apiJson(createdLinkSchema, `${surveyPath(surveyId)}/links`, { method: "POST", json: body, credentials: who }, fetchImpl);
}

/** Revokes a link at once: devices using it are refused (`link-revoked`). */
export function revokeLink(surveyId: string, linkId: string, who: Credentials, fetchImpl?: FetchLike): Promise<CollectionLink> {
  return apiJson(collectionLinkSchema, `${surveyPath(surveyId)}/links/${encodeURIComponent(linkId)}`, { method: "DELETE", credentials: who }, fetchImpl);
}
