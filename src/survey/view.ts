/**
 * Read and act on survey elements through opaque handles. Every read is a
 * tracked Solid dependency (see reactive.ts); components call these functions
 * and never touch survey-core objects themselves.
 */
import type {
  ItemValue,
  MatrixDropdownCell,
  MatrixDropdownColumn,
  MatrixDropdownRowModelBase,
  MatrixRowModel,
  MultipleTextItemModel,
  PanelModel,
  PanelModelBase,
  Question,
  QuestionBooleanModel,
  QuestionCheckboxModel,
  QuestionMatrixDropdownModelBase,
  QuestionMatrixDynamicModel,
  QuestionMatrixModel,
  QuestionMultipleTextModel,
  QuestionPanelDynamicModel,
  QuestionRankingModel,
  QuestionRatingModel,
  QuestionSelectBase,
  QuestionTextModel,
  SurveyElement,
} from "survey-core";
import { locPlain, locText, track } from "./reactive.ts";

declare const elementBrand: unique symbol;
declare const questionBrand: unique symbol;
declare const pageBrand: unique symbol;
declare const choiceBrand: unique symbol;
declare const rowBrand: unique symbol;
declare const columnBrand: unique symbol;
declare const cellBrand: unique symbol;
declare const itemBrand: unique symbol;

export type ElementHandle = { readonly [elementBrand]: true };
export type QuestionHandle = ElementHandle & { readonly [questionBrand]: true };
export type PageHandle = ElementHandle & { readonly [pageBrand]: true };
export type ChoiceHandle = { readonly [choiceBrand]: true };
export type RowHandle = { readonly [rowBrand]: true };
export type ColumnHandle = { readonly [columnBrand]: true };
export type CellHandle = { readonly [cellBrand]: true };
export type TextItemHandle = { readonly [itemBrand]: true };

const el = (h: ElementHandle) => h as unknown as SurveyElement;
const q = <T extends Question = Question>(h: QuestionHandle) => h as unknown as T;
const container = (h: ElementHandle) => h as unknown as PanelModelBase;
const choice = (h: ChoiceHandle) => h as unknown as ItemValue;
/** Arrays are copied: survey-core mutates its arrays in place, and Solid compares by reference. */
const asChoices = (a: readonly ItemValue[]) => [...a] as unknown as ChoiceHandle[];

// ---------- any element ----------
export const elementKey = (h: ElementHandle): string => el(h).id;
export const elementType = (h: ElementHandle): string => el(h).getType();
export const isPanel = (h: ElementHandle): boolean => el(h).isPanel;
export const isVisible = (h: ElementHandle): boolean => el(h).isVisible;
export const asQuestion = (h: ElementHandle): QuestionHandle => h as QuestionHandle;
export const elementsOf = (h: ElementHandle): ElementHandle[] => [...container(h).elements] as unknown as ElementHandle[];
export const title = (h: ElementHandle): string => locText(el(h).locTitle);
export const description = (h: ElementHandle): string => locText(el(h).locDescription);
export const hasTitle = (h: ElementHandle): boolean => {
  const e = el(h) as unknown as { hasTitle?: boolean };
  return e.hasTitle !== false && title(h).length > 0;
};
export const errors = (h: ElementHandle): string[] => {
  const list = el(h).errors;
  return list.map((e) => (track(e.locText, "text"), e.getText()));
};

// ---------- questions ----------
export const questionName = (h: QuestionHandle): string => q(h).name;
export const questionNumber = (h: QuestionHandle): string => q(h).no;
export const inputId = (h: QuestionHandle): string => q(h).inputId;
export const errorId = (h: QuestionHandle): string => `${q(h).id}-errors`;
export const descriptionId = (h: QuestionHandle): string => `${q(h).id}-desc`;
export const isRequired = (h: QuestionHandle): boolean => q(h).isRequired;
export const isReadOnly = (h: QuestionHandle): boolean => q(h).isReadOnly;
export const value = (h: QuestionHandle): unknown => q(h).value;
export const setValue = (h: QuestionHandle, v: unknown): void => {
  q(h).value = v;
};
export const isEmpty = (h: QuestionHandle): boolean => (track(q(h), "value"), q(h).isEmpty());
export const placeholder = (h: QuestionHandle): string =>
  locPlain((q(h) as unknown as { locPlaceholder?: Parameters<typeof locPlain>[0] }).locPlaceholder);
export const displayValue = (h: QuestionHandle): string => {
  const v = (track(q(h), "value"), q(h).displayValue) as unknown;
  return v === undefined || v === null ? "" : String(v);
};

