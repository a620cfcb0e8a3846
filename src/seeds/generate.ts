/**
 * Deterministic demo/test responses for Survey Studio.
 *
 * Walks a SurveyJS JSON definition (without survey-core) and produces plausible answers for each
 * question. What a question stores — one value, a list, an object of rows or items, a list of
 * entries — and its choices come from its answer-tree node (src/definition/answer-tree.ts), the
 * model the export reads; the walk over pages and panels is this file's own, because it evaluates
 * simple `visibleIf` conditions as it goes. Everything is derived from a seeded PRNG, so the same survey and options always
 * give byte-identical output. Runs under vitest and `node --experimental-strip-types`, so only
 * erasable TypeScript syntax is used here.
 */
import { createNodeReader, type Choice, type GroupNode, type MultiNode, type QuestionNode, type RepeatNode, type ValueNode } from "../definition/answer-tree.ts";
import type { ResponseRecord } from "../schema/response.ts";
import { responseProgress } from "../schema/response-rules.ts";
import type { SurveyFile } from "../schema/survey-file.ts";

export interface SeedOptions {
  /** Number of responses to generate (a whole number, 0 or more). */
  count: number;
  /** PRNG seed; default 1. */
  seed?: number;
  /** ISO date-time of the first possible `createdAt`; default {@link DEFAULT_START}. */
  start?: string;
  /** Share of completed responses (0–1); default {@link DEFAULT_COMPLETED_SHARE}. */
  completedShare?: number;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_START = "2026-01-05T08:00:00Z";
export const DEFAULT_COMPLETED_SHARE = 0.7;
/** `createdAt` values are spread over this many days after `start`. */
export const SPREAD_DAYS = 150;

const DAY_MS = 86_400_000;
/** Chance that an optional (not `isRequired`) visible question is left empty. */
const SKIP_OPTIONAL = 0.1;
/** Row/panel counts for matrixdynamic and paneldynamic are capped at this. */
const MAX_DYNAMIC_ROWS = 3;

type JsonObject = Record<string, unknown>;
type Scalar = string | number | boolean;

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** A small deterministic random source (mulberry32). */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive); `min` when max < min. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `size` distinct items, in their original order. */
  subset<T>(items: readonly T[], size: number): T[];
  shuffle<T>(items: readonly T[]): T[];
}

function itemAt<T>(items: readonly T[], index: number): T {
  if (index < 0 || index >= items.length) throw new RangeError(`index ${index} outside 0..${items.length - 1}`);
  return items[index] as T;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => (max <= min ? min : min + Math.floor(next() * (max - min + 1)));
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      const a = itemAt(out, i);
      out[i] = itemAt(out, j);
      out[j] = a;
    }
    return out;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError("cannot pick from an empty list");
      return itemAt(items, int(0, items.length - 1));
    },
    subset: (items, size) => {
      const chosen = new Set(shuffle(items.map((_, i) => i)).slice(0, Math.max(0, size)));
      return items.filter((_, i) => chosen.has(i));
    },
    shuffle,
  };
}

