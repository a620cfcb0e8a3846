/** One thing wrong with an input, and where it is. */
export interface Problem {
  file: string;
  /** JSON path in dotted/bracket form, e.g. `pages[2].elements[0].name`; `""` for the whole file. */
  path: string;
  message: string;
  severity: "error" | "warning" | "info";
  line?: number;
  column?: number;
  /** Where the problem comes from: json, envelope, survey-core, linter, studio. */
  source: string;
}

/** `file:line:column: path: severity: message`, the form editors and terminals link to. */
export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.path || "(root)"}: ${p.severity}: ${p.message}`;
}
