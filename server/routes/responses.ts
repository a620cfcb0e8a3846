/** Receiving responses (exactly once), attachments, listing, history and export. */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { planToCsvExport } from "../../src/export/export-csv.ts";
import { planExportFromSource, surveyFileToExportDefinition, type ExportPlan } from "../../src/export/plan.ts";
import { ExportError, type ExportDefinition } from "../../src/export/types.ts";
import { createZipWriter } from "../../src/export/zip.ts";
import { CSV_MIME, ZIP_MIME } from "../../src/export/export-job.ts";
import { parseSurveyFile } from "../../src/schema/survey-file.ts";
import { exportQuerySchema, responseListQuerySchema } from "../../src/schema/server-api.ts";
import { receiptSchema, responseContent, revisionSchema, submissionSchema, type Receipt } from "../../src/schema/submission.ts";
import type { AppContext } from "../context.ts";
import { actorOf, type Access } from "../auth.ts";
import { audit } from "../data/audit.ts";
import { getAttachment, listResponses, openExportSnapshot, putAttachment, receiveRevision, responseHistory, type PageCursor } from "../data/responses.ts";
import { allVersionTexts, getVersion } from "../data/surveys.ts";
import { HttpProblem, parseOr } from "../problems.ts";
import { jsonBody } from "./body.ts";

const SUBMITTERS: Access = { who: "survey", roles: ["admin", "designer", "analyst"], link: true };
const ANALYSTS: Access = { who: "survey", roles: ["admin", "analyst"] };
const surveyId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "must be a survey id");
const revisionParams = z.object({
  surveyId,
  responseId: z.uuid({ error: "must be the response's id (a UUID)" }),
  revision: z.coerce.number().pipe(revisionSchema),
});
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be the SHA-256 of the file, in lowercase hex");

function encodeCursor(c: PageCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id])).toString("base64url");
}

function decodeCursor(s: string): PageCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown[];
    if (typeof createdAt === "string" && typeof id === "string") return { createdAt, id };
  } catch {
    // fall through
  }
  throw new HttpProblem("bad-request", "after: not a cursor this server gave (use the `next` of the previous page)");
}

