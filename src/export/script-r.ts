/**
 * The R script of an export: base R only (no packages). It reads each CSV by position with a
 * class per column (codes as text, numbers as numbers), gives the columns valid R names, removes
 * the neutralizing apostrophe, turns coded columns into factors whose levels are the codes and
 * whose labels are the choice texts (ordered for rating scales; a code the survey does not list
 * is kept as its own level, never dropped), converts dates and UTC times, and sets each column's
 * variable label as the attribute "label" (which RStudio's viewer and the labelled packages show).
 * 1/0 choice columns stay integers, with a "labels" attribute naming 0 and 1.
 */
import { packageName, packageNames } from "./package-names.ts";
import { MARK_PATTERN, type ScriptModel, type ScriptTable, type ScriptVariable } from "./script-model.ts";

/** An R string literal (UTF-8 text as it is; controls escaped). */
export function rString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c === 0 || (c >= 0xd800 && c <= 0xdfff)) out += "\\uFFFD";
    else out += ch;
  }
  return `${out}"`;
}

function rVector(items: readonly string[], indent: string): string {
  if (items.length === 0) return "character(0)";
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    const next = line === "" ? item : `${line}, ${item}`;
    if (next.length > 100 && line !== "") {
      lines.push(`${line},`);
      line = item;
    } else line = next;
  }
  lines.push(line);
  return lines.length === 1 ? `c(${lines[0]})` : `c(\n${lines.map((l) => indent + l).join("\n")}\n${indent.slice(2)})`;
}

function colClass(v: ScriptVariable): string {
  if (!v.numeric || v.kind === "codes") return "character";
  if (v.kind === "flag") return "integer";
  return "numeric";
}

/** Distinct factor labels: a label used by two codes gets its code in brackets. */
function distinctLabels(v: ScriptVariable): string[] {
  const count = new Map<string, number>();
  for (const c of v.codes) count.set(c.label, (count.get(c.label) ?? 0) + 1);
  return v.codes.map((c) => ((count.get(c.label) ?? 0) > 1 ? `${c.label} (${c.code})` : c.label));
}

function tableScript(table: ScriptTable): string {
  const { names, renamed } = packageNames(table.variables.map((v) => v.column), "r");
  const object = packageName(table.name.replace(/-/g, "_"), "r");
  const ref = (i: number) => `d[[${rString(names[i] as string)}]]`;
  const lines: string[] = [];
  lines.push(`# ${table.file}: ${table.description}`);
  lines.push(`d <- ss_read(${rString(table.file)}, ${rVector(table.variables.map((v) => rString(colClass(v))), "    ")})`);
  if (renamed.length > 0) {
    lines.push(`# Columns renamed to valid R names (CSV header → R name):`);
    for (const r of renamed) lines.push(`#   ${r.column} → ${r.name}`);
  }
  lines.push(`names(d) <- ${rVector(names.map(rString), "    ")}`);
  const marked = table.variables.flatMap((v, i) => (v.marked ? [i] : []));
  if (marked.length > 0) {
    lines.push(`# Remove the apostrophe the export put before text a spreadsheet could run as a formula.`);
    lines.push(`for (n in ${rVector(marked.map((i) => rString(names[i] as string)), "    ")}) d[[n]] <- ss_unmark(d[[n]])`);
  }
  table.variables.forEach((v, i) => {
    if (v.kind === "codes") {
      const codes = rVector(v.codes.map((c) => rString(c.code)), "    ");
      const labels = rVector(distinctLabels(v).map(rString), "    ");
      lines.push(`${ref(i)} <- ss_factor(${ref(i)}, ${codes},\n  ${labels}${v.ordered ? ", ordered = TRUE" : ""})`);
    } else if (v.kind === "date" && v.datesValid && !v.numeric) lines.push(`${ref(i)} <- as.Date(${ref(i)}, format = "%Y-%m-%d")`);
    else if (v.kind === "datetime" && v.datesValid && !v.numeric) lines.push(`${ref(i)} <- ss_datetime(${ref(i)})`);
  });
  const flags = table.variables.flatMap((v, i) => (v.kind === "flag" && v.numeric ? [i] : []));
  if (flags.length > 0) {
    lines.push(`for (n in ${rVector(flags.map((i) => rString(names[i] as string)), "    ")}) attr(d[[n]], "labels") <- ss_selected`);
  }
  lines.push(`d <- ss_label(d, ${rVector(table.variables.map((v, i) => `${rString(names[i] as string)} = ${rString(v.label)}`), "    ")})`);
  lines.push(`${object} <- d`);
  return lines.join("\n");
}

