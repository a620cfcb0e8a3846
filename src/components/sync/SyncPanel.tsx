import { For, Show, createSignal, onMount } from "solid-js";
import { online } from "../../device/online.ts";
import { formatDateTime } from "../../i18n/i18n.ts";
import { ts } from "../../i18n/messages-sync.ts";
import { startSync, type SyncRuntime } from "../../sync/start.ts";
import { createOutboxOverview } from "../../sync/overview.ts";

/**
 * Home's view of delivery: how many responses wait, the last delivery, what keeps them from going
 * (no connection, the server down, a revoked link), and "send now". Shown only on a device that
 * holds a collection link or has responses waiting: with no server, nothing is said.
 */
export default function SyncPanel(props: { titleOf: (surveyId: string) => string }) {
  const overview = createOutboxOverview();
  const [runtime, setRuntime] = createSignal<SyncRuntime>();
  onMount(() => setRuntime(startSync()));
  const pass = () => runtime()?.lastPass();
  // What "send now" did, said where the count is (a status region).
  const [sentNow, setSentNow] = createSignal(0);
  const linkMessage = (state: string, survey: string) => (state === "revoked" ? ts("linkRevoked", { survey }) : state === "expired" ? ts("linkExpired", { survey }) : ts("linkInvalid", { survey }));
  return (
    <Show when={overview.value()?.hasLinks || (overview.value()?.waiting ?? 0) > 0}>
      <section class="sync-panel card" aria-labelledby="sync-title">
        <h2 id="sync-title">{ts("syncTitle")}</h2>
        <p role="status" class="sync-count">
          {(overview.value()?.waiting ?? 0) > 0 ? ts("waitingCount", { count: overview.value()?.waiting ?? 0 }) : ts("allDelivered")}
          {sentNow() > 0 ? ` ${ts("deliveredNow", { count: sentNow() })}` : ""}
        </p>
        <Show when={overview.value()?.lastDelivered}>{(at) => <p class="meta">{ts("lastDelivered", { time: formatDateTime(at()) })}</p>}</Show>
        <Show when={(overview.value()?.attention ?? 0) > 0}>
          <p class="meta">
            {ts("attention")}: {overview.value()?.attention}
          </p>
        </Show>
        <For each={overview.value()?.blocked ?? []}>{(b) => <p class="notice error-notice">{linkMessage(b.link.state, `\u2068${props.titleOf(b.link.surveyId)}\u2069`)}</p>}</For>
        <Show when={(overview.value()?.waiting ?? 0) > 0}>
          <Show
            when={online()}
            fallback={<p class="notice">{ts("offline")}</p>}
          >
            <Show when={pass()?.outcome === "unreachable" && pass()?.nextAt}>{(next) => <p class="notice">{ts("unreachable", { time: formatDateTime(next()) })}</p>}</Show>
          </Show>
        </Show>
        <p class="actions">
          <button
            type="button"
            class="button primary"
            disabled={runtime()?.sending() ?? true}
            onClick={() => {
              setSentNow(0);
              void runtime()
                ?.sendNow()
                .then((r) => setSentNow(r.delivered));
            }}
          >
            {runtime()?.sending() ? ts("sendingNow") : ts("sendNow")}
          </button>
        </p>
      </section>
    </Show>
  );
}