/** FNV-1a, 32 bits. */
export function stringToHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A UUID in version-4 format whose bits come from `rng`. */
export function nextUuid(rng: Rng): string {
  const hex = Array.from({ length: 16 }, (_, i) => {
    const b = rng.int(0, 255);
    const fixed = i === 6 ? (b & 0x0f) | 0x40 : i === 8 ? (b & 0x3f) | 0x80 : b;
    return fixed.toString(16).padStart(2, "0");
  }).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------
// Word pools
// ---------------------------------------------------------------------------------------------

interface Phrases {
  /** Short answers to free-text questions. */
  short: readonly string[];
  /** Job titles. */
  roles: readonly string[];
  /** Sentences for comments; some contain commas, quotes or semicolons on purpose (CSV). */
  sentences: readonly string[];
}

const PHRASES: Record<string, Phrases> = {
  en: {
    short: [
      "Community outreach",
      "Water and sanitation",
      "Youth employment",
      "Climate adaptation",
      "Gender equality",
      "Health services",
      "Data collection",
      "Local partners",
      "Capacity building",
      "Food security",
      "Emergency response",
      "Access to education",
    ],
    roles: [
      "Programme Specialist",
      "Head of Office",
      "Monitoring and Evaluation Officer",
      "Data Analyst",
      "Resident Coordinator",
      "Partnerships Officer",
    ],
    sentences: [
      "The training was useful, but the sessions were too short.",
      "Our team needs more support with reporting.",
      "Coordination with partners improved this quarter.",
      'We called it a "quick win", and it was.',
      "Funding arrived late; activities started in March.",
      "Staff turnover remains a challenge, especially in the field offices.",
      "Please share the templates earlier, ideally two weeks before the deadline.",
      "No major issues to report.",
    ],
  },
  fr: {
    short: [
      "Sensibilisation communautaire",
      "Eau et assainissement",
      "Emploi des jeunes",
      "Adaptation au climat",
      "Égalité des genres",
      "Services de santé",
      "Collecte de données",
      "Partenaires locaux",
      "Renforcement des capacités",
      "Sécurité alimentaire",
      "Réponse d'urgence",
      "Accès à l'éducation",
    ],
    roles: [
      "Spécialiste de programme",
      "Cheffe de bureau",
      "Chargé de suivi et d'évaluation",
      "Analyste de données",
      "Coordonnateur résident",
      "Chargée de partenariats",
    ],
    sentences: [
      "La formation était utile, mais les sessions étaient trop courtes.",
      "Notre équipe a besoin de plus d'appui pour les rapports.",
      "La coordination avec les partenaires s'est améliorée ce trimestre.",
      'Le mot "urgence" revient souvent dans nos échanges.',
      "Les fonds sont arrivés en retard ; les activités ont commencé en mars.",
      "La rotation du personnel reste un défi, surtout sur le terrain.",
      "Merci de partager les modèles plus tôt, idéalement deux semaines avant l'échéance.",
      "Aucun problème majeur à signaler.",
    ],
  },
  es: {
    short: [
      "Alcance comunitario",
      "Agua y saneamiento",
      "Empleo juvenil",
      "Adaptación climática",
      "Igualdad de género",
      "Servicios de salud",
      "Recolección de datos",
      "Socios locales",
      "Fortalecimiento de capacidades",
      "Seguridad alimentaria",
      "Respuesta a emergencias",
      "Acceso a la educación",
    ],
    roles: [
      "Especialista de programas",
      "Jefa de oficina",
      "Oficial de monitoreo y evaluación",
      "Analista de datos",
      "Coordinador residente",
      "Oficial de alianzas",
    ],
    sentences: [
      "La capacitación fue útil, pero las sesiones fueron demasiado cortas.",
      "Nuestro equipo necesita más apoyo con los informes.",
      "La coordinación con los socios mejoró este trimestre.",
      'Lo llamamos una "victoria rápida", y lo fue.',
      "Los fondos llegaron tarde; las actividades empezaron en marzo.",
      "La rotación de personal sigue siendo un desafío, sobre todo en el terreno.",
      "Compartan las plantillas antes, idealmente dos semanas antes del plazo.",
      "Ningún problema importante que señalar.",
    ],
  },
  ar: {
    short: [
      "التوعية المجتمعية",
      "المياه والصرف الصحي",
      "تشغيل الشباب",
      "التكيف مع المناخ",
      "المساواة بين الجنسين",
      "الخدمات الصحية",
      "جمع البيانات",
      "الشركاء المحليون",
      "بناء القدرات",
      "الأمن الغذائي",
      "الاستجابة للطوارئ",
      "الوصول إلى التعليم",
    ],
    roles: [
      "أخصائي برامج",
      "رئيسة مكتب",
      "مسؤول الرصد والتقييم",
      "محللة بيانات",
      "المنسق المقيم",
      "مسؤول الشراكات",
    ],
    sentences: [
      "كان التدريب مفيداً، لكن الجلسات كانت قصيرة جداً.",
      "يحتاج فريقنا إلى مزيد من الدعم في إعداد التقارير.",
      "تحسّن التنسيق مع الشركاء خلال هذا الربع.",
      'أطلقنا عليه اسم "نجاح سريع"، وكان كذلك.',
      "زرنا 12 موقعاً في 3 محافظات, وما زال العمل جارياً.",
      "لا يزال دوران الموظفين يمثل تحدياً، خاصة في المكاتب الميدانية.",
      "يرجى مشاركة النماذج في وقت أبكر، ويفضل قبل أسبوعين من الموعد النهائي.",
      "لا توجد مشاكل كبيرة للإبلاغ عنها.",
    ],
  },
};

const DEFAULT_PHRASES: Phrases = {
  short: ["Community outreach", "Data collection", "Local partners"],
  roles: ["Programme Specialist"],
  sentences: ["No major issues to report."],
};

export function languageToPhrases(language: string): Phrases {
  return PHRASES[language] ?? PHRASES["en"] ?? DEFAULT_PHRASES;
}

interface Person {
  first: string;
  last: string;
}

const PEOPLE: readonly Person[] = [
  { first: "Aminata", last: "Diallo" },
  { first: "Kofi", last: "Mensah" },
  { first: "Priya", last: "Sharma" },
  { first: "Wei", last: "Zhang" },
  { first: "Mariana", last: "Silva" },
  { first: "Ahmed", last: "Haddad" },
  { first: "Olga", last: "Petrova" },
  { first: "Tanvir", last: "Rahman" },
  { first: "Nomvula", last: "Dlamini" },
  { first: "Camille", last: "Dubois" },
  { first: "José", last: "Ramírez" },
  { first: "Leilani", last: "Kahale" },
  { first: "Farida", last: "Nasser" },
  { first: "Mateo", last: "Quispe" },
  { first: "Yuki", last: "Tanaka" },
  { first: "Ana", last: "Kovačić" },
  { first: "Samir", last: "Benali" },
  { first: "Grace", last: "Otieno" },
  { first: "Lan", last: "Nguyen" },
  { first: "Sione", last: "Tupou" },
];

interface Org {
  name: string;
  domain: string;
}

const ORGS: readonly Org[] = [
  { name: "UNDP", domain: "undp.org" },
  { name: "UNICEF", domain: "unicef.org" },
  { name: "WHO", domain: "who.int" },
  { name: "WFP", domain: "wfp.org" },
  { name: "UNHCR", domain: "unhcr.org" },
  { name: "ILO", domain: "ilo.org" },
  { name: "FAO", domain: "fao.org" },
  { name: "UNFPA", domain: "unfpa.org" },
  { name: "UN Women", domain: "unwomen.org" },
  { name: "IOM", domain: "iom.int" },
  { name: "OHCHR", domain: "ohchr.org" },
  { name: "UNEP", domain: "unep.org" },
];

const CITIES = ["Dakar", "Nairobi", "Beirut", "Lima", "Dhaka", "Amman", "Bogotá", "Abidjan", "Tunis", "Manila", "Kinshasa", "Quito"];
const DIALLING_CODES = ["221", "233", "91", "86", "55", "961", "7", "880", "27", "33", "52", "1", "51", "81", "385", "216", "254", "84"];
const URL_PATHS = ["projects", "country-office", "reports/2025", "programmes/youth", "en/news", "partners"];

/** "José Ramírez" → "j.ramirez" */
export function personToEmailLocalPart(person: Person): string {
  const ascii = (s: string) =>
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z]/g, "");
  return `${ascii(person.first).slice(0, 1)}.${ascii(person.last)}`;
}

// ---------------------------------------------------------------------------------------------
// JSON helpers
// ---------------------------------------------------------------------------------------------

function asObject(v: unknown): JsonObject | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

function asArray(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

function asString(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function objectsOf(v: unknown): JsonObject[] {
  const out: JsonObject[] = [];
  for (const x of asArray(v)) {
    const o = asObject(x);
    if (o) out.push(o);
  }
  return out;
}

function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  const o = asObject(v);
  return o !== undefined && Object.keys(o).length === 0;
}

function roundTo10(n: number): number {
  return Number(n.toFixed(10));
}

// ---------------------------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------------------------

export type Lookup = (name: string) => unknown;
export type Predicate = (lookup: Lookup) => boolean;

const VAR_RE = String.raw`\{([^{}]+)\}`;
const LITERAL_RE = String.raw`'[^']*'|"[^"]*"|-?\d+(?:\.\d+)?|true|false`;
const UNARY_RE = new RegExp(String.raw`^\s*${VAR_RE}\s*(notempty|empty)\s*$`, "i");
const BINARY_RE = new RegExp(
  String.raw`^\s*${VAR_RE}\s*(==|=|!=|<>|>=|<=|>|<|equal|notequal|contains|notcontains|anyof|allof|noneof)\s*(.+?)\s*$`,
  "i",
);

function literalToValue(text: string): Scalar | undefined {
  const t = text.trim();
  if (!new RegExp(`^(?:${LITERAL_RE})$`, "i").test(t)) return undefined;
  if (t.startsWith("'") || t.startsWith('"')) return t.slice(1, -1);
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  return Number(t);
}

function listToValues(text: string): Scalar[] | undefined {
  const t = text.trim();
  if (!t.startsWith("[") || !t.endsWith("]")) return undefined;
  const inner = t.slice(1, -1).trim();
  if (inner === "") return [];
  const items = inner.match(new RegExp(`(?:${LITERAL_RE})(?=\\s*(?:,|$))`, "gi")) ?? [];
  const values = items.flatMap((i) => literalToValue(i) ?? []);
  const rebuilt = items.join(",").replace(/\s/g, "");
  return rebuilt === inner.replace(/\s/g, "") ? values : undefined;
}

function looseEqual(a: unknown, b: Scalar): boolean {
  if (a === undefined || a === null) return false;
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined && typeof a !== "boolean" && typeof b !== "boolean") return na === nb;
  return String(a).toLowerCase() === String(b).toLowerCase();
}

