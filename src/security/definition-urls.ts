/**
 * Every address a survey definition gives the browser, judged by the deployment's URL policy
 * (url-policy.ts): what the linter warns about, and what `defuseDefinition` removes before
 * survey-core ever loads the definition for a respondent or a preview.
 *
 * - `navigateToUrl`, `navigateToUrlOnCondition[].url`: where the respondent is sent on completion;
 * - `choicesByUrl.url`: where choices are requested;
 * - `imageLink` (image questions, choices of image pickers, image maps), `logo`, `backgroundImage`;
 * - `content` of a file question's default files;
 * - `cookieName`: ignored (a definition writes no cookie);
 * - addresses inside HTML (`html`, `completedHtml`…): reported here; the sanitizer removes them
 *   when the HTML is shown (src/components/SafeHtml.tsx), after answers are filled in.
 *
 * An address with `{placeholders}` is allowed only when the text before the first one fixes an
 * allowed origin: an answer can then change the path, never the site.
 */
import type { JsonPathSegment } from "../schema/problem.ts";
import { describeVerdict, judgeTemplate, judgeUrl, parseSrcset, type UrlPolicy, type UrlUse } from "./url-policy.ts";

export interface DefinitionUrlFinding {
  path: JsonPathSegment[];
  message: string;
  /** Removed from the definition by `defuseDefinition` (otherwise the sanitizer deals with it when shown). */
  removed: boolean;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const IMAGE_KEYS = new Set(["imageLink", "logo", "backgroundImage"]);
const HTML_KEYS = new Set(["html", "completedHtml", "completedBeforeHtml", "loadingHtml"]);
/** HTML attributes that hold addresses, and what the browser does with them. */
const URL_ATTRIBUTES: Record<string, UrlUse> = {
  src: "load",
  poster: "load",
  background: "load",
  data: "load",
  href: "navigate",
  "xlink:href": "navigate",
  action: "navigate",
  formaction: "navigate",
};

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** The texts of a plain or localized string, with their path. */
function texts(value: Json | undefined, path: JsonPathSegment[]): { text: string; path: JsonPathSegment[] }[] {
  if (typeof value === "string") return [{ text: value, path }];
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => (typeof v === "string" ? [{ text: v, path: [...path, k] }] : []));
  return [];
}

const ENTITY = /&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt|colon|tab|newline);?/gi;
function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">", colon: ":", tab: "\t", newline: "\n" };
  return s.replace(ENTITY, (m, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith("#x")) return String.fromCodePoint(parseInt(lower.slice(2), 16) || 0xfffd);
    if (lower.startsWith("#")) return String.fromCodePoint(Number(lower.slice(1)) || 0xfffd);
    return named[lower] ?? m;
  });
}