// ---------- text ----------
export const inputType = (h: QuestionHandle): string => q<QuestionTextModel>(h).inputType || "text";
export const textBounds = (h: QuestionHandle) => {
  const t = q<QuestionTextModel>(h);
  const asAttr = (v: unknown) => (v === undefined || v === null || v === "" ? undefined : String(v));
  return { min: asAttr(t.renderedMin), max: asAttr(t.renderedMax), step: asAttr(t.renderedStep) };
};
export const maxLength = (h: QuestionHandle): number | undefined => {
  const n = (q(h) as unknown as { getMaxLength?: () => number | null }).getMaxLength?.();
  return n && n > 0 ? n : undefined;
};
export const autocomplete = (h: QuestionHandle): string | undefined =>
  (q(h) as unknown as { autocomplete?: string }).autocomplete || undefined;
export const commentRows = (h: QuestionHandle): number => (q(h) as unknown as { rows?: number }).rows ?? 4;

type Masked = { maskType?: string; maskInstance?: { getMaskedValue(v: unknown): string; getUnmaskedValue(v: string): unknown } };
export const hasMask = (h: QuestionHandle): boolean => {
  const t = q(h) as unknown as Masked;
  return !!t.maskType && t.maskType !== "none";
};
export const maskedText = (h: QuestionHandle): string => {
  const t = q(h) as unknown as Masked;
  const v = value(h);
  if (v === undefined || v === null || v === "") return "";
  return t.maskInstance ? t.maskInstance.getMaskedValue(v) : String(v);
};
export const setMaskedText = (h: QuestionHandle, text: string): void => {
  const t = q(h) as unknown as Masked;
  const raw = t.maskInstance ? t.maskInstance.getUnmaskedValue(text) : text;
  setValue(h, raw === "" ? undefined : raw);
};
/** Value as text for an input element of the question's input type. */
export const inputText = (h: QuestionHandle): string => {
  const v = value(h);
  return v === undefined || v === null ? "" : String(v);
};
export const setInputText = (h: QuestionHandle, text: string): void => {
  const t = q<QuestionTextModel>(h);
  if (text === "") setValue(h, undefined);
  else if (["number", "range"].includes(t.inputType)) {
    const n = Number(text);
    setValue(h, Number.isFinite(n) ? n : text);
  } else setValue(h, text);
};

// ---------- choices ----------
export const choices = (h: QuestionHandle): ChoiceHandle[] => asChoices(q<QuestionSelectBase>(h).visibleChoices);
export const choiceValue = (c: ChoiceHandle): unknown => choice(c).value;
export const choiceText = (c: ChoiceHandle): string => locText(choice(c).locText);
export const choiceEnabled = (c: ChoiceHandle): boolean => choice(c).isEnabled;
export const isChoiceSelected = (h: QuestionHandle, c: ChoiceHandle): boolean => {
  track(q(h), "value");
  return q<QuestionSelectBase>(h).isItemSelected(choice(c));
};
export const selectChoice = (h: QuestionHandle, c: ChoiceHandle): void => {
  q(h).value = choice(c).value;
};
export const toggleChoice = (h: QuestionHandle, c: ChoiceHandle, checked: boolean): void => {
  q<QuestionCheckboxModel>(h).clickItemHandler(choice(c), checked);
};
/** The text of the "Other" choice (for naming its free-text box). */
export const otherItemText = (h: QuestionHandle): string => locText(q<QuestionSelectBase>(h).otherItem.locText);
export const isOtherSelected = (h: QuestionHandle): boolean => (track(q(h), "value"), q<QuestionSelectBase>(h).isOtherSelected);
export const otherText = (h: QuestionHandle): string => q<QuestionSelectBase>(h).otherValue ?? "";
export const setOtherText = (h: QuestionHandle, text: string): void => {
  q<QuestionSelectBase>(h).otherValue = text;
};
export const otherPlaceholder = (h: QuestionHandle): string =>
  locPlain((q(h) as unknown as { locOtherPlaceholder?: Parameters<typeof locPlain>[0] }).locOtherPlaceholder);

// ---------- boolean ----------
export const booleanLabels = (h: QuestionHandle) => {
  const b = q<QuestionBooleanModel>(h);
  return { yes: locText(b.locLabelTrue), no: locText(b.locLabelFalse) };
};
export const booleanValue = (h: QuestionHandle): boolean | null => {
  const b = q<QuestionBooleanModel>(h);
  track(b, "value");
  return b.isEmpty() ? null : b.booleanValue === true;
};
export const setBooleanValue = (h: QuestionHandle, v: boolean | null): void => {
  const b = q<QuestionBooleanModel>(h);
  if (v === null) b.clearValue();
  else b.booleanValue = v;
};

