import { createMemo, createSignal, For, Index, Show } from "solid-js";
import { uiLanguage } from "../../i18n/i18n.ts";
import { dt } from "../../i18n/messages-designer.ts";
import { languageName } from "../../i18n/languages.ts";
import { languageKey } from "../../definition/text.ts";
import type { LanguageCoverage, LocalizableEntry } from "../../survey/designer/localizable.ts";

const PAGE_SIZE = 100;

/** Every localizable string against the survey's languages, editable in place, with coverage per language. */
export default function TranslationsPanel(props: {
  entries: readonly LocalizableEntry[];
  languages: readonly string[];
  coverage: readonly LanguageCoverage[];
  stale: boolean;
  onEdit: (entry: LocalizableEntry, language: string, value: string) => void;
  onShow: (entry: LocalizableEntry) => void;
}) {
  const [filter, setFilter] = createSignal("");
  const [onlyMissing, setOnlyMissing] = createSignal(false);
  const [limit, setLimit] = createSignal(PAGE_SIZE);
  const rows = createMemo(() => {
    const f = filter().trim().toLowerCase();
    const keys = props.languages.map(languageKey);
    return props.entries.filter((e) => {
      if (onlyMissing() && keys.every((k) => (e.values[k] ?? "").trim())) return false;
      if (!f) return true;
      return e.owner.toLowerCase().includes(f) || e.property.toLowerCase().includes(f) || Object.values(e.values).some((v) => v.toLowerCase().includes(f));
    });
  });
  const percent = (c: LanguageCoverage) => (c.total === 0 ? 1 : c.filled / c.total);

  return (
    <div class="translations">
      <ul class="coverage" aria-label={dt("coverage")}>
        <For each={props.coverage}>
          {(c) => (
            <li>
              <span class="coverage-lang">{languageName(c.language)}</span>
              <meter min={0} max={1} value={percent(c)} aria-label={dt("coverageOf", { language: languageName(c.language) })} />
              <span>{dt("coverageCount", { filled: c.filled, total: c.total, percent: new Intl.NumberFormat(uiLanguage(), { style: "percent" }).format(percent(c)) })}</span>
            </li>
          )}
        </For>
      </ul>
      <div class="translations-filters">
        <label>
          <span>{dt("filterStrings")}</span>
          <input class="input" type="search" value={filter()} onInput={(e) => (setFilter(e.currentTarget.value), setLimit(PAGE_SIZE))} />
        </label>
        <label class="checkbox-label">
          <input type="checkbox" checked={onlyMissing()} onChange={(e) => (setOnlyMissing(e.currentTarget.checked), setLimit(PAGE_SIZE))} />
          {dt("onlyMissing")}
        </label>
      </div>
      <Show when={props.stale}>
        <p class="notice warning-notice">{dt("translationsStale")}</p>
      </Show>
      <div class="table-scroll">
        <table class="data-table translations-table">
          <caption class="visually-hidden">{dt("translations")}</caption>
          <thead>
            <tr>
              <th scope="col">{dt("stringColumn")}</th>
              <For each={props.languages}>{(l) => <th scope="col">{languageName(l)}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <Index each={rows().slice(0, limit())}>
              {(entry) => (
                <tr>
                  <th scope="row">
                    <button type="button" class="link-button" onClick={() => props.onShow(entry())}>
                      <span dir="ltr">{entry().owner}</span>
                    </button>
                    <span class="string-property" dir="ltr">
                      {entry().property}
                    </span>
                  </th>
                  <For each={props.languages}>
                    {(lang) => {
                      const value = () => entry().values[languageKey(lang)] ?? "";
                      return (
                        <td class={value().trim() ? "" : "missing"}>
                          <textarea
                            class="input translation-input"
                            rows={Math.min(4, Math.max(1, Math.ceil(value().length / 40)))}
                            lang={lang}
                            dir="auto"
                            value={value()}
                            disabled={props.stale}
                            aria-label={dt("translationOf", { language: languageName(lang), owner: entry().owner, property: entry().property })}
                            placeholder={value() ? undefined : dt("missingTranslation")}
                            onChange={(e) => {
                              if (e.currentTarget.value !== value()) props.onEdit(entry(), lang, e.currentTarget.value);
                            }}
                          />
                        </td>
                      );
                    }}
                  </For>
                </tr>
              )}
            </Index>
          </tbody>
        </table>
      </div>
      <Show when={rows().length > limit()}>
        <button type="button" class="button secondary" onClick={() => setLimit(limit() + PAGE_SIZE * 4)}>
          {dt("showMoreStrings", { count: rows().length - limit() })}
        </button>
      </Show>
      <p class="hint">{dt("rowsShown", { shown: Math.min(limit(), rows().length), total: rows().length })}</p>
    </div>
  );
}