/** The addresses in an HTML text (attributes, srcset, CSS url()), for the linter. */
export function htmlAddresses(html: string): { what: string; url: string; use: UrlUse | "always-removed" }[] {
  const out: { what: string; url: string; use: UrlUse | "always-removed" }[] = [];
  const tagRe = /<([a-z][a-z0-9-]*)\b([^>]*)>/gi;
  let tag: RegExpExecArray | null;
  while ((tag = tagRe.exec(html))) {
    const name = (tag[1] ?? "").toLowerCase();
    const attrRe = /([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
    let a: RegExpExecArray | null;
    while ((a = attrRe.exec(tag[2] ?? ""))) {
      const attr = (a[1] ?? "").toLowerCase();
      const raw = a[2] ?? "";
      const value = decodeEntities(raw.replace(/^["']|["']$/g, ""));
      if (attr === "srcset" || attr === "imagesrcset") {
        for (const c of parseSrcset(value)) out.push({ what: `<${name} ${attr}>`, url: c.url, use: "load" });
      } else if (attr === "ping") {
        out.push({ what: `<${name} ping>`, url: value, use: "always-removed" });
      } else if (attr === "style" && /url\s*\(/i.test(value)) {
        out.push({ what: `<${name} style>`, url: value, use: "always-removed" });
      } else if (URL_ATTRIBUTES[attr]) {
        out.push({ what: `<${name} ${attr}>`, url: value, use: URL_ATTRIBUTES[attr] });
      }
    }
    if (name === "style") out.push({ what: "<style>", url: "", use: "always-removed" });
  }
  return out;
}

/** Everything in the definition that would make the browser use an address this deployment does not allow. */
export function definitionUrlFindings(definition: unknown, policy: UrlPolicy): DefinitionUrlFinding[] {
  const out: DefinitionUrlFinding[] = [];
  const refuse = (path: JsonPathSegment[], what: string, template: string, use: UrlUse, removed = true) => {
    const v = judgeTemplate(template, use, policy);
    if (!v.ok) out.push({ path, removed, message: `${what} "${shorten(template)}" is not used: ${describeVerdict(v, policy)}` });
    return !v.ok;
  };
  const root = definition as Json;
  if (isObject(root)) {
    if (typeof root["cookieName"] === "string" && root["cookieName"] !== "") {
      out.push({ path: ["cookieName"], removed: true, message: "cookieName is ignored: Survey Studio keeps responses on the device, and a definition does not write cookies" });
    }
    if (typeof root["navigateToUrl"] === "string") refuse(["navigateToUrl"], "the address respondents are sent to on completion", root["navigateToUrl"], "navigate");
    const conditional = root["navigateToUrlOnCondition"];
    if (Array.isArray(conditional)) {
      conditional.forEach((item, i) => {
        if (!isObject(item)) return;
        const bad = texts(item["url"], ["navigateToUrlOnCondition", i, "url"]).find((t) => judgeTemplate(t.text, "navigate", policy).ok === false);
        if (bad) refuse(["navigateToUrlOnCondition", i], "the address respondents are sent to on completion", bad.text, "navigate");
      });
    }
  }

  const stack: { node: Json; path: JsonPathSegment[]; key: string | number | undefined }[] = [{ node: root, path: [], key: undefined }];
  while (stack.length > 0) {
    const { node, path, key: parentKey } = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i] as Json, path: [...path, i], key: parentKey });
      continue;
    }
    if (!isObject(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      const at = [...path, key];
      if (key === "choicesByUrl" && isObject(value) && typeof value["url"] === "string" && value["url"] !== "") {
        refuse(at, "the address choices are requested from", value["url"], "fetch");
        continue;
      }
      if (IMAGE_KEYS.has(key)) {
        for (const t of texts(value, at)) if (t.text !== "") refuse(t.path, `the ${key === "imageLink" ? "image" : key === "logo" ? "logo" : "background image"}`, t.text, "load");
        continue;
      }
      if (key === "defaultValue" && node["type"] === "file" && Array.isArray(value)) {
        value.forEach((f, i) => {
          if (isObject(f) && typeof f["content"] === "string") {
            const v = judgeUrl(f["content"], "load", policy);
            if (!v.ok) out.push({ path: [...at, i], removed: true, message: `the default file "${shorten(String(f["name"] ?? f["content"]))}" is not used: ${describeVerdict(v, policy)}` });
          }
        });
        continue;
      }
      const isHtml = HTML_KEYS.has(key) || (parentKey === "completedHtmlOnCondition" && key === "html");
      if (isHtml) {
        for (const t of texts(value, at)) {
          for (const a of htmlAddresses(t.text)) {
            if (a.use === "always-removed") {
              out.push({ path: t.path, removed: false, message: `${a.what} is removed when the HTML is shown (a definition's HTML loads nothing through it)` });
            } else {
              refuse(t.path, `${a.what}`, a.url, a.use, false);
            }
          }
        }
        continue;
      }
      stack.push({ node: value, path: at, key });
    }
  }
  return out;
}

function shorten(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/**
 * A copy of the definition without what `definitionUrlFindings` marks as removed: the version
 * survey-core loads for respondents and the designer's preview.
 */
export function defuseDefinition<T>(definition: T, policy: UrlPolicy): T {
  const findings = definitionUrlFindings(definition, policy).filter((f) => f.removed);
  if (findings.length === 0) return definition;
  const copy = structuredClone(definition) as unknown as Json;
  const REMOVED = Symbol("removed");
  const arrays = new Set<Json[]>();
  for (const f of findings) {
    let holder: Json = copy;
    for (const seg of f.path.slice(0, -1)) holder = isObject(holder) || Array.isArray(holder) ? ((holder as Record<string | number, Json>)[seg] as Json) : null;
    const last = f.path[f.path.length - 1] as string | number;
    if (Array.isArray(holder)) {
      (holder as unknown[])[last as number] = REMOVED;
      arrays.add(holder);
    } else if (isObject(holder)) delete holder[last];
  }
  for (const a of arrays) {
    const kept = a.filter((x) => (x as unknown) !== REMOVED);
    a.length = 0;
    a.push(...kept);
  }
  return copy as unknown as T;
}
