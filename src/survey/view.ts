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
import { addFiles, fileEntries, removeFile, type FileStore } from "./files.ts";
import { untrack } from "solid-js";
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
/** A panel, or a page shown as a section (one-page mode, the preview of answers). */
export const isPanel = (h: ElementHandle): boolean => el(h).isPanel || el(h).getType() === "page";
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
/** The id of a panel's or page's own section (for links to its errors). */
export const sectionId = (h: ElementHandle): string => `${el(h).id}-section`;

// ---------- layout: title location, side by side, collapsing ----------
/** Where the title goes: "top", "bottom", "left" (beside the answer on wide screens) or "hidden" (kept for screen readers). */
// Layout settings do not change while a survey is filled: they are read untracked (no signal per
// element and property), which keeps the first render as light as it was without them.
export const titleLocation = (h: ElementHandle): "top" | "bottom" | "left" | "hidden" =>
  untrack(() => {
    const e = el(h) as unknown as { getTitleLocation?: () => string; hasTitle?: boolean };
    if (e.hasTitle === false) return "hidden";
    const where = e.getTitleLocation?.() ?? "top";
    return where === "bottom" || where === "left" || where === "hidden" ? where : "top";
  });
/**
 * The container's elements in rows: an element with `startWithNewLine: false` joins the row
 * before it. Undefined when every element starts its own row (the common case: no row wrappers).
 */
export const rowsOf = (h: ElementHandle): ElementHandle[][] | undefined => {
  const list = container(h).elements;
  if (!untrack(() => list.some((e, i) => i > 0 && e.startWithNewLine === false))) return undefined;
  const rows: ElementHandle[][] = [];
  for (const e of list) {
    if (untrack(() => e.startWithNewLine) === false && rows.length > 0) rows[rows.length - 1]!.push(e as unknown as ElementHandle);
    else rows.push([e as unknown as ElementHandle]);
  }
  return rows;
};
/** An element's width in a row of several: SurveyJS's `width`, `minWidth` and `maxWidth` (CSS lengths). */
export const elementWidth = (h: ElementHandle): { width: string; minWidth: string; maxWidth: string } => {
  const e = untrack(() => {
    const x = el(h) as unknown as { width?: string; minWidth?: string; maxWidth?: string };
    return { width: x.width, minWidth: x.minWidth, maxWidth: x.maxWidth };
  });
  const css = (v: unknown) => (typeof v === "string" && /^\d+(\.\d+)?(px|%|em|rem|vw|ch)?$/.test(v.trim()) ? (/^\d+(\.\d+)?$/.test(v.trim()) ? `${v.trim()}px` : v.trim()) : "");
  return { width: css(e.width), minWidth: css(e.minWidth), maxWidth: css(e.maxWidth) };
};
/** Collapsible panels and questions (`state: "collapsed"` or `"expanded"`). */
export const isCollapsible = (h: ElementHandle): boolean => {
  const state = untrack(() => el(h).state);
  return state === "collapsed" || state === "expanded";
};
export const isCollapsed = (h: ElementHandle): boolean => el(h).isCollapsed;
export const toggleCollapsed = (h: ElementHandle): void => {
  el(h).toggleState();
};
/** Opens every collapsed panel around an element (and the element itself), so that it can be focused. */
export const reveal = (h: ElementHandle): void => {
  let node: SurveyElement | undefined = el(h);
  while (node) {
    if (node.isCollapsed) node.expand();
    node = (node as unknown as { parent?: SurveyElement; parentQuestion?: SurveyElement }).parent ?? (node as unknown as { parentQuestion?: SurveyElement }).parentQuestion ?? undefined;
  }
};
/** A page's name in the table of contents: its `navigationTitle`, else its title, else its name. */
export const pageNavTitle = (h: PageHandle): string => {
  const p = el(h) as unknown as { locNavigationTitle?: Parameters<typeof locText>[0]; name: string };
  return (p.locNavigationTitle ? locText(p.locNavigationTitle) : "") || title(h) || p.name;
};
/** A section of the preview of answers that can be edited (back to its page). */
export const hasEditButton = (h: ElementHandle): boolean => untrack(() => (el(h) as unknown as { hasEditButton?: boolean }).hasEditButton === true);

// ---------- questions ----------
export const questionName = (h: QuestionHandle): string => q(h).name;
/** The key the answer is stored under (`valueName`, else the name). */
export const valueKey = (h: QuestionHandle): string => q(h).getValueName();
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