function valueEquals(v: unknown, lit: Scalar): boolean {
  return Array.isArray(v) ? v.some((x) => looseEqual(x, lit)) : looseEqual(v, lit);
}

function valueContains(v: unknown, lit: Scalar): boolean {
  if (Array.isArray(v)) return v.some((x) => looseEqual(x, lit));
  if (typeof v === "string") return v.toLowerCase().includes(String(lit).toLowerCase());
  return false;
}

function compareNumbers(v: unknown, lit: Scalar, op: string): boolean {
  const a = isEmptyValue(v) ? undefined : asNumber(v);
  const b = asNumber(lit);
  if (a === undefined || b === undefined) return false;
  return op === ">" ? a > b : op === "<" ? a < b : op === ">=" ? a >= b : a <= b;
}

function atomToPredicate(atom: string): Predicate | undefined {
  const unary = UNARY_RE.exec(atom);
  if (unary) {
    const name = (unary[1] ?? "").trim();
    const wantEmpty = (unary[2] ?? "").toLowerCase() === "empty";
    return (lookup) => isEmptyValue(lookup(name)) === wantEmpty;
  }
  const binary = BINARY_RE.exec(atom);
  if (!binary) return undefined;
  const name = (binary[1] ?? "").trim();
  const op = (binary[2] ?? "").toLowerCase();
  const rhs = binary[3] ?? "";
  if (op === "anyof" || op === "allof" || op === "noneof") {
    const list = listToValues(rhs);
    if (!list) return undefined;
    const anyOf = (v: unknown) => list.some((lit) => valueEquals(v, lit));
    if (op === "anyof") return (lookup) => anyOf(lookup(name));
    if (op === "noneof") return (lookup) => !anyOf(lookup(name));
    return (lookup) => {
      const v = lookup(name);
      return list.every((lit) => valueEquals(v, lit));
    };
  }
  const lit = literalToValue(rhs);
  if (lit === undefined) return undefined;
  switch (op) {
    case "=":
    case "==":
    case "equal":
      return (lookup) => valueEquals(lookup(name), lit);
    case "!=":
    case "<>":
    case "notequal":
      return (lookup) => !valueEquals(lookup(name), lit);
    case "contains":
      return (lookup) => valueContains(lookup(name), lit);
    case "notcontains":
      return (lookup) => !valueContains(lookup(name), lit);
    default:
      return (lookup) => compareNumbers(lookup(name), lit, op);
  }
}

/**
 * Turns a simple SurveyJS condition into a predicate: comparisons of one `{variable}` with a
 * literal (`= != > < >= <= contains notcontains anyof allof noneof`), `{x} empty` /
 * `{x} notempty`, joined by `and` / `or` without parentheses. Anything else gives `undefined`.
 */
