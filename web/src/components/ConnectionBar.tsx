import { t } from '../i18n/index.js';
import { connection, restored } from '../state/connection.js';
import { CheckIcon, CloudOffIcon } from './icons.js';

/** The thin bar of UX.md: offline, then «Соединение восстановлено» for a few seconds. */
export function ConnectionBar() {
  const offline = connection.value === 'offline';
  const back = !offline && restored.value;
  return (
    <div class="connection" role="status" aria-live="polite" data-testid="connection-bar">
      {offline && (
        <p class="connection__bar connection__bar--offline">
          <CloudOffIcon width="18" height="18" />
          {t('connection.offline')}
        </p>
      )}
      {back && (
        <p class="connection__bar connection__bar--restored">
          <CheckIcon width="18" height="18" />
          {t('connection.restored')}
        </p>
      )}
    </div>
  );
}
