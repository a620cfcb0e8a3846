import { A } from "@solidjs/router";
import { Match, Switch } from "solid-js";
import { sv } from "../i18n/messages-server.ts";
import { serverAccountIfAsked } from "../components/account/server-account.ts";

/**
 * The header's way to the collection server account: "Sign in", or who is signed in. Loaded after
 * the first paint; it asks the server only on a device that has seen one here before (or once a
 * page has asked), so with no server (a static deploy) or none reachable it shows nothing and
 * sends nothing.
 */
export default function ServerLink() {
  const account = () => serverAccountIfAsked();
  return (
    <Switch>
      <Match when={account()?.session()}>
        {(s) => (
          <A href="/account" class="server-link" dir="auto">
            {sv("accountLink", { name: s().user.name })}
          </A>
        )}
      </Match>
      <Match when={account()?.state().kind === "signed-out"}>
        <A href="/account" class="server-link">
          {sv("signInLink")}
        </A>
      </Match>
    </Switch>
  );
}
