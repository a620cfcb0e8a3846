/** The audit log: who published, exported, changed a role or a link, and when. Rows are only ever added. */
import type { Db } from "./database.ts";

export type AuditAction =
  | "survey.publish"
  | "responses.export"
  | "role.grant"
  | "role.revoke"
  | "link.create"
  | "link.revoke"
  | "user.create"
  | "user.disable"
  | "user.enable"
  | "user.sign-in-link";

export async function audit(db: Db, entry: { actor: string; action: AuditAction; surveyId: string | null; detail?: Record<string, unknown> }): Promise<void> {
  await db.insertInto("audit_log").values({ actor: entry.actor, action: entry.action, survey_id: entry.surveyId, detail: JSON.stringify(entry.detail ?? {}) }).execute();
}

export async function auditEntries(db: Db, filter: { surveyId?: string; before?: number; limit: number }) {
  let q = db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(filter.limit);
  if (filter.surveyId !== undefined) q = q.where("survey_id", "=", filter.surveyId);
  if (filter.before !== undefined) q = q.where("id", "<", filter.before);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor: r.actor, action: r.action, surveyId: r.survey_id, detail: r.detail }));
}