// ---------- choice layout: colCount ----------
/**
 * How a choice question lays out its choices: one column (SurveyJS's default), in a row that wraps
 * (`colCount: 0`), or in `colCount` columns filled top to bottom as SurveyJS fills them.
 */
export const choiceLayout = (h: QuestionHandle): { kind: "column" } | { kind: "row" } | { kind: "columns"; columns: ChoiceHandle[][] } => {
  const s = q<QuestionSelectBase>(h) as unknown as { colCount?: number; columns?: ItemValue[][]; hasColumns?: boolean };
  const count = untrack(() => s.colCount ?? 1);
  if (count === 0) return { kind: "row" };
  if (count > 1 && s.hasColumns !== false) {
    track(q(h), "visibleChoices");
    const columns = (s.columns ?? []).map((c) => asChoices(c));
    if (columns.length > 1) return { kind: "columns", columns };
  }
  return { kind: "column" };
};

// ---------- imagepicker, buttongroup ----------
export const isMultiSelect = (h: QuestionHandle): boolean => {
  const m = q(h) as unknown as { multiSelect?: boolean; isMultiSelect?: boolean };
  return (m.isMultiSelect ?? m.multiSelect) === true;
};
export const choiceImage = (c: ChoiceHandle): { src: string; video: boolean } => {
  const item = choice(c) as unknown as { locImageLink?: Parameters<typeof locPlain>[0]; contentMode?: string };
  const src = item.locImageLink ? locPlain(item.locImageLink) : "";
  return { src, video: /\.(mp4|webm|ogg)(\?|$)/i.test(src) };
};
export const imagePickerOptions = (h: QuestionHandle) => {
  const p = q(h) as unknown as { showLabel?: boolean; renderedImageWidth?: number; renderedImageHeight?: number; imageFit?: string; contentMode?: string };
  return { showLabel: p.showLabel === true, width: p.renderedImageWidth ?? 200, height: p.renderedImageHeight ?? 150, fit: p.imageFit || "contain", video: p.contentMode === "video" };
};
/** Single-select imagepicker / buttongroup: select; multi-select imagepicker: toggle. */
export const pickChoice = (h: QuestionHandle, c: ChoiceHandle, checked: boolean): void => {
  if (isMultiSelect(h)) {
    const current = Array.isArray(value(h)) ? [...(value(h) as unknown[])] : [];
    const v = choiceValue(c);
    const next = checked ? [...current.filter((x) => x !== v), v] : current.filter((x) => x !== v);
    setValue(h, next.length ? next : undefined);
  } else if (checked) selectChoice(h, c);
  else if (isChoiceSelected(h, c)) setValue(h, undefined);
};

// ---------- rating: stars, smileys, dropdown ----------
export const rateKind = (h: QuestionHandle): "labels" | "stars" | "smileys" => {
  const type = untrack(() => (q<QuestionRatingModel>(h) as unknown as { rateType?: string }).rateType);
  return type === "stars" || type === "smileys" ? type : "labels";
};
export const rateAsDropdown = (h: QuestionHandle): boolean => untrack(() => (q(h) as unknown as { displayMode?: string }).displayMode === "dropdown");
export const rateColored = (h: QuestionHandle): boolean => untrack(() => (q(h) as unknown as { scaleColorMode?: string }).scaleColorMode === "colored");