export async function registerResponseRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db, config } = ctx;
  /** Published versions never change, so one found stays found. */
  const knownVersions = new Set<string>();
  /**
   * Column plans of recent exports, by survey, options, definitions and the snapshot's watermark:
   * exporting again data that has not changed skips the planning pass over every response.
   */
  const plans = new Map<string, ExportPlan>();

  const submitLimit = {
    max: (request: { principal?: { kind: string; link?: { perMinute: number } } }) => (request.principal?.kind === "link" ? (request.principal.link?.perMinute ?? 600) : 60_000),
    keyGenerator: (request: { principal?: { kind: string; link?: { id: string }; user?: { id: string } } }) =>
      request.principal?.kind === "link" ? `link:${request.principal.link?.id}` : `user:${request.principal?.user?.id ?? "?"}`,
    timeWindow: 60_000,
  };

  app.put(
    "/api/surveys/:surveyId/responses/:responseId/revisions/:revision",
    { config: { access: SUBMITTERS, rateLimit: submitLimit as never }, bodyLimit: config.limits.response },
    async (request, reply) => {
      const params = parseOr(revisionParams, request.params, "bad-request", "the URL");
      const body = parseOr(submissionSchema, jsonBody(request));
      const r = body.response;
      const mismatch = [
        r.id !== params.responseId && `response.id is ${r.id} but the URL names ${params.responseId}`,
        r.surveyId !== params.surveyId && `response.surveyId is "${r.surveyId}" but the URL names "${params.surveyId}"`,
        r.revision !== undefined && r.revision !== params.revision && `response.revision is ${r.revision} but the URL names revision ${params.revision}`,
        body.replaces != null && body.replaces >= params.revision && `replaces (${body.replaces}) must be an earlier revision than ${params.revision}`,
      ].filter((m): m is string => typeof m === "string");
      if (mismatch.length > 0) throw new HttpProblem("invalid-body", mismatch.join("; "), { errors: mismatch.map((message) => ({ path: "response", message })) });

      const key = `${params.surveyId}@${r.surveyVersion}`;
      if (!knownVersions.has(key)) {
        if (!(await getVersion(db, params.surveyId, r.surveyVersion))) throw new HttpProblem("unknown-version", `version ${r.surveyVersion} of "${params.surveyId}" is not published on this server`);
        knownVersions.add(key);
      }
      // responseContentHash, computed synchronously with Node's crypto (the same SHA-256 of the same text).
      const hash = createHash("sha256").update(responseContent(r, params.revision)).digest("hex");
      if (hash !== body.contentHash) throw new HttpProblem("hash-mismatch", `the content hash sent (${body.contentHash}) is not the hash of this content (${hash}); the body may have been changed on the way`, { expectedHash: hash });

      // The revision is the one in the path (the body's, when given, was checked to match above).
      const record = { ...r, revision: params.revision };
      const result = await receiveRevision(db, { surveyId: params.surveyId, record, revision: params.revision, replaces: body.replaces ?? null, contentHash: hash, via: actorOf(request) });
      if (result.outcome === "conflict") {
        throw new HttpProblem("revision-conflict", `revision ${params.revision} of response ${params.responseId} was received on ${result.receivedAt.toISOString()} with other content; nothing was overwritten. Reopen and complete the response to send it as a new revision.`, {
          storedHash: result.storedHash,
          receivedAt: result.receivedAt.toISOString(),
        });
      }
      if (result.outcome === "id-taken") throw new HttpProblem("response-id-taken", `the response id ${params.responseId} is already used by another survey on this server`);
      const receipt: Receipt = receiptSchema.parse({
        surveyId: params.surveyId,
        responseId: params.responseId,
        revision: params.revision,
        contentHash: hash,
        receivedAt: result.receivedAt.toISOString(),
        outcome: result.outcome,
        current: result.current,
      });
      if (result.outcome === "created") reply.header("location", `/api/surveys/${params.surveyId}/responses/${params.responseId}`);
      return reply.code(result.outcome === "created" ? 201 : 200).send(receipt);
    },
  );

  app.put(
    "/api/surveys/:surveyId/attachments/:hash",
    { config: { access: SUBMITTERS, rateLimit: submitLimit as never }, bodyLimit: config.limits.attachment },
    async (request, reply) => {
      const params = parseOr(z.object({ surveyId, hash: sha256 }), request.params, "bad-request", "the URL");
      if (!Buffer.isBuffer(request.body)) throw new HttpProblem("unsupported-media-type", "send the file's bytes with its own content type (e.g. image/png or application/octet-stream), not as JSON");
      const bytes = request.body;
      const actual = createHash("sha256").update(bytes).digest("hex");
      if (actual !== params.hash) throw new HttpProblem("hash-mismatch", `the file's SHA-256 is ${actual}, not ${params.hash}`, { expectedHash: actual });
      const contentType = (request.headers["content-type"] ?? "application/octet-stream").split(";")[0]?.trim() || "application/octet-stream";
      const outcome = await putAttachment(db, { surveyId: params.surveyId, hash: actual, contentType, bytes });
      return reply.code(outcome === "created" ? 201 : 200).send({ surveyId: params.surveyId, hash: actual, size: bytes.length, outcome });
    },
  );

  app.get("/api/surveys/:surveyId/attachments/:hash", { config: { access: ANALYSTS } }, async (request, reply) => {
    const params = parseOr(z.object({ surveyId, hash: sha256 }), request.params, "bad-request", "the URL");
    const found = await getAttachment(db, params.surveyId, params.hash);
    if (!found) throw new HttpProblem("not-found", "no such attachment");
    // Served as a download, never rendered on this origin.
    reply.header("content-disposition", `attachment; filename="${params.hash}"`).header("content-security-policy", "default-src 'none'; sandbox");
    reply.header("etag", `"${params.hash}"`).header("cache-control", "private, max-age=31536000, immutable");
    return reply.type(found.contentType).send(Buffer.from(found.bytes));
  });

  app.get("/api/surveys/:surveyId/responses", { config: { access: ANALYSTS } }, async (request) => {
    const { surveyId: id } = parseOr(z.object({ surveyId }), request.params, "bad-request", "the URL");
    const q = parseOr(responseListQuerySchema, request.query, "bad-request", "the query");
    const page = await listResponses(db, { surveyId: id, after: q.after ? decodeCursor(q.after) : undefined, limit: q.limit, ...(q.status ? { status: q.status } : {}) });
    return { items: page.items, next: page.next ? encodeCursor(page.next) : null, total: page.total };
  });

  app.get("/api/surveys/:surveyId/responses/:responseId", { config: { access: ANALYSTS } }, async (request) => {
    const params = parseOr(z.object({ surveyId, responseId: z.uuid() }), request.params, "bad-request", "the URL");
    const history = await responseHistory(db, params.surveyId, params.responseId);
    if (!history) throw new HttpProblem("not-found", "this survey has no response with this id");
    return history;
  });

  app.get("/api/surveys/:surveyId/export", { config: { access: ANALYSTS } }, async (request, reply) => {
    const { surveyId: id } = parseOr(z.object({ surveyId }), request.params, "bad-request", "the URL");
    const { file: wanted, ...options } = parseOr(exportQuerySchema, request.query, "bad-request", "the query");
    const definitions: ExportDefinition[] = [];
    for (const v of await allVersionTexts(db, id)) {
      const parsed = parseSurveyFile(v.text, `${id}.json`);
      if (parsed.ok) definitions.push(surveyFileToExportDefinition(parsed.file));
    }
    if (definitions.length === 0) throw new HttpProblem("not-found", `no survey "${id}" is published here`);
    const file = wanted ?? (options.repeats === "files" ? "zip" : "csv");
    if (file === "csv" && options.repeats === "files") throw new HttpProblem("bad-request", "repeats=files makes several files: ask for file=zip");
    // Logged before the snapshot opens: the embedded database has one connection, which the snapshot holds.
    await audit(db, { actor: actorOf(request), action: "responses.export", surveyId: id, detail: { file, options } });

    const snapshot = await openExportSnapshot(db, id);
    // However the response ends (sent, or the client went away before the first byte), the snapshot closes.
    reply.raw.on("close", () => void snapshot.close().catch((e: unknown) => request.log.warn({ err: e }, "closing an export snapshot failed")));
    let exp;
    try {
      const key = JSON.stringify([id, options, definitions.map((d) => d.version), snapshot.watermark]);
      let plan = plans.get(key);
      if (!plan) {
        plan = await planExportFromSource({ surveyId: id, definitions, counts: snapshot.counts, batches: () => snapshot.batches(), planBatches: () => snapshot.planBatches() }, options);
        plans.set(key, plan);
        if (plans.size > 32) plans.delete(plans.keys().next().value as string);
      }
      exp = planToCsvExport(plan);
    } catch (e) {
      await snapshot.close();
      if (e instanceof ExportError) throw new HttpProblem("bad-request", e.message);
      throw e;
    }
    const { files, plan } = exp;
    const chosen = file === "zip" ? files : files.filter((f) => f.kind === (file === "codebook" ? "codebook" : "responses"));
    async function* body(): AsyncGenerator<Buffer> {
      try {
        if (file === "zip") {
          const out: Buffer[] = [];
          const zip = createZipWriter((bytes) => void out.push(Buffer.from(bytes)));
          for (const f of chosen) {
            const entry = zip.file(f.name);
            const s = f.stream();
            if (f.kind !== "codebook") {
              for await (const batch of snapshot.batches()) {
                for (const chunk of s.write(batch)) entry.push(chunk);
                if (out.length > 0) yield Buffer.concat(out.splice(0));
              }
            }
            for (const chunk of s.end()) entry.push(chunk);
            entry.end();
          }
          zip.end();
          if (out.length > 0) yield Buffer.concat(out.splice(0));
          return;
        }
        const f = chosen[0];
        if (!f) return;
        const s = f.stream();
        if (f.kind !== "codebook") {
          for await (const batch of snapshot.batches()) for (const chunk of s.write(batch)) yield Buffer.from(chunk);
        }
        for (const chunk of s.end()) yield Buffer.from(chunk);
      } finally {
        await snapshot.close();
      }
    }
    const name = file === "zip" ? exp.archiveName : (chosen[0]?.name ?? `${plan.fileBase}.csv`);
    reply.header("content-disposition", `attachment; filename="${name}"`);
    reply.header("x-export-responses", String(plan.responseCount));
    reply.header("x-export-columns", String(exp.summary.columns));
    reply.header("cache-control", "no-store");
    return reply.type(file === "zip" ? ZIP_MIME : CSV_MIME).send(Readable.from(body(), { objectMode: false }));
  });
}
