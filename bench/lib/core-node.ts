/** survey-core 3.1.1 — the app's copy, not bench/node_modules' 2.x — for work done in Node. */
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const Core = createRequire(join(ROOT, "package.json"))("survey-core") as typeof import("survey-core");

/** Names of the visible questions of one page (the first when `pageName` is null) once `data` is in. */
export function pageNames(def: Record<string, unknown>, data: Record<string, unknown> = {}, pageName: string | null = null): string[] {
  const m = new Core.Model(structuredClone(def));
  m.data = data;
  const page = pageName ? m.getPageByName(pageName) : m.currentPage;
  const names = page.questions.filter((q: { isVisible: boolean }) => q.isVisible).map((q: { name: string }) => q.name);
  m.dispose();
  return names;
}

/** Questions that take an answer (not html, image or expression). */
export function countQuestions(def: Record<string, unknown>): number {
  const m = new Core.Model(structuredClone(def));
  const n = m.getAllQuestions(false, false, false).filter((q: { getType(): string }) => !["html", "image", "expression"].includes(q.getType())).length;
  m.dispose();
  return n;
}