// ---------- slider ----------
export interface SliderInfo {
  range: boolean;
  min: number;
  max: number;
  step: number;
  labels: { value: number; text: string }[];
  allowClear: boolean;
  minRangeLength: number;
  maxRangeLength: number;
  /** `tooltipFormat` / `labelFormat` with `{0}` for the number. */
  format: string;
}
export const sliderInfo = (h: QuestionHandle): SliderInfo => {
  const s = q(h) as unknown as {
    sliderType: string; renderedMin: number; renderedMax: number; step: number; showLabels: boolean; renderedLabels: ItemValue[]; allowClear: boolean;
    renderedMinRangeLength: number; renderedMaxRangeLength: number; tooltipFormat: string; labelFormat: string;
  };
  return {
    range: s.sliderType === "range",
    min: s.renderedMin,
    max: s.renderedMax,
    step: s.step || 1,
    labels: s.showLabels ? s.renderedLabels.map((l) => ({ value: Number(l.value), text: locText(l.locText) })) : [],
    allowClear: s.allowClear,
    minRangeLength: s.renderedMinRangeLength,
    maxRangeLength: s.renderedMaxRangeLength,
    format: s.tooltipFormat || s.labelFormat || "{0}",
  };
};
/** The slider's answer as numbers: one for a single slider, two (from, to) for a range; empty when unanswered. */
export const sliderValue = (h: QuestionHandle): number[] => {
  const v = value(h);
  if (Array.isArray(v)) return v.filter((x): x is number => typeof x === "number");
  return typeof v === "number" ? [v] : [];
};
/** Sets one thumb (0 = from, 1 = to) within the bounds, keeping a range in order and within its allowed length. */
export const setSliderThumb = (h: QuestionHandle, thumb: number, raw: number): void => {
  const info = sliderInfo(h);
  const snap = (n: number) => Math.min(info.max, Math.max(info.min, Math.round((n - info.min) / info.step) * info.step + info.min));
  const n = snap(raw);
  if (!info.range) {
    setValue(h, n);
    return;
  }
  const cur = sliderValue(h);
  let from = cur[0] ?? info.min;
  let to = cur[1] ?? info.max;
  if (thumb === 0) from = Math.min(n, to - info.minRangeLength >= info.min ? to - info.minRangeLength : to);
  else to = Math.max(n, from + info.minRangeLength <= info.max ? from + info.minRangeLength : from);
  if (to - from > info.maxRangeLength) {
    if (thumb === 0) to = from + info.maxRangeLength;
    else from = to - info.maxRangeLength;
  }
  setValue(h, [snap(from), snap(to)]);
};

// ---------- imagemap ----------
declare const areaBrand: unique symbol;
export type AreaHandle = { readonly [areaBrand]: true };
type Area = { value: unknown; locText: Parameters<typeof locText>[0]; getShape(): string; getCoords(): string[] };
export const imageMapSource = (h: QuestionHandle): string => locPlain((q(h) as unknown as { locImageLink?: Parameters<typeof locPlain>[0] }).locImageLink) || String((q(h) as unknown as { imageLink?: string }).imageLink ?? "");
export const imageMapAreas = (h: QuestionHandle): AreaHandle[] => [...((q(h) as unknown as { areas: Area[] }).areas ?? [])] as unknown as AreaHandle[];
export const areaText = (a: AreaHandle): string => locText((a as unknown as Area).locText) || String((a as unknown as Area).value);
export const areaKey = (a: AreaHandle): string => String((a as unknown as Area).value);
/** The area's shape in image pixels: "rect" (x1,y1,x2,y2), "circle" (x,y,r) or "poly" (x1,y1,x2,y2,…). */
export const areaShape = (a: AreaHandle): { shape: string; coords: number[] } => {
  const area = a as unknown as Area;
  return { shape: area.getShape(), coords: area.getCoords().map(Number).filter((n) => Number.isFinite(n)) };
};
export const isAreaSelected = (h: QuestionHandle, a: AreaHandle): boolean => {
  track(q(h), "value");
  return (q(h) as unknown as { isItemSelected(a: Area): boolean }).isItemSelected(a as unknown as Area);
};
export const toggleArea = (h: QuestionHandle, a: AreaHandle): void => {
  (q(h) as unknown as { mapItemToggle(a: Area): void }).mapItemToggle(a as unknown as Area);
};

// ---------- signaturepad ----------
export const signatureInfo = (h: QuestionHandle) => {
  const s = q(h) as unknown as { signatureWidth: number; signatureHeight: number; penColor?: string; backgroundColor?: string; allowClear: boolean; locPlaceholder?: Parameters<typeof locPlain>[0] };
  return {
    width: s.signatureWidth || 300,
    height: s.signatureHeight || 200,
    penColor: s.penColor || "#1b1f24",
    background: s.backgroundColor || "#ffffff",
    allowClear: s.allowClear !== false,
    placeholder: s.locPlaceholder ? locPlain(s.locPlaceholder) : "",
  };
};
/** Keeps a signature stored on the device (its reference) as the answer; survey-core then treats it as an uploaded file. */
export const setSignature = (h: QuestionHandle, ref: string | undefined): void => {
  (q(h) as unknown as { storeDataAsText: boolean }).storeDataAsText = false;
  setValue(h, ref);
};
/** A signature's answer: a stored file's reference (always a PNG: a line drawing, whatever `dataFormat` asks) (src/schema/file-ref.ts) or an image data URL. */
export const signatureValue = (h: QuestionHandle): string => {
  const v = value(h);
  return typeof v === "string" ? v : "";
};

