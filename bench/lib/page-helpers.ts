/**
 * Helpers installed in every app page the bench opens (as an init script, plain JavaScript so that
 * nothing of the TypeScript toolchain leaks into the page). They observe the app from outside.
 */
export const PAGE_HELPERS = String.raw`
globalThis.__name = globalThis.__name || ((f) => f);
globalThis.__bh = {
  nextFrame: () => new Promise((r) => requestAnimationFrame(r)),
  afterPaint: () => new Promise((r) => setTimeout(r, 0)),
  /** Resolves (with performance.now()) once every named question is in the DOM and that frame is painted. */
  async waitPainted(names, timeoutMs = 60000) {
    const ready = () => names.every((n) => document.querySelector('[data-name="' + CSS.escape(n) + '"]'));
    const until = performance.now() + timeoutMs;
    while (performance.now() < until) {
      await __bh.nextFrame();
      if (ready()) { await __bh.afterPaint(); return performance.now(); }
    }
    throw new Error("questions never appeared: " + names.filter((n) => !document.querySelector('[data-name="' + CSS.escape(n) + '"]')).join(", "));
  },
  async waitSelector(selector, timeoutMs = 60000) {
    const until = performance.now() + timeoutMs;
    while (performance.now() < until) {
      await __bh.nextFrame();
      if (document.querySelector(selector)) { await __bh.afterPaint(); return performance.now(); }
    }
    throw new Error("never appeared: " + selector);
  },
  /** Resolves when .save-status went through a change and is back to "saved". */
  waitSaved(status, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
      let changes = 0;
      const done = (f) => { mo.disconnect(); clearTimeout(timer); f(); };
      const mo = new MutationObserver((records) => {
        changes += records.length;
        const state = status.getAttribute("data-state");
        if (state === "saved" && changes >= 2) done(() => resolve(performance.now()));
        else if (state === "failed") done(() => reject(new Error("save failed: " + status.textContent)));
      });
      mo.observe(status, { attributes: true, attributeFilter: ["data-state"] });
      const timer = setTimeout(() => done(() => reject(new Error("no save within " + timeoutMs + " ms"))), timeoutMs);
    });
  },
  /** Plain IndexedDB (no Dexie): open an existing database. */
  openDb(name, version, upgrade) {
    return new Promise((resolve, reject) => {
      const req = version ? indexedDB.open(name, version) : indexedDB.open(name);
      if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error("blocked"));
    });
  },
  tx(db, store, mode, fn) {
    return new Promise((resolve, reject) => {
      const t = db.transaction(store, mode);
      let out;
      const req = fn(t.objectStore(store));
      if (req) req.onsuccess = () => { out = req.result; };
      t.oncomplete = () => resolve(out);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error || new Error("aborted"));
    });
  },
};
`;
