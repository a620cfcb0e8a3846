import { A } from "@solidjs/router";
import { Match, Switch } from "solid-js";
import { sv } from "../i18n/messages-server.ts";
import { serverAccount } from "../components/account/server-account.ts";

/**
 * The header's way to the collection server account: "Sign in", or who is signed in. Loaded after
 * the first paint; with no server (a static deploy) or none reachable it shows nothing.
 */
export default function ServerLink() {
  const account = serverAccount();
  return (
    <Switch>
      <Match when={account.session()}>
        {(s) => (
          <A href="/account" class="server-link" dir="auto">
            {sv("accountLink", { name: s().user.name })}
          </A>
        )}
      </Match>
      <Match when={account.state().kind === "signed-out"}>
        <A href="/account" class="server-link">
          {sv("signInLink")}
        </A>
      </Match>
    </Switch>
  );
}
