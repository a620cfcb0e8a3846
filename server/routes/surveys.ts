/** Published definitions: list and fetch (with ETags), publish (lint, breaking-change report), check. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { publishReportSchema, type BreakingChangeReport, type PublishReport } from "../../src/schema/server-api.ts";
import { textToSha256 } from "../../src/schema/responses-file.ts";
import { parseSurveyFile } from "../../src/schema/survey-file.ts";
import { affects, breakingChanges, type BreakingChange } from "../../src/definition/breaking.ts";
import { lintSurveyText } from "../../src/survey/lint.ts";
import type { AppContext } from "../context.ts";
import { actorOf, userIdOf, type Access } from "../auth.ts";
import { rolesOf } from "../data/accounts.ts";
import { audit } from "../data/audit.ts";
import { responseData } from "../data/responses.ts";
import { getVersion, listPublished, listVersions, publishedFingerprint, publishVersion, surveyExists } from "../data/surveys.ts";
import { HttpProblem, parseOr } from "../problems.ts";

const READERS: Access = { who: "survey", roles: ["admin", "designer", "analyst"], link: true };
const DESIGNERS: Access = { who: "survey", roles: ["admin", "designer"] };
const surveyId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "must be a survey id: lowercase letters, digits and dashes");
const versionParams = z.object({ surveyId, version: z.coerce.number().int().positive("must be a version number (1 or more)").max(1_000_000) });

function etagMatches(request: FastifyRequest, etag: string): boolean {
  const header = request.headers["if-none-match"];
  if (!header) return false;
  return header === "*" || header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

function describeChange(c: BreakingChange): string {
  const name = c.field.key.join(".");
  switch (c.kind) {
    case "removed":
      return `${name} was removed: its answers are no longer in the survey`;
    case "renamed":
      return `${name} seems renamed to ${c.to.key.join(".")}: answers stored under the old name will not show under the new one`;
    case "typeChanged":
      return `${name} changed from ${c.field.type} to ${c.to.type}${c.compatible ? " (stored answers still read the same)" : ": stored answers may not fit the new type"}`;
    case "choicesRemoved":
      return `${name} lost the choice${c.values.length > 1 ? "s" : ""} ${c.values.join(", ")}: answers with ${c.values.length > 1 ? "them" : "it"} have no label any more`;
  }
}

export async function registerSurveyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db, config } = ctx;

  /** Lint, compare with the newest earlier version and count the stored responses each change touches. */
  const check = async (id: string, version: number, text: string): Promise<PublishReport & { errors: number }> => {
    const problems = lintSurveyText(text, `${id}.json`).filter((p) => p.severity !== "info");
    const parsed = parseSurveyFile(text, `${id}.json`);
    const envelopeProblems = [];
    if (parsed.ok && parsed.file.id !== id) envelopeProblems.push({ path: "id", message: `the file's id is "${parsed.file.id}" but it is published as "${id}"`, severity: "error" as const, source: "server" });
    if (parsed.ok && parsed.file.version !== version) envelopeProblems.push({ path: "version", message: `the file's version is ${parsed.file.version} but it is published as version ${version}`, severity: "error" as const, source: "server" });
    const all = [...envelopeProblems, ...problems.map((p) => ({ path: p.path, message: p.message, severity: p.severity, source: p.source, ...(p.line ? { line: p.line } : {}), ...(p.column ? { column: p.column } : {}) }))];
    const errors = all.filter((p) => p.severity === "error").length;
    const versions = await listVersions(db, id);
    const previous = versions.filter((v) => v.version < version).at(-1);
    let breaking: BreakingChangeReport[] = [];
    if (parsed.ok && previous) {
      const before = await getVersion(db, id, previous.version);
      const changes = before ? breakingChanges(JSON.parse(before.text), parsed.file) : [];
      const counts = changes.map(() => 0);
      if (changes.length > 0) {
        for await (const batch of responseData(db, id)) for (const r of batch) changes.forEach((c, i) => void (affects(c, r.data) && (counts[i] = (counts[i] ?? 0) + 1)));
      }
      breaking = changes.map((c, i) => ({
        kind: c.kind,
        field: c.field.key.join("."),
        ...(c.kind === "renamed" || c.kind === "typeChanged" ? { to: c.to.key.join(".") } : {}),
        ...(c.kind === "choicesRemoved" ? { values: c.values } : {}),
        affectedResponses: counts[i] ?? 0,
        message: describeChange(c),
      }));
    }
    return { surveyId: id, version, hash: await textToSha256(text), outcome: "checked", previousVersion: previous?.version ?? null, problems: all, breaking, errors };
  };

  const definitionText = (request: FastifyRequest): string => {
    if (request.rawText === undefined) throw new HttpProblem("unsupported-media-type", "send the survey file as application/json");
    return request.rawText;
  };

  app.get("/api/surveys", { config: { access: { who: "signed-in-or-link" } } }, async (request, reply) => {
    const p = request.principal;
    const only = p.kind === "link" ? [p.link.surveyId] : p.kind === "user" && !p.user.serverAdmin ? (await rolesOf(db, p.user.id)).map((r) => r.surveyId) : undefined;
    const etag = `"${await textToSha256(await publishedFingerprint(db, only))}"`;
    reply.header("etag", etag).header("cache-control", "private, no-cache");
    if (etagMatches(request, etag)) return reply.code(304).send();
    return listPublished(db, only);
  });

  app.get("/api/surveys/:surveyId/versions", { config: { access: READERS } }, async (request) => {
    const { surveyId: id } = parseOr(z.object({ surveyId }), request.params, "bad-request", "the URL");
    if (!(await surveyExists(db, id))) throw new HttpProblem("not-found", `no survey "${id}" is published here`);
    return { surveyId: id, versions: await listVersions(db, id) };
  });

  app.get("/api/surveys/:surveyId/versions/:version", { config: { access: READERS } }, async (request, reply) => {
    const { surveyId: id, version } = parseOr(versionParams, request.params, "bad-request", "the URL");
    const found = await getVersion(db, id, version);
    if (!found) throw new HttpProblem("not-found", `version ${version} of "${id}" is not published here`);
    const etag = `"${found.hash}"`;
    // Versions never change: devices may keep them for good.
    reply.header("etag", etag).header("cache-control", "private, max-age=31536000, immutable");
    if (etagMatches(request, etag)) return reply.code(304).send();
    return reply.type("application/json; charset=utf-8").send(found.text);
  });

  app.post("/api/surveys/:surveyId/versions/:version/check", { config: { access: DESIGNERS }, bodyLimit: config.limits.definition }, async (request) => {
    const { surveyId: id, version } = parseOr(versionParams, request.params, "bad-request", "the URL");
    const { errors: _errors, ...report } = await check(id, version, definitionText(request));
    return publishReportSchema.parse(report);
  });

  app.put("/api/surveys/:surveyId/versions/:version", { config: { access: DESIGNERS }, bodyLimit: config.limits.definition }, async (request, reply) => {
    const { surveyId: id, version } = parseOr(versionParams, request.params, "bad-request", "the URL");
    const text = definitionText(request);
    const isNew = !(await surveyExists(db, id));
    if (isNew && !(request.principal.kind === "user" && request.principal.user.serverAdmin)) throw new HttpProblem("forbidden", "only server administrators publish a new survey");
    const { errors, ...report } = await check(id, version, text);
    if (errors > 0) throw new HttpProblem("lint-errors", `${errors} error(s) in the survey: fix them and publish again`, { report: publishReportSchema.parse(report) });
    const parsed = parseSurveyFile(text, `${id}.json`);
    if (!parsed.ok) throw new HttpProblem("lint-errors", "the survey file cannot be read", { report: publishReportSchema.parse(report) });
    const result = await publishVersion(db, { surveyId: id, version, hash: report.hash, text, title: parsed.file.title, userId: userIdOf(request) });
    if (result.outcome === "conflict") throw new HttpProblem("version-conflict", `version ${version} of "${id}" is published already with other content (hash ${result.hash}); published versions never change: publish it as version ${version + 1}`, { storedHash: result.hash });
    if (result.outcome === "created") {
      await audit(db, { actor: actorOf(request), action: "survey.publish", surveyId: id, detail: { version, hash: report.hash, warnings: report.problems.length, breaking: report.breaking.length } });
    }
    reply.header("etag", `"${report.hash}"`);
    return reply.code(result.outcome === "created" ? 201 : 200).send(publishReportSchema.parse({ ...report, outcome: result.outcome }));
  });
}
