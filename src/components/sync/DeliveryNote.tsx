import { Show } from "solid-js";
import { ts } from "../../i18n/messages-sync.ts";
import { deliveryOf } from "../../sync/delivery.ts";
import { createSurveyDelivery } from "../../sync/overview.ts";
import DeliveryCell from "./DeliveryCell.tsx";

/** On a completed response's page: where it is on its way to the server (nothing when it is not bound for one). */
export default function DeliveryNote(props: { response: { id: string; surveyId: string; status: string; revision: number; completedAt: string | null } }) {
  const delivery = createSurveyDelivery(() => props.response.surveyId);
  const state = () => deliveryOf(props.response, delivery.value()?.entries ?? [], delivery.value()?.link);
  return (
    <Show when={state().kind !== "none"}>
      <p class="delivery-line">
        <span class="delivery-label">{ts("delivery")}: </span>
        <DeliveryCell delivery={state()} status={props.response.status} completedAt={props.response.completedAt} />
      </p>
    </Show>
  );
}
