// npx tsx scripts/extract-surveyjs-corpus.ts <survey-library checkout> <out-dir>
//
// Pulls the survey definitions (JSON written as object literals) out of SurveyJS's own test
// suites — markup, e2e, screenshot and accessibility tests of surveyjs/survey-library — into one
// .json file each, for `scripts/conformance.ts`. Only literal data is taken: a property whose value
// is code (a function, a variable, a call) is left out and counted. The checkout and the output
// stay outside this repository: nothing of SurveyJS's is committed here.
//
// A definition is the outermost object literal with `pages`, `elements` or `questions` holding a
// list of objects with a `type`. Custom types registered in the same test file with
// `ComponentCollection.Instance.add({...})` go along in the envelope key `components`.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const [repo, out] = process.argv.slice(2);
if (!repo || !out) {
  console.error("usage: npx tsx scripts/extract-surveyjs-corpus.ts <survey-library checkout> <out-dir>");
  process.exit(2);
}

const SUITES = ["tests/markup", "e2e", "screenshots", "accessibilityTests", "visualRegressionTests/tests", "testCafe"];

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const list: string[] = [];
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) list.push(...filesUnder(path));
    else if (/\.(ts|js)$/.test(name) && !name.endsWith(".d.ts")) list.push(path);
  }
  return list;
}

const NOT_LITERAL = Symbol("not literal");
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** An expression as JSON when it is literal data; `NOT_LITERAL` otherwise. Counts what was left out. */
function toJson(node: ts.Expression, dropped: { count: number }): Json | typeof NOT_LITERAL {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return toJson(node.expression, dropped);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return -Number(node.operand.text);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const a = toJson(node.left, dropped);
    const b = toJson(node.right, dropped);
    return typeof a === "string" && typeof b === "string" ? a + b : NOT_LITERAL;
  }
  if (ts.isArrayLiteralExpression(node)) {
    const items: Json[] = [];
    for (const el of node.elements) {
      const v = ts.isSpreadElement(el) ? NOT_LITERAL : toJson(el, dropped);
      if (v === NOT_LITERAL) dropped.count++;
      else items.push(v);
    }
    return items;
  }
  if (ts.isObjectLiteralExpression(node)) {
    const obj: { [k: string]: Json } = {};
    for (const p of node.properties) {
      if (!ts.isPropertyAssignment(p)) {
        dropped.count++;
        continue;
      }
      const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name) ? p.name.text : undefined;
      const v = key === undefined ? NOT_LITERAL : toJson(p.initializer, dropped);
      if (v === NOT_LITERAL || key === undefined) dropped.count++;
      else obj[key] = v;
    }
    return obj;
  }
  return NOT_LITERAL;
}

function propertyNamed(node: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name) return p.initializer;
  }
  return undefined;
}

/** An object literal shaped like a survey definition. */
function isDefinition(node: ts.ObjectLiteralExpression): boolean {
  for (const key of ["pages", "elements", "questions"]) {
    const v = propertyNamed(node, key);
    if (!v || !ts.isArrayLiteralExpression(v)) continue;
    if (key === "pages") {
      if (v.elements.length === 0 || v.elements.some((e) => ts.isObjectLiteralExpression(e) && (propertyNamed(e, "elements") || propertyNamed(e, "questions")))) return true;
    } else if (v.elements.some((e) => ts.isObjectLiteralExpression(e) && propertyNamed(e, "type"))) {
      // A panel or a dynamic panel has `elements` too: a definition has no `type` of its own.
      return !propertyNamed(node, "type");
    }
  }
  return false;
}

interface Extracted {
  source: string;
  line: number;
  dropped: number;
  json: { [k: string]: Json };
}

function extract(file: string, root: string): Extracted[] {
  const text = readFileSync(file, "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const found: Extracted[] = [];
  const components: { [k: string]: Json }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && /ComponentCollection\.Instance\.add$/.test(node.expression.getText(sf)) && node.arguments[0] && ts.isObjectLiteralExpression(node.arguments[0])) {
      const dropped = { count: 0 };
      const v = toJson(node.arguments[0], dropped);
      if (v !== NOT_LITERAL && v && typeof v === "object" && !Array.isArray(v) && typeof v["name"] === "string") components.push(v);
    }
    if (ts.isObjectLiteralExpression(node) && isDefinition(node)) {
      const dropped = { count: 0 };
      const v = toJson(node, dropped);
      if (v !== NOT_LITERAL && v && typeof v === "object" && !Array.isArray(v)) {
        found.push({ source: relative(root, file), line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, dropped: dropped.count, json: v });
      }
      return; // the outermost definition only
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (components.length > 0) {
    for (const f of found) {
      const text = JSON.stringify(f.json);
      const used = components.filter((c) => text.includes(`"type":"${String(c["name"])}"`));
      if (used.length > 0) f.json = { ...f.json, components: used };
    }
  }
  return found;
}

const all: Extracted[] = [];
for (const suite of SUITES) for (const file of filesUnder(join(repo, suite))) all.push(...extract(file, repo));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const seen = new Set<string>();
const index: { file: string; source: string; line: number; dropped: number }[] = [];
for (const e of all) {
  const key = JSON.stringify(e.json);
  if (seen.has(key)) continue;
  seen.add(key);
  const name = `${String(index.length + 1).padStart(4, "0")}-${e.source.replace(/[^A-Za-z0-9]+/g, "-").replace(/-(ts|js)$/, "")}.json`;
  writeFileSync(join(out, name), `${JSON.stringify(e.json, null, 2)}\n`);
  index.push({ file: name, source: e.source, line: e.line, dropped: e.dropped });
}
writeFileSync(join(out, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
console.log(`${all.length} definitions found, ${index.length} distinct, written to ${out} (${index.filter((i) => i.dropped > 0).length} with code-valued properties left out)`);
