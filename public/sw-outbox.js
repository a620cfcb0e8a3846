// Background Sync for the outbox (src/sync/start.ts): after a send failed for lack of a
// connection, the page registers the "survey-studio-outbox" tag; when the browser sees the
// connection back it fires `sync` here, and this wakes every open Survey Studio page, whose sender
// then sends at once. The sender lives in the page (it needs the app's code and storage), so with
// no page open the responses wait for the next time the app is opened; they are never lost.
/* global self */
self.addEventListener("sync", (event) => {
  if (event.tag !== "survey-studio-outbox") return;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((clients) => {
      for (const client of clients) client.postMessage({ type: "survey-studio-outbox" });
    }),
  );
});