// ---------- file ----------
export const fileOptions = (h: QuestionHandle) => {
  const f = q(h) as unknown as { allowMultiple: boolean; acceptedTypes?: string; maxSize: number; maxFiles?: number; showPreview?: boolean; allowImagesPreview?: boolean; locChooseButtonCaption?: Parameters<typeof locText>[0]; locNoFileChosenCaption?: Parameters<typeof locText>[0]; locRemoveFileCaption?: Parameters<typeof locText>[0] };
  return {
    multiple: f.allowMultiple === true,
    accept: f.acceptedTypes || undefined,
    maxSize: f.maxSize > 0 ? f.maxSize : undefined,
    maxFiles: f.maxFiles && f.maxFiles > 0 ? f.maxFiles : undefined,
    preview: f.showPreview !== false && f.allowImagesPreview !== false,
    chooseText: locText(f.locChooseButtonCaption),
    noFileText: locText(f.locNoFileChosenCaption),
    removeText: locText(f.locRemoveFileCaption),
  };
};
export const fileList = (h: QuestionHandle): { name: string; type: string; ref: string }[] => (track(q(h), "value"), fileEntries(q(h)));
export const chooseFiles = (h: QuestionHandle, files: readonly File[], rejected: (name: string) => string): void => addFiles(q(h), files, rejected);
export const dropFile = (h: QuestionHandle, ref: string, store: FileStore | undefined): void => removeFile(q(h), ref, store);
export const isUploading = (h: QuestionHandle): boolean => (q(h) as unknown as { isUploading?: boolean; currentState?: string }).currentState === "loading";

// ---------- one input per page ----------
/**
 * In `questionsOnPageMode: "inputPerPage"`, the one input of a composite question (a multiple text
 * item, a dynamic panel's question, a matrix cell) to show now, with what it belongs to; undefined
 * when the question itself is shown (a simple question, or the summary of a dynamic panel's entries).
 */
export const singleInput = (h: ElementHandle): { input: QuestionHandle; context: string } | undefined => {
  const c = el(h) as unknown as { singleInputQuestion?: Question; singleInputLocTitle?: Parameters<typeof locText>[0]; isQuestion?: boolean };
  if (!c.isQuestion) return undefined;
  const input = c.singleInputQuestion;
  if (!input || input === (c as unknown as Question)) return undefined;
  return { input: input as unknown as QuestionHandle, context: [title(h), c.singleInputLocTitle ? locText(c.singleInputLocTitle) : ""].filter(Boolean).join(" — ") };
};

// ---------- custom component types ----------
/** A custom question type (ComponentCollection) renders its content: one question, or a panel of several. */
export const customContent = (h: QuestionHandle): { question: QuestionHandle } | { panel: ElementHandle } | undefined => {
  const c = q(h) as unknown as { contentQuestion?: Question; contentPanel?: PanelModel };
  if (c.contentQuestion) return { question: c.contentQuestion as unknown as QuestionHandle };
  if (c.contentPanel) return { panel: c.contentPanel as unknown as ElementHandle };
  return undefined;
};

// ---------- paneldynamic: list, carousel, tabs ----------
export const panelDisplayMode = (h: QuestionHandle): "list" | "carousel" | "tab" => {
  const mode = untrack(() => (pd(h) as unknown as { displayMode?: string }).displayMode);
  return mode === "carousel" || mode === "tab" ? mode : "list";
};
export const currentPanelIndex = (h: QuestionHandle): number => (track(pd(h), "panelCount"), pd(h).currentIndex);
export const setCurrentPanelIndex = (h: QuestionHandle, i: number): void => {
  pd(h).currentIndex = i;
};
export const panelProgress = (h: QuestionHandle): { text: string; top: boolean; bottom: boolean } => {
  const p = pd(h) as unknown as { progressText: string; showProgressBar?: boolean; progressBarLocation?: string };
  track(pd(h), "currentIndex");
  const where = p.progressBarLocation ?? "top";
  return { text: p.progressText, top: where === "top" || where === "topBottom", bottom: where === "bottom" || where === "topBottom" };
};
export const panelNavTexts = (h: QuestionHandle) => {
  const p = pd(h) as unknown as WithLoc<"locPrevPanelText" | "locNextPanelText">;
  return { prev: locText(p.locPrevPanelText), next: locText(p.locNextPanelText) };
};
/** Tab titles (`templateTabTitle`, or "New Panel"), one per visible panel. */
export const panelTabTitles = (h: QuestionHandle): string[] => {
  track(pd(h), "panelCount");
  const menu = (pd(h) as unknown as { tabbedMenu?: { actions: { panelId: string; locTitle: Parameters<typeof locText>[0] }[] } | null }).tabbedMenu;
  const byPanel = new Map<string, string>();
  for (const a of menu?.actions ?? []) if (!byPanel.has(a.panelId)) byPanel.set(a.panelId, locText(a.locTitle));
  return pd(h).visiblePanels.map((p, i) => byPanel.get(p.id) || `${i + 1}`);
};

