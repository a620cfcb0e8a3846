import * as Plot from "@observablehq/plot";
import { createMemo, createResource, createSignal, For, Match, onCleanup, Show, Switch } from "solid-js";
import { uiLanguage } from "../../i18n/i18n.ts";
import { defineMessages } from "../../i18n/i18n.ts";
import { surveyVersions } from "../../catalog/catalog.ts";
import { recordBatches } from "../../db/response-meta.ts";
import { surveyFileToExportDefinition } from "../../export/plan.ts";
import { summarize, type QuestionSummary, type SummaryFilter } from "../../export/summarize.ts";
import type { LocalizedText } from "../../export/types.ts";
import type { ResponseRecord } from "../../schema/response.ts";
import { textIn } from "../../definition/text.ts";
import { downloadBlob } from "../download.ts";

const m = defineMessages({
  en: {
    title: "Charts",
    filterBy: "Filter by",
    noFilter: "No filter",
    responses: "{n} completed responses",
    answered: "{answered} of {total} answered",
    png: "Download PNG",
    svg: "Download SVG",
    data: "Numbers behind the chart",
    option: "Answer",
    count: "Count",
    percent: "Percent",
    median: "Median {median} · mean {mean} · from {min} to {max}",
    sample: "Some answers",
    meanRank: "Average rank (1 = most important)",
    loading: "Counting answers…",
    other: "Other",
  },
  fr: {
    title: "Graphiques",
    filterBy: "Filtrer par",
    noFilter: "Aucun filtre",
    responses: "{n} réponses terminées",
    answered: "{answered} réponses sur {total}",
    png: "Télécharger en PNG",
    svg: "Télécharger en SVG",
    data: "Chiffres du graphique",
    option: "Réponse",
    count: "Nombre",
    percent: "Pourcentage",
    median: "Médiane {median} · moyenne {mean} · de {min} à {max}",
    sample: "Quelques réponses",
    meanRank: "Rang moyen (1 = le plus important)",
    loading: "Décompte des réponses…",
    other: "Autre",
  },
  es: {
    title: "Gráficos",
    filterBy: "Filtrar por",
    noFilter: "Sin filtro",
    responses: "{n} respuestas completadas",
    answered: "{answered} de {total} respondieron",
    png: "Descargar PNG",
    svg: "Descargar SVG",
    data: "Cifras del gráfico",
    option: "Respuesta",
    count: "Número",
    percent: "Porcentaje",
    median: "Mediana {median} · media {mean} · de {min} a {max}",
    sample: "Algunas respuestas",
    meanRank: "Posición media (1 = la más importante)",
    loading: "Contando respuestas…",
    other: "Otra",
  },
  ar: {
    title: "الرسوم البيانية",
    filterBy: "التصفية حسب",
    noFilter: "دون تصفية",
    responses: "{n} إجابة مكتملة",
    answered: "أجاب {answered} من {total}",
    png: "تنزيل PNG",
    svg: "تنزيل SVG",
    data: "الأرقام وراء الرسم",
    option: "الإجابة",
    count: "العدد",
    percent: "النسبة المئوية",
    median: "الوسيط {median} · المتوسط {mean} · من {min} إلى {max}",
    sample: "بعض الإجابات",
    meanRank: "متوسط الترتيب (1 = الأهم)",
    loading: "جارٍ عدّ الإجابات…",
    other: "أخرى",
  },
  ru: {
    title: "Диаграммы",
    filterBy: "Фильтр по вопросу",
    noFilter: "Без фильтра",
    responses: "Завершенных ответов: {n}",
    answered: "Ответили: {answered} из {total}",
    png: "Скачать PNG",
    svg: "Скачать SVG",
    data: "Цифры, на которых основана диаграмма",
    option: "Ответ",
    count: "Количество",
    percent: "Процент",
    median: "Медиана {median} · среднее {mean} · от {min} до {max}",
    sample: "Некоторые ответы",
    meanRank: "Средний ранг (1 — самое важное)",
    loading: "Подсчет ответов…",
    other: "Другое",
  },
  zh: {
    title: "图表",
    filterBy: "筛选依据",
    noFilter: "不筛选",
    responses: "{n} 份已完成答卷",
    answered: "{total} 人中有 {answered} 人作答",
    png: "下载 PNG",
    svg: "下载 SVG",
    data: "图表所依据的数字",
    option: "回答",
    count: "数量",
    percent: "百分比",
    median: "中位数 {median} · 平均值 {mean} · 范围 {min} 至 {max}",
    sample: "部分回答",
    meanRank: "平均排名（1 = 最重要）",
    loading: "正在统计回答……",
    other: "其他",
  },
});

