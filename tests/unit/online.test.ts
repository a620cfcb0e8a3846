import { describe, expect, it } from "vitest";
import { createOnline, RETRY_OFFLINE_MS, type OnlineEnvironment } from "../../src/device/online.ts";

/** A browser whose `navigator.onLine` and server reachability the test sets, with a hand-run clock. */
function fakeBrowser(initial: { onLine: boolean; reachable: boolean }) {
  const state = { ...initial, requests: 0 };
  let on: Parameters<OnlineEnvironment["listen"]>[0] | undefined;
  const timers = new Map<number, { fn: () => void; at: number }>();
  let now = 0;
  let next = 1;
  const env: OnlineEnvironment = {
    navigatorOnLine: () => state.onLine,
    reach: async () => {
      state.requests++;
      return state.reachable;
    },
    listen: (handlers) => void (on = handlers),
    setTimeout: (fn, ms) => {
      timers.set(next, { fn, at: now + ms });
      return next++;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    env,
    state,
    events: () => on!,
    settle,
    async advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at > now) continue;
        timers.delete(id);
        t.fn();
      }
      await settle();
    },
  };
}

describe("online signal", () => {
  it("is offline when the browser says online but this origin cannot be reached (as after a reload under DevTools' offline mode)", async () => {
    const b = fakeBrowser({ onLine: true, reachable: false });
    const online = createOnline(b.env);
    await b.settle();
    expect(online()).toBe(false);
    expect(b.state.requests).toBe(1);
  });

  it("is online once this origin answers", async () => {
    const b = fakeBrowser({ onLine: true, reachable: true });
    const online = createOnline(b.env);
    await b.settle();
    expect(online()).toBe(true);
  });

  it("believes the browser's 'offline' at once, without a request", async () => {
    const b = fakeBrowser({ onLine: false, reachable: true });
    const online = createOnline(b.env);
    await b.settle();
    expect(online()).toBe(false);
    expect(b.state.requests).toBe(0);
    b.state.onLine = true;
    b.events().online();
    await b.settle();
    expect(online()).toBe(true);
    b.state.onLine = false;
    b.events().offline();
    expect(online()).toBe(false);
  });

  it("asks again while the server cannot be reached, and when the page is shown again", async () => {
    const b = fakeBrowser({ onLine: true, reachable: false });
    const online = createOnline(b.env);
    await b.settle();
    expect(online()).toBe(false);
    await b.advance(RETRY_OFFLINE_MS);
    expect(b.state.requests).toBe(2);
    b.state.reachable = true;
    await b.advance(RETRY_OFFLINE_MS);
    expect(online()).toBe(true);
    // Online: no more requests on a timer, and none when the page is shown.
    await b.advance(10 * RETRY_OFFLINE_MS);
    b.events().visible();
    await b.settle();
    expect(b.state.requests).toBe(3);
  });

  it("an 'offline' event wins over a request still under way", async () => {
    const b = fakeBrowser({ onLine: true, reachable: true });
    const online = createOnline(b.env);
    b.state.onLine = false;
    b.events().offline();
    await b.settle();
    expect(online()).toBe(false);
  });
});