export function conditionToPredicate(expression: string): Predicate | undefined {
  const literals: string[] = [];
  const masked = expression.replace(/'[^']*'|"[^"]*"/g, (m) => {
    literals.push(m);
    return `\uE000${literals.length - 1}\uE000`;
  });
  if (/[()'"]|!(?!=)/.test(masked) || masked.trim() === "") return undefined;
  const unmask = (s: string) => s.replace(/\uE000(\d+)\uE000/g, (_, i: string) => literals[Number(i)] ?? "");
  const alternatives: Predicate[][] = [];
  for (const orPart of masked.split(/\s+or\s+|\s*\|\|\s*/i)) {
    const conjunction: Predicate[] = [];
    for (const atom of orPart.split(/\s+and\s+|\s*&&\s*/i)) {
      const p = atomToPredicate(unmask(atom));
      if (!p) return undefined;
      conjunction.push(p);
    }
    alternatives.push(conjunction);
  }
  return (lookup) => alternatives.some((all) => all.every((p) => p(lookup)));
}

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

interface Context {
  rng: Rng;
  phrases: Phrases;
  /** createdAt of the response, in ms; default date ranges end here. */
  now: number;
  person: Person;
  org: Org;
  /** The response's data (survey-level values) for conditions. */
  root: JsonObject;
  /** The survey's `calculatedValues`: name → expression. */
  calculated: ReadonlyMap<string, string>;
  /** What a question stores (its answer-tree node): the shape of the value to invent. */
  nodeOf: ReturnType<typeof createNodeReader>;
}

interface Scope {
  /** Where answers are written. */
  values: JsonObject;
  /** Inside a dynamic panel or matrix row: `{panel.x}` / `{row.x}` refer to these values. */
  local?: { prefix: "panel" | "row"; values: JsonObject };
}

interface Answer {
  value: unknown;
  /** Stored as `<key>-Comment` ("other" text or comment area). */
  comment?: string;
}

function pathToValue(source: unknown, path: string): unknown {
  let cur: unknown = source;
  for (const seg of path.split(".")) {
    if (Array.isArray(cur)) cur = /^\d+$/.test(seg) ? cur[Number(seg)] : undefined;
    else cur = asObject(cur)?.[seg];
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** name → expression for the file's `calculatedValues`. */
export function surveyFileToCalculatedValues(file: SurveyFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const cv of objectsOf(file["calculatedValues"])) {
    const name = asString(cv["name"]);
    const expression = asString(cv["expression"]);
    if (name && expression) out.set(name, expression);
  }
  return out;
}

/**
 * Evaluates the few calculated-value expressions that are cheap to mirror: `{x}` and
 * `avg|sum|min|max|count({a}, {b}, …)`. Anything else gives `undefined`.
 */
export function expressionToValue(expression: string, lookup: Lookup): unknown {
  const single = /^\s*\{([^{}]+)\}\s*$/.exec(expression);
  if (single) return lookup(single[1] ?? "");
  const call = /^\s*(avg|sum|min|max|count)\s*\(((?:\s*\{[^{}]+\}\s*,?)*)\)\s*$/i.exec(expression);
  if (!call) return undefined;
  const values: number[] = [];
  for (const m of (call[2] ?? "").matchAll(/\{([^{}]+)\}/g)) {
    const v = lookup(m[1] ?? "");
    const items = Array.isArray(v) ? v : [v];
    for (const item of items) {
      const n = isEmptyValue(item) || typeof item === "boolean" ? undefined : asNumber(item);
      if (n !== undefined) values.push(n);
    }
  }
  switch ((call[1] ?? "").toLowerCase()) {
    case "sum":
      return values.reduce((a, b) => a + b, 0);
    case "count":
      return values.length;
    case "avg":
      return values.length > 0 ? roundTo10(values.reduce((a, b) => a + b, 0) / values.length) : undefined;
    case "min":
      return values.length > 0 ? Math.min(...values) : undefined;
    default:
      return values.length > 0 ? Math.max(...values) : undefined;
  }
}

function scopeToLookup(scope: Scope, ctx: Context): Lookup {
  const { root, calculated } = ctx;
  const visiting = new Set<string>();
  const lookup: Lookup = (rawName) => {
    const name = rawName.trim();
    const local = scope.local;
    if (local && name.toLowerCase().startsWith(`${local.prefix}.`)) {
      return pathToValue(local.values, name.slice(local.prefix.length + 1));
    }
    if (Object.hasOwn(root, name)) return root[name];
    const fromRoot = pathToValue(root, name);
    if (fromRoot !== undefined) return fromRoot;
    const expression = calculated.get(name);
    if (expression !== undefined && !visiting.has(name)) {
      visiting.add(name);
      const value = expressionToValue(expression, lookup);
      visiting.delete(name);
      return value;
    }
    return local && Object.hasOwn(local.values, name) ? local.values[name] : undefined;
  };
  return lookup;
}

/** `visible: false` hides; a simple `visibleIf` is evaluated; a complex one holds half the time. */
function isShown(el: JsonObject, scope: Scope, ctx: Context): boolean {
  if (el["visible"] === false) return false;
  const condition = asString(el["visibleIf"]);
  if (!condition) return true;
  const predicate = conditionToPredicate(condition);
  return predicate ? predicate(scopeToLookup(scope, ctx)) : ctx.rng.chance(0.5);
}

/** Questions that store a value the generator does not invent (survey-core computes it, or it is a file). */
const NO_VALUE_TYPES = new Set(["html", "image", "expression", "signaturepad", "file"]);

function storageKeyOf(el: JsonObject): string | undefined {
  return asString(el["valueName"]) ?? asString(el["name"]);
}

/**
 * Answers `elements` into `scope.values`; returns the written keys grouped by question
 * (a question's value key and its `-Comment` key form one group).
 */
function answerElements(elements: unknown, scope: Scope, ctx: Context): string[][] {
  const groups: string[][] = [];
  for (const el of objectsOf(elements)) {
    const type = (asString(el["type"]) ?? "").toLowerCase();
    if (type === "panel") {
      if (isShown(el, scope, ctx)) groups.push(...answerElements(el["elements"] ?? el["questions"], scope, ctx));
      continue;
    }
    if (NO_VALUE_TYPES.has(type)) continue;
    const key = storageKeyOf(el);
    if (!key || !isShown(el, scope, ctx)) continue;
    if (el["readOnly"] === true) {
      if (el["defaultValue"] !== undefined) {
        scope.values[key] = el["defaultValue"];
        groups.push([key]);
      }
      continue;
    }
    if (el["isRequired"] !== true && ctx.rng.chance(SKIP_OPTIONAL)) continue;
    const node = ctx.nodeOf(el);
    const answer = questionToAnswer(el, node, scope, ctx);
    if (!answer) continue;
    scope.values[key] = answer.value;
    const group = [key];
    let comment = answer.comment;
    if (comment === undefined && node?.comment !== undefined && ctx.rng.chance(0.3)) {
      comment = commentText(el, ctx);
    }
    if (comment !== undefined) {
      scope.values[`${key}-Comment`] = comment;
      group.push(`${key}-Comment`);
    }
    groups.push(group);
  }
  return groups;
}

/** An answer of the shape the question's answer-tree node says it stores. */
function questionToAnswer(el: JsonObject, node: QuestionNode | undefined, scope: Scope, ctx: Context): Answer | undefined {
  if (!node) return undefined;
  switch (node.kind) {
    case "repeat":
      return node.type === "paneldynamic" ? panelDynamicAnswer(el, ctx) : matrixDynamicAnswer(el, node, scope, ctx);
    case "group":
      if (node.childRole === "item") return multipleTextAnswer(el, scope, ctx);
      return node.cells ? matrixDropdownAnswer(el, node, scope, ctx) : matrixAnswer(el, node, ctx);
    case "multi":
      if (!node.ordered) return multipleChoice(el, node, ctx);
      if (node.numeric) return sliderAnswer(el, ctx);
      return listedChoices(node).length > 0 ? { value: ctx.rng.shuffle(listedChoices(node)) } : undefined;
    case "value":
      switch (node.type) {
        case "text":
          return { value: textValue(el, ctx, scopeToLookup(scope, ctx)) };
        case "comment":
          return { value: commentText(el, ctx) };
        case "boolean": {
          const yes = ctx.rng.chance(0.5);
          return { value: (yes ? node.choices[0] : node.choices[1])?.value ?? yes };
        }
        case "rating":
          return ratingAnswer(node, ctx);
        case "slider":
          return sliderAnswer(el, ctx);
      }
      return node.choices.length > 0 ? singleChoice(node, ctx) : undefined;
  }
}

// --- text ------------------------------------------------------------------------------------

type TextKind =
  | "email"
  | "date"
  | "datetime-local"
  | "month"
  | "week"
  | "time"
  | "number"
  | "url"
  | "tel"
  | "color"
  | "password"
  | "person"
  | "role"
  | "org"
  | "city"
  | "phrase";

const INPUT_TYPE_KINDS: Record<string, TextKind> = {
  email: "email",
  date: "date",
  "datetime-local": "datetime-local",
  datetime: "datetime-local",
  month: "month",
  week: "week",
  time: "time",
  number: "number",
  range: "number",
  url: "url",
  tel: "tel",
  color: "color",
  password: "password",
};

function validatorsOf(el: JsonObject): JsonObject[] {
  return objectsOf(el["validators"]);
}

/** Which kind of text a text question (or matrix text cell / multipletext item) expects. */
export function elementToTextKind(el: JsonObject): TextKind {
  const inputType = (asString(el["inputType"]) ?? "text").toLowerCase();
  const byInput = INPUT_TYPE_KINDS[inputType];
  if (byInput) return byInput;
  const validatorTypes = validatorsOf(el).map((v) => asString(v["type"]));
  if (validatorTypes.includes("email")) return "email";
  if (validatorTypes.includes("numeric")) return "number";
  const name = (asString(el["name"]) ?? "").toLowerCase();
  const title = englishTitleOf(el).toLowerCase();
  const words = `${name} ${title}`;
  if (/e-?mail/.test(words)) return "email";
  if (/phone|mobile|(^|[_\s-])tel($|[_\s-])/.test(words)) return "tel";
  if (/url|website|web site|web_site/.test(words)) return "url";
  if (/(^|[_\s-])(role|job|position)($|[_\s-])/.test(words)) return "role";
  if (/organi[sz]ation|agency|entity|ministry|employer|(^|[_-])org($|[_-])/.test(words)) return "org";
  if (
    /^(full_?)?name$|(respondent|contact|person|participant|staff|interviewer|focal_?point)_?name$|contact_?person/.test(name) ||
    /^(your )?(full )?name\b|your name|contact person/.test(title)
  ) {
    return "person";
  }
  if (/city|town|village|district/.test(words)) return "city";
  return "phrase";
}

/** The title in English (or the default locale), or "" — only used to guess what a text field holds. */
function englishTitleOf(el: JsonObject): string {
  const title = el["title"];
  if (typeof title === "string") return title;
  const localized = asObject(title);
  return asString(localized?.["en"]) ?? asString(localized?.["default"]) ?? "";
}

function maxLengthOf(el: JsonObject): number | undefined {
  const lengths = [asNumber(el["maxLength"]), ...validatorsOf(el).map((v) => (v["type"] === "text" ? asNumber(v["maxLength"]) : undefined))];
  const positive = lengths.filter((n): n is number => n !== undefined && n > 0);
  return positive.length > 0 ? Math.min(...positive) : undefined;
}

function clip(text: string, el: JsonObject): string {
  const max = maxLengthOf(el);
  return max !== undefined && text.length > max ? text.slice(0, max).trimEnd() || text.slice(0, max) : text;
}

/** The range to draw from, and the declared limits (`min`/`max`, numeric validators) or ±∞. */
function numberBounds(el: JsonObject, defaults: readonly [number, number]): { range: [number, number]; hard: [number, number] } {
  const mins = [asNumber(el["min"])];
  const maxs = [asNumber(el["max"])];
  for (const v of validatorsOf(el)) {
    if (v["type"] !== "numeric") continue;
    mins.push(asNumber(v["minValue"]));
    maxs.push(asNumber(v["maxValue"]));
  }
  const givenMin = mins.filter((n): n is number => n !== undefined);
  const givenMax = maxs.filter((n): n is number => n !== undefined);
  let lo = givenMin.length > 0 ? Math.max(...givenMin) : undefined;
  let hi = givenMax.length > 0 ? Math.min(...givenMax) : undefined;
  const hard: [number, number] = [lo ?? Number.NEGATIVE_INFINITY, hi ?? Number.POSITIVE_INFINITY];
  if (lo === undefined && hi === undefined) [lo, hi] = defaults;
  else if (lo === undefined) lo = hi !== undefined && hi < defaults[0] ? hi - (defaults[1] - defaults[0]) : defaults[0];
  else if (hi === undefined) hi = lo > defaults[1] ? lo + (defaults[1] - defaults[0]) : defaults[1];
  const low = lo ?? defaults[0];
  const high = hi ?? defaults[1];
  return { range: [low, Math.max(low, high)], hard };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A bound taken from another answer; `strict` for `>` / `<`. */
interface RelatedBound {
  value: unknown;
  strict: boolean;
}

/**
 * Bounds from other answers: `minValueExpression: "{x}"`, or expression validators such as
 * `{end} > {start}` / `{received} <= {confirmed}`.
 */
function relatedBounds(el: JsonObject, lookup: Lookup): { lower: RelatedBound[]; upper: RelatedBound[] } {
  const lower: RelatedBound[] = [];
  const upper: RelatedBound[] = [];
  const single = (v: unknown) => /^\s*\{([^{}]+)\}\s*$/.exec(typeof v === "string" ? v : "")?.[1];
  const minRef = single(el["minValueExpression"]);
  const maxRef = single(el["maxValueExpression"]);
  if (minRef) lower.push({ value: lookup(minRef), strict: false });
  if (maxRef) upper.push({ value: lookup(maxRef), strict: false });
  const name = asString(el["name"]);
  if (!name) return { lower, upper };
  const self = String.raw`\{\s*${escapeRegExp(name)}\s*\}`;
  const other = String.raw`\{([^{}]+)\}`;
  const selfFirst = new RegExp(String.raw`${self}\s*(>=|<=|>|<)\s*${other}`, "g");
  const selfLast = new RegExp(String.raw`${other}\s*(>=|<=|>|<)\s*${self}`, "g");
  for (const v of validatorsOf(el)) {
    const expression = v["type"] === "expression" ? asString(v["expression"]) : undefined;
    if (!expression) continue;
    for (const m of expression.matchAll(selfFirst)) {
      const op = m[1] ?? "";
      (op.startsWith(">") ? lower : upper).push({ value: lookup(m[2] ?? ""), strict: !op.endsWith("=") });
    }
    for (const m of expression.matchAll(selfLast)) {
      const op = m[2] ?? "";
      (op.startsWith("<") ? lower : upper).push({ value: lookup(m[1] ?? ""), strict: !op.endsWith("=") });
    }
  }
  return { lower, upper };
}

/**
 * Narrows the range [lo, hi] by related answers (`toNumber` converts them; `unit` is added for
 * strict bounds). When they leave nothing, the range is moved next to them, by at most `widen`,
 * without crossing the declared limits `hard`.
 */
function applyRelatedBounds(
  range: readonly [number, number],
  hard: readonly [number, number],
  bounds: { lower: RelatedBound[]; upper: RelatedBound[] },
  toNumber: (v: unknown) => number | undefined,
  unit: number,
  widen: number,
): [number, number] {
  let [lo, hi] = range;
  let raised = false;
  for (const b of bounds.lower) {
    const n = toNumber(b.value);
    if (n !== undefined && (b.strict ? n + unit : n) > lo) {
      lo = b.strict ? n + unit : n;
      raised = true;
    }
  }
  for (const b of bounds.upper) {
    const n = toNumber(b.value);
    if (n !== undefined) hi = Math.min(hi, b.strict ? n - unit : n);
  }
  if (lo > hi) {
    if (raised) hi = Math.max(lo, Math.min(hard[1], lo + widen));
    else lo = Math.min(hi, Math.max(hard[0], hi - widen));
  }
  return [lo, Math.max(lo, hi)];
}

function numberValue(el: JsonObject, ctx: Context, lookup: Lookup): number {
  const name = (asString(el["name"]) ?? "").toLowerCase();
  const year = new Date(ctx.now).getUTCFullYear();
  const defaults: [number, number] = /(^|[_-])age($|[_-])/.test(name)
    ? [18, 75]
    : /(^|[_-])year/.test(name)
      ? [year - 30, year]
      : [0, 100];
  const { range, hard } = numberBounds(el, defaults);
  const [lo, hi] = applyRelatedBounds(range, hard, relatedBounds(el, lookup), asNumber, 1, defaults[1] - defaults[0]);
  const intLo = Math.ceil(lo);
  const intHi = Math.floor(hi);
  if (intLo > intHi) return lo;
  if (intLo >= 0 && intHi - intLo > 1000) {
    // Wide ranges (counts, amounts): log-uniform, so small and large values both occur.
    const [a, b] = [Math.log(intLo + 1), Math.log(intHi + 1)];
    return Math.min(intHi, Math.max(intLo, Math.round(Math.exp(a + ctx.rng.next() * (b - a)) - 1)));
  }
  return ctx.rng.int(intLo, intHi);
}

function isoDateToMs(v: unknown): number | undefined {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  const ms = Date.parse(`${v.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

function dateValue(el: JsonObject, ctx: Context, lookup: Lookup): string {
  const min = isoDateToMs(el["min"]);
  const max = isoDateToMs(el["max"]);
  // Declared range, or else the year before the response was started.
  let hi = max ?? Math.floor(ctx.now / DAY_MS) * DAY_MS;
  const lo = min ?? hi - 365 * DAY_MS;
  if (lo > hi) hi = max === undefined ? lo + 365 * DAY_MS : lo;
  const hard: [number, number] = [min ?? Number.NEGATIVE_INFINITY, max ?? Number.POSITIVE_INFINITY];
  const [from, to] = applyRelatedBounds([lo, hi], hard, relatedBounds(el, lookup), isoDateToMs, DAY_MS, 180 * DAY_MS);
  const days = Math.max(0, Math.floor((to - from) / DAY_MS));
  return new Date(from + ctx.rng.int(0, days) * DAY_MS).toISOString().slice(0, 10);
}

function twoDigits(n: number): string {
  return String(n).padStart(2, "0");
}

function textValue(el: JsonObject, ctx: Context, lookup: Lookup): string | number {
  const { rng } = ctx;
  switch (elementToTextKind(el)) {
    case "number":
      return numberValue(el, ctx, lookup);
    case "date":
      return dateValue(el, ctx, lookup);
    case "datetime-local":
      return `${dateValue(el, ctx, lookup)}T${twoDigits(rng.int(8, 18))}:${twoDigits(rng.int(0, 11) * 5)}`;
    case "month":
      return dateValue(el, ctx, lookup).slice(0, 7);
    case "week":
      return `${dateValue(el, ctx, lookup).slice(0, 4)}-W${twoDigits(rng.int(1, 52))}`;
    case "time":
      return `${twoDigits(rng.int(8, 18))}:${twoDigits(rng.int(0, 3) * 15)}`;
    case "email":
      return `${personToEmailLocalPart(ctx.person)}@${ctx.org.domain}`;
    case "url":
      return `https://www.${ctx.org.domain}/${rng.pick(URL_PATHS)}`;
    case "tel":
      return `+${rng.pick(DIALLING_CODES)} ${rng.int(200, 999)} ${rng.int(100, 999)} ${rng.int(100, 999)}`;
    case "color":
      return `#${rng.int(0, 0xffffff).toString(16).padStart(6, "0")}`;
    case "password":
      return Array.from({ length: 12 }, () => "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"[rng.int(0, 54)] ?? "x").join("");
    case "person":
      return clip(`${ctx.person.first} ${ctx.person.last}`, el);
    case "role":
      return clip(rng.pick(ctx.phrases.roles), el);
    case "org":
      return clip(ctx.org.name, el);
    case "city":
      return clip(rng.pick(CITIES), el);
    case "phrase":
      return clip(rng.pick(ctx.phrases.short), el);
  }
}

function commentText(el: JsonObject, ctx: Context): string {
  const { rng, phrases } = ctx;
  const first = rng.pick(phrases.sentences);
  if (rng.chance(0.55)) return clip(first, el);
  const second = rng.pick(phrases.sentences.filter((s) => s !== first));
  return clip(`${first}${rng.chance(0.35) ? "\n" : " "}${second}`, el);
}

// --- choices ---------------------------------------------------------------------------------

/** The values listed in the definition (the choices, or a numeric range), without the built-in none / other items. */
function listedChoices(node: ValueNode | MultiNode): Scalar[] {
  return node.choices.filter((c: Choice) => !c.builtIn).map((c) => c.value);
}

/** Whether the question shows a built-in item (none, refused, dontknow) or the "other" item. */
function shows(node: ValueNode | MultiNode, code: "none" | "refused" | "dontknow" | "other"): boolean {
  return code === "other" ? node.other !== undefined : node.choices.some((c) => c.builtIn && c.code === code);
}

function otherText(ctx: Context): string {
  return ctx.rng.pick(ctx.phrases.short);
}

function singleChoice(node: ValueNode, ctx: Context): Answer | undefined {
  const { rng } = ctx;
  const values = listedChoices(node);
  if (shows(node, "none") && rng.chance(0.07)) return { value: "none" };
  if (shows(node, "refused") && rng.chance(0.03)) return { value: "refused" };
  if (shows(node, "dontknow") && rng.chance(0.04)) return { value: "dontknow" };
  if (shows(node, "other") && (values.length === 0 || rng.chance(0.12))) return { value: "other", comment: otherText(ctx) };
  return values.length > 0 ? { value: rng.pick(values) } : undefined;
}

function multipleChoice(el: JsonObject, node: MultiNode, ctx: Context): Answer | undefined {
  const { rng } = ctx;
  const values = listedChoices(node);
  const allowOther = shows(node, "other") && node.type !== "imagepicker";
  if (shows(node, "none") && rng.chance(0.07)) return { value: ["none"] };
  const wantOther = allowOther && (values.length === 0 || rng.chance(0.12));
  const maxSelected = asNumber(el["maxSelectedChoices"]);
  const minSelected = asNumber(el["minSelectedChoices"]) ?? 1;
  const limit = maxSelected !== undefined && maxSelected > 0 ? maxSelected : Number.POSITIVE_INFINITY;
  const cap = Math.max(0, Math.min(values.length, limit - (wantOther ? 1 : 0)));
  const low = Math.min(cap, Math.max(wantOther ? 0 : 1, minSelected - (wantOther ? 1 : 0)));
  const chosen: Scalar[] = rng.subset(values, rng.int(low, Math.max(low, Math.min(cap, 3))));
  if (wantOther) chosen.push("other");
  if (chosen.length === 0) return undefined;
  return wantOther ? { value: chosen, comment: otherText(ctx) } : { value: chosen };
}

function ratingAnswer(node: ValueNode, ctx: Context): Answer | undefined {
  const values = listedChoices(node);
  return values.length > 0 ? { value: ctx.rng.pick(values) } : undefined;
}

function sliderAnswer(el: JsonObject, ctx: Context): Answer {
  const min = asNumber(el["min"]) ?? 0;
  const max = Math.max(min, asNumber(el["max"]) ?? 100);
  const stepRaw = asNumber(el["step"]) ?? 1;
  const step = stepRaw > 0 ? stepRaw : 1;
  const steps = Math.floor(roundTo10((max - min) / step));
  const one = () => roundTo10(min + ctx.rng.int(0, steps) * step);
  if (el["sliderType"] === "range") {
    const a = one();
    const b = one();
    return { value: [Math.min(a, b), Math.max(a, b)] };
  }
  return { value: one() };
}

// --- matrices and dynamic panels -------------------------------------------------------------

function matrixAnswer(el: JsonObject, node: GroupNode, ctx: Context): Answer | undefined {
  const rows = node.children;
  const columns = rows[0] && rows[0].kind !== "group" && rows[0].kind !== "repeat" ? listedChoices(rows[0]) : [];
  if (rows.length === 0 || columns.length === 0) return undefined;
  // A checkbox matrix stores a list of columns per row, a plain one a single column.
  const cell = (row: QuestionNode) => (row.kind === "multi" ? ctx.rng.subset(columns, ctx.rng.int(1, Math.min(columns.length, 2))) : ctx.rng.pick(columns));
  const everyRow = el["isAllRowRequired"] === true || el["eachRowRequired"] === true;
  const out: JsonObject = {};
  for (const row of rows) if (everyRow || ctx.rng.chance(0.85)) out[row.key] = cell(row);
  if (Object.keys(out).length === 0) {
    const row = ctx.rng.pick(rows);
    out[row.key] = cell(row);
  }
  return { value: out };
}

/** One matrix row `{ columnName: cellValue }`; `{row.x}` conditions refer to the row itself. */
function matrixRowValue(matrix: JsonObject, cells: readonly QuestionNode[], scope: Scope, ctx: Context): JsonObject {
  const row: JsonObject = {};
  const rowScope: Scope = { values: row, local: { prefix: "row", values: row } };
  const rowCtx: Context = { ...ctx, person: ctx.rng.pick(PEOPLE), org: ctx.rng.pick(ORGS) };
  const lookupRoot = scope.local ? { ...ctx.root, ...scope.local.values } : ctx.root;
  const answerable: { name: string; cell: JsonObject; node: QuestionNode }[] = [];
  for (const column of objectsOf(matrix["columns"])) {
    const name = asString(column["name"]);
    // The cell's node has its effective type (the column's or the matrix's) and choices.
    const node = name === undefined ? undefined : cells.find((c) => c.name === name);
    if (!name || !node || NO_VALUE_TYPES.has(node.type)) continue;
    if (!isShown(column, rowScope, { ...rowCtx, root: lookupRoot })) continue;
    answerable.push({ name, cell: { ...column, type: node.type }, node });
  }
  const answer = ({ name, cell, node }: (typeof answerable)[number]) => {
    const a = questionToAnswer(cell, node, rowScope, rowCtx);
    if (!a) return;
    row[name] = a.value;
    if (a.comment !== undefined) row[`${name}-Comment`] = a.comment;
  };
  for (const a of answerable) {
    if (a.cell["isRequired"] === true || !ctx.rng.chance(SKIP_OPTIONAL)) answer(a);
  }
  if (Object.keys(row).length === 0 && answerable.length > 0) answer(ctx.rng.pick(answerable));
  return row;
}

function matrixDropdownAnswer(el: JsonObject, node: GroupNode, scope: Scope, ctx: Context): Answer | undefined {
  const rows = node.children.map((r) => r.key);
  const cells = node.cells ?? [];
  if (rows.length === 0) return undefined;
  const everyRow = el["isAllRowRequired"] === true || el["eachRowRequired"] === true;
  const out: JsonObject = {};
  for (const row of rows) {
    if (!everyRow && !ctx.rng.chance(0.85)) continue;
    const value = matrixRowValue(el, cells, scope, ctx);
    if (Object.keys(value).length > 0) out[row] = value;
  }
  if (Object.keys(out).length === 0) {
    const value = matrixRowValue(el, cells, scope, ctx);
    if (Object.keys(value).length === 0) return undefined;
    out[ctx.rng.pick(rows)] = value;
  }
  return { value: out };
}

function dynamicCount(el: JsonObject, minKey: string, maxKey: string, ctx: Context): number {
  const low = Math.max(0, asNumber(el[minKey]) ?? 0, el["isRequired"] === true ? 1 : 0);
  const high = Math.max(low, Math.min(MAX_DYNAMIC_ROWS, asNumber(el[maxKey]) ?? MAX_DYNAMIC_ROWS));
  return ctx.rng.int(Math.ceil(low), Math.floor(high));
}

function matrixDynamicAnswer(el: JsonObject, node: RepeatNode, scope: Scope, ctx: Context): Answer | undefined {
  if (objectsOf(el["columns"]).length === 0) return undefined;
  const n = dynamicCount(el, "minRowCount", "maxRowCount", ctx);
  const rows: JsonObject[] = [];
  for (let i = 0; i < n; i++) {
    const row = matrixRowValue(el, node.children, scope, ctx);
    if (Object.keys(row).length > 0) rows.push(row);
  }
  return { value: rows };
}

function panelDynamicAnswer(el: JsonObject, ctx: Context): Answer | undefined {
  const template = el["templateElements"] ?? el["elements"];
  if (objectsOf(template).length === 0) return undefined;
  const n = dynamicCount(el, "minPanelCount", "maxPanelCount", ctx);
  const panels: JsonObject[] = [];
  for (let i = 0; i < n; i++) {
    const panel: JsonObject = {};
    const panelCtx: Context = { ...ctx, person: ctx.rng.pick(PEOPLE), org: ctx.rng.pick(ORGS) };
    for (let attempt = 0; attempt < 3 && Object.keys(panel).length === 0; attempt++) {
      answerElements(template, { values: panel, local: { prefix: "panel", values: panel } }, panelCtx);
    }
    panels.push(panel);
  }
  return { value: panels };
}

function multipleTextAnswer(el: JsonObject, scope: Scope, ctx: Context): Answer | undefined {
  const items = objectsOf(el["items"]).filter((i) => asString(i["name"]) !== undefined);
  if (items.length === 0) return undefined;
  const out: JsonObject = {};
  const answer = (item: JsonObject) => {
    out[String(item["name"])] = textValue({ type: "text", ...item }, ctx, scopeToLookup(scope, ctx));
  };
  for (const item of items) if (item["isRequired"] === true || ctx.rng.chance(0.85)) answer(item);
  if (Object.keys(out).length === 0) answer(ctx.rng.pick(items));
  return { value: out };
}

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

interface PageInfo {
  name: string;
  page: JsonObject;
}

/** The file's pages with the names survey-core gives them (`page1`, `page2`… when unnamed). */
export function surveyFileToPages(file: SurveyFile): PageInfo[] {
  // Root-level elements without pages are one page, as survey-core loads them.
  const pages = file.pages ?? [{ elements: file.elements ?? file.questions ?? [] }];
  return pages.map((page, i) => ({ name: asString(page.name) ?? `page${i + 1}`, page }));
}

function checkOptions(options: SeedOptions): { count: number; seed: number; startMs: number; completedShare: number } {
  const { count } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const start = options.start ?? DEFAULT_START;
  const startMs = Date.parse(start);
  if (Number.isNaN(startMs)) throw new RangeError(`start must be an ISO date, got "${start}"`);
  const completedShare = options.completedShare ?? DEFAULT_COMPLETED_SHARE;
  if (!(completedShare >= 0 && completedShare <= 1)) {
    throw new RangeError(`completedShare must be between 0 and 1, got ${completedShare}`);
  }
  return { count, seed, startMs, completedShare };
}

interface RecordPlan {
  status: ResponseRecord["status"];
  language: string;
  createdMs: number;
}

function buildRecord(file: SurveyFile, pages: readonly PageInfo[], plan: RecordPlan, rng: Rng, nodeOf: Context["nodeOf"]): ResponseRecord {
  const id = nextUuid(rng);
  const data: JsonObject = {};
  const ctx: Context = {
    rng,
    phrases: languageToPhrases(plan.language),
    now: plan.createdMs,
    person: rng.pick(PEOPLE),
    org: rng.pick(ORGS),
    root: data,
    calculated: surveyFileToCalculatedValues(file),
    nodeOf,
  };
  const scope: Scope = { values: data };
  const visible: number[] = [];
  const groupsByPage = pages.map(({ page }, i) => {
    if (!isShown(page, scope, ctx)) return [];
    visible.push(i);
    return answerElements(page["elements"] ?? page["questions"], scope, ctx);
  });
  if (visible.length === 0) visible.push(0);

  const completed = plan.status === "completed";
  const pageIndex = completed ? itemAt(visible, visible.length - 1) : rng.pick(visible);
  let answers: JsonObject = data;
  if (!completed) {
    const keep = new Set<string>();
    groupsByPage.forEach((groups, i) => {
      // The respondent stopped part-way through the current page: its first questions are answered.
      const answered = i < pageIndex ? groups.length : i === pageIndex ? rng.int(0, groups.length) : 0;
      for (const group of groups.slice(0, answered)) for (const k of group) keep.add(k);
    });
    answers = Object.fromEntries(Object.entries(data).filter(([k]) => keep.has(k)));
  }

  const createdAt = new Date(plan.createdMs).toISOString();
  let updatedMs: number;
  let completedAt: string | null = null;
  if (completed) {
    updatedMs = plan.createdMs + rng.int(3 * 60, 45 * 60) * 1000;
    completedAt = new Date(updatedMs).toISOString();
  } else {
    updatedMs = plan.createdMs + rng.int(30, 3 * 86_400) * 1000;
  }
  return {
    id,
    surveyId: file.id,
    surveyVersion: file.version,
    status: plan.status,
    revision: completed ? 1 : 0,
    data: answers,
    currentPage: itemAt(pages, pageIndex).name,
    language: plan.language,
    progress: responseProgress(plan.status, visible.indexOf(pageIndex), visible.length),
    createdAt,
    updatedAt: new Date(updatedMs).toISOString(),
    completedAt,
  };
}

/**
 * `count` plausible responses to `file`. Pure and deterministic: the same file and options always
 * give the same records; the seed is mixed with the survey id and version.
 */
export function generateResponses(file: SurveyFile, options: SeedOptions): ResponseRecord[] {
  const { count, seed, startMs, completedShare } = checkOptions(options);
  if (count === 0) return [];
  const rng = createRng(stringToHash(`${seed}|${file.id}|${file.version}`));
  const pages = surveyFileToPages(file);
  const nodeOf = createNodeReader(file);
  const languages: readonly string[] = file.languages.length > 0 ? file.languages : ["en"];

  const completedCount = Math.round(count * completedShare);
  const statuses = rng.shuffle(
    Array.from({ length: count }, (_, i): ResponseRecord["status"] => (i < completedCount ? "completed" : "draft")),
  );
  const spreadSeconds = SPREAD_DAYS * 86_400;
  const offsets = Array.from({ length: count }, () => rng.int(0, spreadSeconds)).sort((a, b) => a - b);
  const firstLanguage = itemAt(languages, 0);

  return statuses.map((status, i) => {
    // Every language appears once before the mix settles on mostly the first (source) language.
    const language =
      i < languages.length ? itemAt(languages, i) : rng.chance(0.4) ? firstLanguage : rng.pick(languages);
    return buildRecord(file, pages, { status, language, createdMs: startMs + itemAt(offsets, i) * 1000 }, rng, nodeOf);
  });
}

/** `perSurvey` responses for each file, concatenated in file order. */
export function generateDemoData(files: readonly SurveyFile[], perSurvey: number, seed: number = DEFAULT_SEED): ResponseRecord[] {
  return files.flatMap((file) => generateResponses(file, { count: perSurvey, seed }));
}