const text = (v: LocalizedText | undefined, fallback = "") => textIn(v, uiLanguage()) ?? fallback;
const titleOf = (q: QuestionSummary) => q.title.map((t) => text(t)).join(" / ") || q.key;
const fmt = (n: number, digits = 1) => new Intl.NumberFormat(uiLanguage(), { maximumFractionDigits: digits }).format(n);

/** Choices shown in a bar chart: all of them when few, otherwise the 15 most chosen (a country list has 193). */
export const MAX_BARS = 15;

function plotFor(q: QuestionSummary, width: number): (HTMLElement | SVGSVGElement) | undefined {
  const narrow = width < 480;
  const common = { marginLeft: narrow ? 110 : 180, width, style: { fontSize: narrow ? "11px" : "12px", background: "#fff" }, ariaLabel: titleOf(q) };
  switch (q.kind) {
    case "choice": {
      const options = q.options.length > MAX_BARS ? [...q.options].filter((o) => o.count > 0).sort((a, b) => b.count - a.count).slice(0, MAX_BARS) : q.options;
      const data = options.map((o) => ({ label: text(o.label, o.code), percent: o.percent, count: o.count }));
      return Plot.plot({
        ...common,
        height: 40 + data.length * 26,
        x: { label: "%", domain: [0, 100], grid: true },
        y: { label: null, domain: data.map((d) => d.label) },
        marks: [Plot.barX(data, { x: "percent", y: "label", fill: "#1d4f91" }), Plot.text(data, { x: "percent", y: "label", text: (d: { count: number }) => String(d.count), dx: 12 })],
      });
    }
    case "numeric": {
      const data = q.bins.map((b) => ({ label: text(b.label, b.from === b.to ? fmt(b.from) : `${fmt(b.from)}–${fmt(b.to)}`), count: b.count }));
      return Plot.plot({
        ...common,
        marginLeft: 50,
        height: 260,
        x: { label: null, domain: data.map((d) => d.label), tickRotate: data.length > 8 ? -30 : 0 },
        y: { label: m("count"), grid: true },
        marks: [Plot.barY(data, { x: "label", y: "count", fill: "#1d4f91" }), Plot.ruleY([0])],
      });
    }
    case "matrix": {
      const data = q.rows.flatMap((r, ri) => q.columns.map((c, ci) => ({ row: text(r.label, r.code), column: text(c.label, c.code), count: q.counts[ri]?.[ci] ?? 0 })));
      return Plot.plot({
        ...common,
        height: 60 + q.rows.length * 30,
        x: { label: "%", percent: true, grid: true },
        y: { label: null, domain: q.rows.map((r) => text(r.label, r.code)) },
        color: { legend: true, domain: q.columns.map((c) => text(c.label, c.code)), scheme: "blues" },
        marks: [Plot.barX(data, Plot.stackX({ offset: "normalize", x: "count", y: "row", fill: "column" }))],
      });
    }
    case "ranking": {
      const data = q.items.map((i) => ({ label: text(i.label, i.code), rank: i.meanRank }));
      return Plot.plot({
        ...common,
        height: 40 + data.length * 26,
        x: { label: m("meanRank"), grid: true },
        y: { label: null, domain: [...data].sort((a, b) => a.rank - b.rank).map((d) => d.label) },
        marks: [Plot.barX(data, { x: "rank", y: "label", fill: "#1d4f91" })],
      });
    }
    default:
      return undefined;
  }
}

