import { Match, Switch } from "solid-js";
import { formatDateTime } from "../../i18n/i18n.ts";
import { ts } from "../../i18n/messages-sync.ts";
import type { Delivery } from "../../sync/delivery.ts";

/** One response's way to the server, as the responses list shows it. */
export default function DeliveryCell(props: { delivery: Delivery; status: string; completedAt: string | null }) {
  return (
    <Switch fallback={<span class="delivery none">{props.status === "completed" ? "—" : ts("notSent")}</span>}>
      <Match when={props.delivery.kind === "waiting"}>
        <span class="badge delivery waiting">{ts("waiting")}</span>
      </Match>
      <Match when={props.delivery.kind === "delivered" && props.delivery}>
        {(d) => (
          <span class="delivery delivered">
            <span class="badge delivered">{ts("delivered", { time: formatDateTime(d().at) })}</span>
            {d().reopened ? <span class="delivery-note">{ts("reopened", { revision: d().revision })}</span> : null}
          </span>
        )}
      </Match>
      <Match when={props.delivery.kind === "link"}>
        <span class="delivery attention">
          <span class="badge attention">{ts("attention")}</span>
          <span class="delivery-note">{ts("linkBlocked")}</span>
        </span>
      </Match>
      <Match when={props.delivery.kind === "conflict" && props.delivery}>
        {(d) => (
          <details class="delivery attention">
            <summary>
              <span class="badge attention">{ts("attention")}</span>
            </summary>
            <p class="delivery-note">
              {ts("conflict", {
                revision: d().entry.revision,
                time: d().entry.conflict?.receivedAt ? formatDateTime(d().entry.conflict!.receivedAt!) : "?",
                completed: props.completedAt ? formatDateTime(props.completedAt) : "?",
              })}
            </p>
          </details>
        )}
      </Match>
      <Match when={props.delivery.kind === "rejected" && props.delivery}>
        {(d) => (
          <details class="delivery attention">
            <summary>
              <span class="badge attention">{ts("attention")}</span>
            </summary>
            <p class="delivery-note">{ts("rejected", { reason: d().entry.error?.message ?? "" })}</p>
          </details>
        )}
      </Match>
    </Switch>
  );
}
