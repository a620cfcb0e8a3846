import { createSignal, Show } from "solid-js";
import { useRegisterSW } from "virtual:pwa-register/solid";
import { defineMessages } from "../i18n/i18n.ts";
import { flushAllWork } from "../responses/unsaved-work.ts";

const m = defineMessages({
  en: {
    offlineReady: "Survey Studio is ready to work offline on this device.",
    updateReady: "A new version of Survey Studio is available. Your answers are kept; reload when it suits you.",
    reload: "Reload now",
    later: "Later",
    ok: "OK",
    unsaved: "Some answers are not saved yet, so the app will not reload. Try again in a moment.",
    waiting: "Saving your work first; the app reloads as soon as everything is stored.",
  },
  fr: {
    offlineReady: "Survey Studio est prêt à fonctionner hors ligne sur cet appareil.",
    updateReady: "Une nouvelle version de Survey Studio est disponible. Vos réponses sont conservées ; rechargez quand cela vous convient.",
    reload: "Recharger maintenant",
    later: "Plus tard",
    ok: "OK",
    unsaved: "Certaines réponses ne sont pas encore enregistrées : l’application ne sera pas rechargée. Réessayez dans un instant.",
    waiting: "Enregistrement de votre travail d’abord ; l’application se recharge dès que tout est enregistré.",
  },
  es: {
    offlineReady: "Survey Studio ya puede funcionar sin conexión en este dispositivo.",
    updateReady: "Hay una nueva versión de Survey Studio. Sus respuestas se conservan; recargue cuando le convenga.",
    reload: "Recargar ahora",
    later: "Más tarde",
    ok: "Aceptar",
    unsaved: "Algunas respuestas aún no se han guardado, así que la aplicación no se recargará. Inténtelo de nuevo en un momento.",
    waiting: "Primero se guarda su trabajo; la aplicación se recargará en cuanto todo esté guardado.",
  },
  ar: {
    offlineReady: "أصبح Survey Studio جاهزًا للعمل دون اتصال على هذا الجهاز.",
    updateReady: "يتوفر إصدار جديد من Survey Studio. إجاباتك محفوظة؛ أعد التحميل متى ناسبك ذلك.",
    reload: "إعادة التحميل الآن",
    later: "لاحقًا",
    ok: "حسنًا",
    unsaved: "لم تُحفظ بعض الإجابات بعد، لذا لن يُعاد تحميل التطبيق. حاول مرة أخرى بعد لحظة.",
    waiting: "يجري حفظ عملك أولًا؛ وسيُعاد تحميل التطبيق فور حفظ كل شيء.",
  },
  ru: {
    offlineReady: "Survey Studio готов к работе на этом устройстве без подключения к сети.",
    updateReady: "Доступна новая версия Survey Studio. Ваши ответы сохранены; перезагрузите страницу, когда вам будет удобно.",
    reload: "Перезагрузить сейчас",
    later: "Позже",
    ok: "ОК",
    unsaved: "Некоторые ответы еще не сохранены, поэтому приложение не будет перезагружено. Повторите попытку чуть позже.",
    waiting: "Сначала сохраняется ваша работа; приложение перезагрузится, как только всё будет сохранено.",
  },
  zh: {
    offlineReady: "Survey Studio 已可在本设备上离线使用。",
    updateReady: "Survey Studio 有新版本可用。您的回答已保留；请在方便时重新加载。",
    reload: "立即重新加载",
    later: "稍后",
    ok: "确定",
    unsaved: "部分回答尚未保存，因此应用不会重新加载。请稍后再试。",
    waiting: "正在先保存您的工作；全部保存后应用将立即重新加载。",
  },
});

/**
 * Tells the user when the app is available offline and when a new version is
 * waiting. The new version is only activated when the user asks, and only after
 * every pending answer or draft is stored: it waits for writes in flight (every
 * write-behind registers itself as unsaved work), and does not reload when one fails.
 */
export default function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      // Look for a new version now and then while the app stays open.
      if (registration) setInterval(() => void registration.update().catch(() => undefined), 60 * 60 * 1000);
    },
  });
  const [blocked, setBlocked] = createSignal(false);
  const [waiting, setWaiting] = createSignal(false);
  const reload = async () => {
    if (waiting()) return;
    setBlocked(false);
    setWaiting(true);
    const stored = await flushAllWork();
    setWaiting(false);
    if (!stored) {
      setBlocked(true);
      return;
    }
    await updateServiceWorker(true);
  };
  return (
    <div class="app-notices" role="status" aria-live="polite">
      <Show when={needRefresh()}>
        <div class="notice update-notice">
          <p>{m("updateReady")}</p>
          <Show when={waiting()}>
            <p>{m("waiting")}</p>
          </Show>
          <Show when={blocked()}>
            <p class="error">{m("unsaved")}</p>
          </Show>
          <div class="notice-actions">
            <button type="button" class="button primary small" aria-disabled={waiting()} onClick={() => void reload()}>
              {m("reload")}
            </button>
            <button type="button" class="button secondary small" onClick={() => setNeedRefresh(false)}>
              {m("later")}
            </button>
          </div>
        </div>
      </Show>
      <Show when={offlineReady() && !needRefresh()}>
        <div class="notice">
          <p>{m("offlineReady")}</p>
          <button type="button" class="button secondary small" onClick={() => setOfflineReady(false)}>
            {m("ok")}
          </button>
        </div>
      </Show>
    </div>
  );
}
