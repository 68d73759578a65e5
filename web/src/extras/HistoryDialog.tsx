import type { TMessage, TMessageHistory } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { extrasApi } from '../api/extras.js';
import { Dialog } from '../components/Dialog.js';
import { RichText } from '../components/RichText.js';
import { ErrorNote, SkeletonList } from '../components/ui.js';
import { whenFull } from '../format/time.js';
import { t } from '../i18n/index.js';
import { me } from '../state/session.js';

/** «История изменений» for the chat's moderators: every earlier version, oldest first, and who ended it. */
export function HistoryDialog({ message, onClose }: { message: TMessage; onClose: () => void }) {
  const person = me.value!;
  const [history, setHistory] = useState<TMessageHistory | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    extrasApi.history(message.chatId, message.id).then(setHistory, setError);
  }, [message.chatId, message.id, message.editedAt, message.deletedAt]);

  return (
    <Dialog title={t('history.title')} onClose={onClose}>
      <div class="dialog__body history">
        <ErrorNote error={error} />
        {!history && !error && <SkeletonList rows={2} label={t('history.loading')} />}
        {history && history.versions.length === 0 && <p class="form__note">{t('history.none')}</p>}
        {history && (
          <ol class="history__list">
            {history.versions.map((version) => (
              <li key={version.at} class="history__item">
                <p class="history__body">
                  <RichText body={version.body} myId={person.id} />
                </p>
                <p class="history__meta">
                  {t(version.change === 'edit' ? 'history.edited' : 'history.deleted', {
                    name: version.byName,
                    when: whenFull(version.at, person.school.timeZone),
                  })}
                </p>
              </li>
            ))}
            {!message.deletedAt && (
              <li class="history__item history__item--now">
                <p class="history__body">
                  <RichText body={message.body} myId={person.id} />
                </p>
                <p class="history__meta">{t('history.now')}</p>
              </li>
            )}
          </ol>
        )}
      </div>
    </Dialog>
  );
}
