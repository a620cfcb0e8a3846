import { A } from "@solidjs/router";
import { createVirtualizer } from "@tanstack/solid-virtual";
import { For, Show } from "solid-js";
import { formatDateTime, t, uiLanguage } from "../../i18n/i18n.ts";
import { md } from "../../i18n/messages-data.ts";
import type { ResponseMeta } from "../../db/response-meta.ts";
import { languageName } from "../../i18n/languages.ts";

const ROW_HEIGHT = 44;

/** A table that renders only the rows in view, so it stays fast with 100,000 responses. */
export default function ResponsesTable(props: { rows: ResponseMeta[] }) {
  let scroller: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer({
    get count() {
      return props.rows.length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const percent = (p: number) => new Intl.NumberFormat(uiLanguage(), { style: "percent" }).format(p / 100);
  const before = () => virtualizer.getVirtualItems()[0]?.start ?? 0;
  const after = () => virtualizer.getTotalSize() - (virtualizer.getVirtualItems().at(-1)?.end ?? 0);
  return (
    <div class="virtual-table" ref={scroller} tabindex={0} role="region" aria-label={md("title")}>
      <table class="data-table" aria-rowcount={props.rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">{md("status")}</th>
            <th scope="col">{md("version")}</th>
            <th scope="col">{md("language")}</th>
            <th scope="col">{md("updated")}</th>
            <th scope="col">{md("progress")}</th>
            <th scope="col">
              <span class="visually-hidden">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <Show when={before() > 0}>
            <tr aria-hidden="true" style={{ height: `${before()}px` }} />
          </Show>
          <For each={virtualizer.getVirtualItems()}>
            {(item) => {
              const row = () => props.rows[item.index];
              return (
                <Show when={row()}>
                  {(r) => (
                    <tr aria-rowindex={item.index + 2} style={{ height: `${ROW_HEIGHT}px` }}>
                      <td>
                        <span class={`badge ${r().status}`}>{r().status === "completed" ? t("completed") : t("draft")}</span>
                      </td>
                      <td>{md("versionN", { n: r().surveyVersion })}</td>
                      <td>{languageName(r().language)}</td>
                      <td>
                        <time datetime={r().updatedAt}>{formatDateTime(r().updatedAt)}</time>
                      </td>
                      <td>{percent(r().progress)}</td>
                      <td>
                        <A href={`/responses/${r().id}`}>{md("open")}</A>
                      </td>
                    </tr>
                  )}
                </Show>
              );
            }}
          </For>
          <Show when={after() > 0}>
            <tr aria-hidden="true" style={{ height: `${after()}px` }} />
          </Show>
        </tbody>
      </table>
    </div>
  );
}