// ---------- matrix: detail panels, totals, transposed ----------
const row = (r: RowHandle) => r as unknown as MatrixDropdownRowModelBase;
export const rowHasDetail = (h: QuestionHandle, r: RowHandle): boolean => md(h).hasDetailPanel(row(r));
export const isDetailShown = (r: RowHandle): boolean => (track(row(r), "isDetailPanelShowing"), row(r).isDetailPanelShowing);
export const toggleDetail = (r: RowHandle): void => {
  if (row(r).isDetailPanelShowing) row(r).hideDetailPanel();
  else row(r).showDetailPanel();
};
export const detailPanel = (r: RowHandle): ElementHandle | undefined => (row(r).isDetailPanelShowing ? (row(r).detailPanel as unknown as ElementHandle) : undefined);
/** The totals row (columns with `totalType` or `totalExpression`), or undefined. */
export const totalsRow = (h: QuestionHandle): RowHandle | undefined => (md(h).hasTotal ? (md(h).visibleTotalRow as unknown as RowHandle | undefined) : undefined);
export const totalsText = (h: QuestionHandle): string => locText((md(h) as unknown as { locTotalText?: Parameters<typeof locText>[0] }).locTotalText);
/** Whether a cell of the totals row shows a total (its column has `totalType` or `totalExpression`). */
export const cellHasTotal = (c: CellHandle): boolean => (c as unknown as MatrixDropdownCell).column.hasTotal;
/** `transposeData` (or the older `columnLayout: "vertical"`): columns shown as rows, rows as columns. */
export const isTransposed = (h: QuestionHandle): boolean => untrack(() => md(h).transposeData === true);
/** The cell of a row in a column (for a transposed table). */
export const cellAt = (r: RowHandle, column: ColumnHandle): CellHandle | undefined =>
  row(r).cells.find((c) => c.column === (column as unknown as MatrixDropdownColumn)) as unknown as CellHandle | undefined;

// ---------- pages ----------
export interface FieldError {
  id: string;
  title: string;
  messages: string[];
  /** The element to reveal (open its collapsed panels) before focusing `id`. */
  element: ElementHandle;
}
/**
 * Everything that currently shows an error on a page (or panel), in page order: the page or
 * panel itself (a required panel: "answer at least one question"), its panels, its visible
 * questions and the questions nested in multiple text, matrices and dynamic panels.
 */
export const errorList = (h: ElementHandle): FieldError[] => {
  const out: FieldError[] = [];
  const visit = (c: PanelModelBase, isRoot: boolean) => {
    const own = c.errors.map((e) => e.getText());
    if (own.length) out.push({ id: isRoot && c.isPage ? "page-title" : sectionId(c as unknown as ElementHandle), title: locText(c.locTitle) || c.name, messages: own, element: c as unknown as ElementHandle });
    for (const e of c.elements) {
      if (!e.isVisible) continue;
      if (e.isPanel || e.getType() === "page") {
        visit(e as unknown as PanelModelBase, false);
        continue;
      }
      const question = e as unknown as Question;
      for (const q of [question, ...question.getNestedQuestions(true, true)]) {
        const messages = q.errors.map((err) => err.getText());
        if (!messages.length) continue;
        const title = locText(q.locTitle) || q.name;
        const parent = q === question ? "" : `${locText(question.locTitle) || question.name} — `;
        out.push({ id: q.inputId, title: parent + title, messages, element: q as unknown as ElementHandle });
      }
    }
  };
  visit(container(h), true);
  return out;
};
