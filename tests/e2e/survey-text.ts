import { readFileSync } from "node:fs";

type Loc = string | Record<string, string>;
interface El {
  name?: string;
  title?: Loc;
  choices?: (string | number | { value: unknown; text?: Loc })[];
  rows?: (string | { value: unknown; text?: Loc })[];
  columns?: (string | { name?: string; value?: unknown; title?: Loc; text?: Loc })[];
  elements?: El[];
  templateElements?: El[];
  items?: El[];
}

const pick = (v: Loc | undefined, lang: string, fallback: string) =>
  v === undefined ? fallback : typeof v === "string" ? v : (v[lang === "en" ? "default" : lang] ?? v["default"] ?? fallback);

/** Texts of a shipped survey in any of its languages, so tests find questions by what a person reads. */
export class SurveyText {
  readonly json: { pages: El[]; title: Loc };
  constructor(readonly id: string, readonly lang = "en") {
    this.json = JSON.parse(readFileSync(`surveys/${id}.json`, "utf8"));
  }
  in(lang: string): SurveyText {
    return new SurveyText(this.id, lang);
  }
  private find(name: string, els: El[] = this.json.pages): El {
    for (const e of els) {
      if (e.name === name) return e;
      const inner = [...(e.elements ?? []), ...(e.templateElements ?? []), ...(e.items ?? [])];
      if (inner.length) {
        try {
          return this.find(name, inner);
        } catch {
          // keep looking
        }
      }
    }
    throw new Error(`${this.id}: no element named ${name}`);
  }
  title(name: string): string {
    return pick(this.find(name).title, this.lang, name).replace(/\{[^}]+\}/g, "").trim();
  }
  choice(name: string, value: unknown): string {
    const c = (this.find(name).choices ?? []).find((x) => (typeof x === "object" ? x.value : x) === value);
    if (c === undefined) throw new Error(`${this.id}.${name}: no choice ${String(value)}`);
    return typeof c === "object" ? pick(c.text, this.lang, String(c.value)) : String(c);
  }
  row(name: string, value: unknown): string {
    const r = (this.find(name).rows ?? []).find((x) => (typeof x === "object" ? x.value : x) === value);
    return typeof r === "object" ? pick(r.text, this.lang, String(r.value)) : String(r);
  }
  column(name: string, col: unknown): string {
    const c = (this.find(name).columns ?? []).find((x) => (typeof x === "object" ? (x.name ?? x.value) : x) === col);
    return typeof c === "object" ? pick(c.title ?? c.text, this.lang, String(c.name ?? c.value)) : String(c);
  }
}
