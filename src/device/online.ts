import { createSignal, type Accessor } from "solid-js";

/**
 * Whether this device can reach the app's own server.
 *
 * `navigator.onLine === false` is believed at once, but `true` is not: browsers say "online"
 * on a network that reaches nothing (a router without internet, a captive portal), and Chromium
 * says it after a reload while its offline emulation is on. So "online" is only reported after
 * a request to this origin that no cache can answer has got a response; while that fails the
 * request is tried again now and then, and on every `online` event and return to the page.
 */
export interface OnlineEnvironment {
  /** `navigator.onLine` now. */
  navigatorOnLine(): boolean;
  /** Resolves true when the server answered (any status), false when the request failed. */
  reach(): Promise<boolean>;
  /** Subscribes to the browser's `online`/`offline` events and to the page becoming visible again. */
  listen(on: { online(): void; offline(): void; visible(): void }): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How long to wait before asking the server again while it cannot be reached. */
export const RETRY_OFFLINE_MS = 15_000;

/** Sets up the online signal over `env`: what the browser says until the first request has settled it. */
export function createOnline(env: OnlineEnvironment): Accessor<boolean> {
  const [online, setOnline] = createSignal(env.navigatorOnLine());
  let generation = 0;
  let retry: unknown;

  const check = async () => {
    const mine = ++generation;
    env.clearTimeout(retry);
    if (!env.navigatorOnLine()) {
      setOnline(false);
      return;
    }
    const reached = await env.reach();
    // A later check (an `offline` event meanwhile) has the last word.
    if (mine !== generation) return;
    setOnline(reached);
    if (!reached) retry = env.setTimeout(() => void check(), RETRY_OFFLINE_MS);
  };

  env.listen({
    online: () => void check(),
    offline: () => {
      generation++;
      env.clearTimeout(retry);
      setOnline(false);
    },
    visible: () => {
      if (!online()) void check();
    },
  });
  void check();
  return online;
}

/** The page's environment: a HEAD request for the app's page with a query no cache holds. */
function browserEnvironment(): OnlineEnvironment {
  return {
    navigatorOnLine: () => navigator.onLine,
    reach: async () => {
      try {
        const url = new URL("./", location.href);
        url.searchParams.set("online-check", String(Date.now()));
        await fetch(url, { method: "HEAD", cache: "no-store" });
        return true;
      } catch {
        return false;
      }
    },
    listen: (on) => {
      window.addEventListener("online", on.online);
      window.addEventListener("offline", on.offline);
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") on.visible();
      });
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

/** Outside a browser (tests, the CLI) there is no network to speak of: online. */
export const online: Accessor<boolean> = typeof window === "undefined" ? () => true : createOnline(browserEnvironment());
