// Shared fixtures for the export tests (not a test file itself).
import type { ExportDefinition, ExportRecord } from "../../src/export/types.ts";

export const KITCHEN_SINK = {
  id: "kitchen-sink",
  version: 2,
  languages: ["en", "fr", "ar"],
  title: { default: "Everything", fr: "Tout" },
  pages: [
    {
      name: "p1",
      elements: [
        { type: "html", name: "intro", html: "<p>Hi</p>" },
        { type: "text", name: "full_name", valueName: "respondent", title: { default: "Full name", fr: "Nom complet", ar: "الاسم الكامل" } },
        { type: "text", name: "age", inputType: "number", title: "Age" },
        {
          type: "radiogroup",
          name: "role",
          title: { default: "Role", fr: "Fonction", ar: "الوظيفة" },
          choices: [
            { value: "staff", text: { default: "Staff", fr: "Personnel", ar: "موظف" } },
            { value: "manager", text: { default: "Manager", fr: "Gestionnaire" } },
            7,
          ],
          showOtherItem: true,
        },
        {
          type: "panel",
          name: "inner",
          elements: [
            {
              type: "checkbox",
              name: "areas",
              title: "Areas",
              choices: ["health", "education", { value: "labour", text: { default: "Labour", fr: "Travail" } }],
              showNoneItem: true,
              showSelectAllItem: true,
              showOtherItem: true,
            },
            { type: "tagbox", name: "agencies", choices: ["undp", "iom"], showCommentArea: true },
          ],
        },
        { type: "dropdown", name: "country", choices: [{ value: "sen", text: "Senegal" }], showOtherItem: true, showCommentArea: true },
        { type: "boolean", name: "consent", title: "Consent", valueTrue: "Y", valueFalse: "N", labelTrue: { default: "Agree", fr: "D'accord" } },
        { type: "rating", name: "score", rateMin: 1, rateMax: 3, minRateDescription: "Low", maxRateDescription: "High" },
        { type: "ranking", name: "prio", choices: ["a", "b", "c"] },
        { type: "comment", name: "notes" },
        { type: "expression", name: "total", expression: "1 + 1" },
        { type: "file", name: "attachment" },
      ],
    },
    {
      name: "p2",
      elements: [
        { type: "matrix", name: "grid", columns: [{ value: 1, text: "One" }, { value: 2, text: "Two" }], rows: ["r1", { value: "r2", text: "Row two" }] },
        {
          type: "matrixdropdown",
          name: "act",
          choices: ["lo", "hi"],
          rows: ["data", "law"],
          columns: [
            { name: "active", cellType: "boolean" },
            { name: "lead", cellType: "checkbox", choices: ["undp", "iom"], showOtherItem: true },
            { name: "budget" },
          ],
        },
        { type: "matrixdynamic", name: "plans", columns: [{ name: "plan", cellType: "text" }, { name: "q", cellType: "dropdown", choices: ["q1", "q2"] }] },
        {
          type: "paneldynamic",
          name: "inits",
          templateElements: [
            { type: "text", name: "init_title" },
            { type: "checkbox", name: "init_kinds", choices: ["x", "y"] },
          ],
        },
        { type: "multipletext", name: "contact", items: [{ name: "phone" }, { name: "office", inputType: "number" }] },
      ],
    },
  ],
};

export const KITCHEN_SINK_NAMES = [
  "full_name",
  "age",
  "role",
  "role/other",
  "areas",
  "areas/other",
  "agencies",
  "agencies/comment",
  "country",
  "country/other",
  "country/comment",
  "consent",
  "score",
  "prio",
  "notes",
  "total",
  "attachment",
  "grid/r1",
  "grid/r2",
  "act/data/active",
  "act/data/lead",
  "act/data/lead/other",
  "act/data/budget",
  "act/law/active",
  "act/law/lead",
  "act/law/lead/other",
  "act/law/budget",
  "plans/1/plan",
  "plans/1/q",
  "plans/2/plan",
  "plans/2/q",
  "inits/1/init_title",
  "inits/1/init_kinds",
  "contact/phone",
  "contact/office",
  "response_id",
  "survey_id",
  "survey_version",
  "status",
  "language",
  "created_at",
  "updated_at",
  "completed_at",
];

export function definition(json: Record<string, unknown>, version = Number(json["version"] ?? 1)): ExportDefinition {
  return { surveyId: String(json["id"]), version, json };
}

let counter = 0;

/** A record with a fresh UUID; `at` orders records by createdAt. */
export function record(data: Record<string, unknown>, over: Partial<ExportRecord> = {}): ExportRecord {
  counter++;
  const hex = counter.toString(16).padStart(12, "0");
  const created = new Date(Date.UTC(2026, 0, 1) + counter * 60_000).toISOString();
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    surveyId: "kitchen-sink",
    surveyVersion: 2,
    status: "completed",
    data,
    language: "en",
    createdAt: created,
    updatedAt: created,
    completedAt: created,
    ...over,
  };
}

/** A full ResponseRecord (with revision, currentPage and progress) from an export record. */
export function fullRecord(r: ExportRecord) {
  return { ...r, revision: r.status === "completed" ? 1 : 0, data: { ...r.data }, currentPage: null, progress: r.status === "completed" ? 100 : 0 };
}
