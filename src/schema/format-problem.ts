import type { Problem } from "./problem.ts";

/** `file:line:column: path: severity: message`, the form editors and terminals link to. */
export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.path || "(root)"}: ${p.severity}: ${p.message}`;
}