// ---------- rating ----------
export const rateValues = (h: QuestionHandle): ChoiceHandle[] =>
  asChoices(q<QuestionRatingModel>(h).visibleRateValues as unknown as ItemValue[]);
export const rateLabels = (h: QuestionHandle) => {
  const r = q<QuestionRatingModel>(h);
  return { min: locText(r.locMinRateDescription), max: locText(r.locMaxRateDescription) };
};

// ---------- ranking ----------
export const rankingItems = (h: QuestionHandle): ChoiceHandle[] => {
  const r = q<QuestionRankingModel>(h);
  track(r, "value");
  return asChoices(r.rankingChoices);
};
export const moveRankingItem = (h: QuestionHandle, from: number, to: number): void => {
  const r = q<QuestionRankingModel>(h);
  const order = r.rankingChoices.map((c) => c.value as unknown);
  if (to < 0 || to >= order.length || from === to) return;
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved);
  r.value = order;
};
/** Accepts the shown order as the answer (a ranking left as shown is otherwise unanswered). */
export const acceptRanking = (h: QuestionHandle): void => {
  const r = q<QuestionRankingModel>(h);
  r.value = r.rankingChoices.map((c) => c.value as unknown);
};

// ---------- matrix (single choice) ----------
export const matrixRows = (h: QuestionHandle): RowHandle[] => [...q<QuestionMatrixModel>(h).visibleRows] as unknown as RowHandle[];
export const matrixColumns = (h: QuestionHandle): ChoiceHandle[] => asChoices(q<QuestionMatrixModel>(h).visibleColumns);
export const matrixRowKey = (r: RowHandle): string => (r as unknown as MatrixRowModel).fullName;
export const matrixRowText = (r: RowHandle): string => locText((r as unknown as MatrixRowModel).locText);
export const matrixRowValue = (h: QuestionHandle, r: RowHandle): unknown => {
  track(q(h), "value");
  return (r as unknown as MatrixRowModel).value;
};
export const setMatrixRowValue = (r: RowHandle, v: unknown): void => {
  (r as unknown as MatrixRowModel).value = v;
};
export const matrixRowHasError = (h: QuestionHandle, r: RowHandle): boolean => {
  track(q(h), "errors");
  return (q(h) as unknown as { hasErrorInRow?: (r: MatrixRowModel) => boolean }).hasErrorInRow?.(r as unknown as MatrixRowModel) ?? false;
};

// ---------- matrixdropdown / matrixdynamic ----------
const md = (h: QuestionHandle) => q<QuestionMatrixDropdownModelBase>(h);
export const dropdownMatrixColumns = (h: QuestionHandle): ColumnHandle[] =>
  md(h).visibleColumns.filter((c) => c.isColumnVisible) as unknown as ColumnHandle[];
export const columnTitle = (c: ColumnHandle): string => locText((c as unknown as MatrixDropdownColumn).locTitle);
export const columnRequired = (c: ColumnHandle): boolean => (c as unknown as MatrixDropdownColumn).isRequired;
export const dropdownMatrixRows = (h: QuestionHandle): RowHandle[] => {
  const m = md(h);
  track(m, "rowCount");
  track(m, "visibleRows");
  return [...(m.visibleRows ?? [])] as unknown as RowHandle[];
};
export const dropdownRowText = (r: RowHandle): string => locText((r as unknown as MatrixDropdownRowModelBase).locText);
export const rowCells = (r: RowHandle): CellHandle[] =>
  (r as unknown as MatrixDropdownRowModelBase).cells.filter((c) => c.column.isColumnVisible) as unknown as CellHandle[];
export const cellQuestion = (c: CellHandle): QuestionHandle => (c as unknown as MatrixDropdownCell).question as unknown as QuestionHandle;
export const cellColumnTitle = (c: CellHandle): string => locText((c as unknown as MatrixDropdownCell).column.locTitle);
export const isDynamicMatrix = (h: QuestionHandle): boolean => q(h).getType() === "matrixdynamic";
export const canAddRow = (h: QuestionHandle): boolean => md(h).canAddRow;
export const canRemoveRow = (h: QuestionHandle, r: RowHandle): boolean =>
  md(h).canRemoveRow(r as unknown as MatrixDropdownRowModelBase);
export const addRow = (h: QuestionHandle): void => q<QuestionMatrixDynamicModel>(h).addRow();
export const removeRow = (h: QuestionHandle, r: RowHandle): void => {
  const m = q<QuestionMatrixDynamicModel>(h);
  const index = m.visibleRows.indexOf(r as unknown as MatrixDropdownRowModelBase);
  if (index >= 0) m.removeRow(index);
};
export const addRowText = (h: QuestionHandle): string =>
  locText((q(h) as unknown as { locAddRowText: Parameters<typeof locText>[0] }).locAddRowText);
