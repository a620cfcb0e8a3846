/**
 * The lists' live view of delivery (re-read whenever the outbox or the links change, in any tab):
 * `createSurveyDelivery(surveyId)` for a survey's responses, `createOutboxOverview()` for Home.
 */
import { createLiveQuery } from "../db/live.ts";
import { deviceLinks, outboxPending, outboxSummaries } from "../db/outbox.ts";
import { outboxOverview } from "./delivery.ts";

export function createSurveyDelivery(surveyId: () => string) {
  return createLiveQuery(async () => {
    const id = surveyId();
    const [entries, links] = await Promise.all([outboxSummaries(id), deviceLinks()]);
    return { entries, link: links.find((l) => l.surveyId === id) };
  });
}

export function createOutboxOverview() {
  return createLiveQuery(async () => {
    const [{ pending, lastDelivered }, links] = await Promise.all([outboxPending(), deviceLinks()]);
    return { ...outboxOverview(pending, links), lastDelivered };
  });
}