/** The whole R script for an export's data files. */
export function scriptModelToR(model: ScriptModel): string {
  const objects = model.tables.map((t) => packageName(t.name.replace(/-/g, "_"), "r"));
  const sep = rString(model.delimiter);
  const dec = model.decimalComma ? '","' : '"."';
  const head = [
    `# Survey Studio: loads the export of "${model.surveyId}" and applies its labels (language: ${model.language}).`,
    `# Base R only. The file is UTF-8: run it from the folder that holds the CSV file${model.tables.length > 1 ? "s" : ""} with`,
    `#   source(${rString(`${model.tables[0]?.name ?? "export"}.R`)}, encoding = "UTF-8")`,
    `# or set \`folder\` below. It creates ${objects.map((o) => `\`${o}\``).join(", ")}: coded answers are factors (levels = codes,`,
    `# labels = choice texts), 1/0 choice columns integers, every column's question text is in attr(x, "label").`,
    `# The codebook CSV lists every column with its texts in every language.`,
    ``,
    `folder <- "."`,
    `if (!isTRUE(l10n_info()[["UTF-8"]])) warning("this R session does not use UTF-8: some labels may not show as written")`,
    ``,
    `ss_read <- function(file, classes) {`,
    `  read.csv(file.path(folder, file), header = TRUE, sep = ${sep}, dec = ${dec}, quote = "\\"", colClasses = classes,`,
    `           check.names = FALSE, na.strings = "", encoding = "UTF-8", comment.char = "", strip.white = FALSE)`,
    `}`,
    `# The export put an apostrophe before text starting with = + - @ (also after blanks, or full-width), tab or`,
    `# a line break, so that no spreadsheet runs it; this removes one where such a character follows it.`,
    `ss_unmark <- function(x) {`,
    `  i <- !is.na(x) & grepl(${rString(`(*UTF)${MARK_PATTERN}`)}, x, perl = TRUE)`,
    `  x[i] <- substring(x[i], 2)`,
    `  x`,
    `}`,
    `# Codes → a factor; a code the survey does not list is kept as a level of its own.`,
    `ss_factor <- function(x, codes, labels, ordered = FALSE) {`,
    `  x <- as.character(x)`,
    `  extra <- sort(setdiff(unique(x[!is.na(x)]), codes))`,
    `  if (length(extra) > 0) warning("codes not in the survey kept as they are: ", paste(extra, collapse = ", "))`,
    `  factor(x, levels = c(codes, extra), labels = c(labels, extra), ordered = ordered)`,
    `}`,
    `ss_datetime <- function(x) as.POSIXct(x, format = "%Y-%m-%dT%H:%M:%OSZ", tz = "UTC")`,
    `ss_label <- function(d, labels) {`,
    `  for (n in names(labels)) attr(d[[n]], "label") <- labels[[n]]`,
    `  d`,
    `}`,
    `ss_selected <- c(0L, 1L)`,
    `names(ss_selected) <- c(${rString(model.selected.no)}, ${rString(model.selected.yes)})`,
  ];
  const body = model.tables.map((t) => tableScript(t));
  return `${[...head, "", ...body.flatMap((b) => [b, ""]), "rm(list = intersect(c(\"d\", \"n\"), ls()))"].join("\n")}\n`;
}