export const removeRowText = (h: QuestionHandle): string =>
  locText((q(h) as unknown as { locRemoveRowText: Parameters<typeof locText>[0] }).locRemoveRowText);

// ---------- paneldynamic ----------
const pd = (h: QuestionHandle) => q<QuestionPanelDynamicModel>(h);
export const dynamicPanels = (h: QuestionHandle): ElementHandle[] => {
  const p = pd(h);
  track(p, "panelCount");
  return [...p.visiblePanels] as unknown as ElementHandle[];
};
export const canAddPanel = (h: QuestionHandle): boolean => (track(pd(h), "panelCount"), pd(h).canAddPanel);
export const canRemovePanel = (h: QuestionHandle): boolean => (track(pd(h), "panelCount"), pd(h).canRemovePanel);
export const addPanel = (h: QuestionHandle): void => {
  pd(h).addPanel();
};
export const removePanel = (h: QuestionHandle, panel: ElementHandle): void => {
  pd(h).removePanel(panel as unknown as PanelModel);
};
type WithLoc<K extends string> = { [P in K]: Parameters<typeof locText>[0] };
export const addPanelText = (h: QuestionHandle): string => locText((pd(h) as unknown as WithLoc<"locAddPanelText">).locAddPanelText);
export const removePanelText = (h: QuestionHandle): string => locText((pd(h) as unknown as WithLoc<"locRemovePanelText">).locRemovePanelText);

export const noEntriesText = (h: QuestionHandle): string =>
  locText((pd(h) as unknown as WithLoc<"locNoEntriesText">).locNoEntriesText);

// ---------- multipletext ----------
export const textItems = (h: QuestionHandle): TextItemHandle[] =>
  [...q<QuestionMultipleTextModel>(h).items] as unknown as TextItemHandle[];
export const textItemQuestion = (i: TextItemHandle): QuestionHandle =>
  (i as unknown as MultipleTextItemModel).editor as unknown as QuestionHandle;
export const textItemTitle = (i: TextItemHandle): string => locText((i as unknown as MultipleTextItemModel).locTitle);

// ---------- expression, html, image ----------
export const expressionText = (h: QuestionHandle): string => {
  track(q(h), "value");
  return (q(h) as unknown as { formatedValue: string }).formatedValue ?? "";
};
export const htmlContent = (h: QuestionHandle): string =>
  locText((q(h) as unknown as { locHtml: Parameters<typeof locText>[0] }).locHtml);
export const imageInfo = (h: QuestionHandle) => {
  const i = q(h) as unknown as {
    locImageLink: Parameters<typeof locText>[0];
    locAltText?: Parameters<typeof locText>[0];
    renderedWidth?: string;
    renderedHeight?: string;
  };
  return {
    src: locPlain(i.locImageLink),
    alt: i.locAltText ? locPlain(i.locAltText) : "",
    width: i.renderedWidth,
    height: i.renderedHeight,
  };
};

// ---------- comment area on any question ----------
export const hasCommentArea = (h: QuestionHandle): boolean => !!(q(h) as unknown as { showCommentArea?: boolean }).showCommentArea;
export const commentText = (h: QuestionHandle): string => q(h).comment ?? "";
export const setCommentText = (h: QuestionHandle, text: string): void => {
  q(h).comment = text;
};
export const commentTitle = (h: QuestionHandle): string =>
  locText((q(h) as unknown as { locCommentText: Parameters<typeof locText>[0] }).locCommentText);

// ---------- pages ----------
export interface FieldError {
  id: string;
  title: string;
  messages: string[];
}
/**
 * The visible questions of a page (or panel) that currently show errors, in page
 * order, including questions nested in multiple text, matrices and dynamic panels.
 */
export const errorList = (h: ElementHandle): FieldError[] => {
  const out: FieldError[] = [];
  for (const question of firstLevelQuestions(h)) {
    for (const q of [question, ...question.getNestedQuestions(true, true)]) {
      const messages = q.errors.map((e) => e.getText());
      if (!messages.length) continue;
      const title = locText(q.locTitle) || q.name;
      const parent = q === question ? "" : `${locText(question.locTitle) || question.name} — `;
      out.push({ id: q.inputId, title: parent + title, messages });
    }
  }
  return out;
};

function firstLevelQuestions(h: ElementHandle): Question[] {
  return (container(h) as unknown as { questions: Question[] }).questions.filter((q) => q.isVisible);
}