/**
 * Each chart is one image named by its question (the numbers are in the table below it): Plot's
 * labels on its inner groups ("bar", without a role) are removed, which ARIA does not allow.
 */
function asImage<T extends Element>(chart: T): T {
  for (const svg of chart instanceof SVGSVGElement ? [chart] : [...chart.querySelectorAll("svg")]) {
    if (svg.hasAttribute("aria-label")) svg.setAttribute("role", "img");
    for (const inner of svg.querySelectorAll("[aria-label], [aria-description]")) {
      inner.removeAttribute("aria-label");
      inner.removeAttribute("aria-description");
    }
  }
  return chart;
}

function svgOf(el: Element): SVGSVGElement | null {
  return el instanceof SVGSVGElement ? el : el.querySelector("svg:last-of-type");
}

async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const source = new XMLSerializer().serializeToString(svg);
  const img = new Image();
  const url = URL.createObjectURL(new Blob([source], { type: "image/svg+xml" }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("the chart could not be drawn"));
      img.src = url;
    });
    const scale = 2;
    const canvas = document.createElement("canvas");
    canvas.width = (svg.width.baseVal.value || 640) * scale;
    canvas.height = (svg.height.baseVal.value || 400) * scale;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no canvas");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("no image"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

function Chart(props: { q: QuestionSummary; surveyId: string }) {
  let host: HTMLDivElement | undefined;
  const hasChart = () => props.q.kind !== "text";
  const mount = (el: HTMLDivElement) => {
    host = el;
    queueMicrotask(() => {
      const c = plotFor(props.q, Math.max(280, Math.min(640, el.clientWidth || 640)));
      if (c) el.replaceChildren(asImage(c));
    });
  };
  onCleanup(() => host?.replaceChildren());
  const fileBase = () => `${props.surveyId}-${props.q.key.replace(/[^\w-]+/g, "_")}`;
  const download = async (kind: "svg" | "png") => {
    const svg = host && svgOf(host.firstElementChild ?? host);
    if (!svg) return;
    if (kind === "svg") {
      const clone = svg.cloneNode(true) as SVGSVGElement;
      clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
      downloadBlob(new Blob([new XMLSerializer().serializeToString(clone)], { type: "image/svg+xml" }), `${fileBase()}.svg`);
    } else downloadBlob(await svgToPng(svg), `${fileBase()}.png`);
  };
  return (
    <figure class="chart-card">
      <figcaption>
        <strong>{titleOf(props.q)}</strong>
        <span class="hint"> · {m("answered", { answered: props.q.answered, total: props.q.total })}</span>
      </figcaption>
      <Switch>
        <Match when={props.q.kind === "text" && props.q}>
          {(q) => (
            <div>
              <p class="hint">{m("sample")}</p>
              <ul class="sample">
                <For each={(q() as Extract<QuestionSummary, { kind: "text" }>).sample}>{(s) => <li>{s}</li>}</For>
              </ul>
            </div>
          )}
        </Match>
        <Match when={hasChart()}>
          <div class="chart" dir="ltr" ref={mount} />
          <Show when={props.q.kind === "numeric" && props.q}>
            {(q) => {
              const n = q() as Extract<QuestionSummary, { kind: "numeric" }>;
              return <p class="hint">{m("median", { median: fmt(n.median), mean: fmt(n.mean), min: fmt(n.min), max: fmt(n.max) })}</p>;
            }}
          </Show>
          <Show when={props.q.kind === "choice" && props.q}>
            {(q) => (
              <details>
                <summary>{m("data")}</summary>
                <table class="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{m("option")}</th>
                      <th scope="col">{m("count")}</th>
                      <th scope="col">{m("percent")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={(q() as Extract<QuestionSummary, { kind: "choice" }>).options}>
                      {(o) => (
                        <tr>
                          <td>{text(o.label, o.code)}</td>
                          <td>{fmt(o.count, 0)}</td>
                          <td>{fmt(o.percent)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </details>
            )}
          </Show>
          <div class="actions-row">
            <button type="button" class="button secondary small" onClick={() => void download("png")} aria-label={`${m("png")}: ${titleOf(props.q)}`}>
              {m("png")}
            </button>
            <button type="button" class="button secondary small" onClick={() => void download("svg")} aria-label={`${m("svg")}: ${titleOf(props.q)}`}>
              {m("svg")}
            </button>
          </div>
        </Match>
      </Switch>
    </figure>
  );
}

/** A summary per question, as charts people would rather look at than read, filterable by any choice question. */
export default function ChartsPanel(props: { surveyId: string }) {
  const [input] = createResource(
    () => props.surveyId,
    async (id) => {
      const versions = await surveyVersions(id);
      const definitions = versions.map((v) => surveyFileToExportDefinition(v.file as Parameters<typeof surveyFileToExportDefinition>[0]));
      const records: ResponseRecord[] = [];
      for await (const batch of recordBatches(id)) records.push(...batch);
      return { definitions, records };
    },
  );
  const [filterQuestion, setFilterQuestion] = createSignal("");
  const [filterValues, setFilterValues] = createSignal<string[]>([]);
  const unfiltered = createMemo(() => {
    const i = input();
    return i ? summarize(i.definitions, i.records) : undefined;
  });
  const filters = (): SummaryFilter[] => (filterQuestion() && filterValues().length ? [{ question: filterQuestion(), values: filterValues() }] : []);
  const summary = createMemo(() => {
    const i = input();
    return i ? summarize(i.definitions, i.records, { filters: filters() }) : undefined;
  });
  const choiceQuestions = () => (unfiltered()?.questions ?? []).filter((q): q is Extract<QuestionSummary, { kind: "choice" }> => q.kind === "choice" && q.key === q.question);
  const filterOptions = () => choiceQuestions().find((q) => q.key === filterQuestion())?.options ?? [];

  return (
    <section class="panel-section" aria-labelledby="charts-title">
      <h2 id="charts-title">{m("title")}</h2>
      <Show when={summary()} fallback={<p>{m("loading")}</p>}>
        {(s) => (
          <>
            <div class="chart-filter">
              <label class="option-field">
                {m("filterBy")}
                <select
                  class="input"
                  value={filterQuestion()}
                  onChange={(e) => {
                    setFilterQuestion(e.currentTarget.value);
                    setFilterValues([]);
                  }}
                >
                  <option value="">{m("noFilter")}</option>
                  <For each={choiceQuestions()}>{(q) => <option value={q.key}>{titleOf(q)}</option>}</For>
                </select>
              </label>
              <Show when={filterOptions().length > 0}>
                <fieldset class="option-group filter-values">
                  <legend>{titleOf(choiceQuestions().find((q) => q.key === filterQuestion())!)}</legend>
                  <For each={filterOptions()}>
                    {(o) => (
                      <label class="choice">
                        <input
                          type="checkbox"
                          checked={filterValues().includes(o.code)}
                          onChange={(e) => setFilterValues((v) => (e.currentTarget.checked ? [...v, o.code] : v.filter((x) => x !== o.code)))}
                        />
                        <span>
                          {text(o.label, o.code)} ({o.count})
                        </span>
                      </label>
                    )}
                  </For>
                </fieldset>
              </Show>
            </div>
            <p role="status" class="chart-counts">
              {m("responses", { n: s().responses })}
            </p>
            <div class="charts">
              <For each={s().questions.filter((q) => q.answered > 0)}>{(q) => <Chart q={q} surveyId={props.surveyId} />}</For>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
