import type { TMessage, TMessageReads } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { messagesApi } from '../api/messages.js';
import { previewText } from '../format/text.js';
import { t } from '../i18n/index.js';
import { Dialog } from './Dialog.js';
import { ErrorNote, SkeletonList } from './ui.js';

/** «Прочитали 23 из 30» and, where the server allows (`policies.seeWhoRead`), who has not read it yet. */
export function ReadsDialog({ message, onClose }: { message: TMessage; onClose: () => void }) {
  const [reads, setReads] = useState<TMessageReads | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    messagesApi.reads(message.chatId, message.id).then(setReads, setError);
  }, [message.chatId, message.id, message.readCount]);

  return (
    <Dialog title={t('reads.title')} onClose={onClose}>
      <div class="dialog__body reads">
        <p class="reads__message">{previewText(message.body)}</p>
        <ErrorNote error={error} />
        {!reads && !error && <SkeletonList rows={2} label={t('reads.loading')} />}
        {reads && (
          <>
            <p class="reads__count" data-testid="reads-count">
              {t('reads.count', { read: reads.readCount, total: reads.total })}
            </p>
            {reads.policies.seeWhoRead && reads.notRead && reads.notRead.length > 0 && (
              <section aria-labelledby="not-read-title">
                <h3 class="reads__title" id="not-read-title">
                  {t('reads.notRead')}
                </h3>
                <ul class="reads__list" data-testid="not-read">
                  {reads.notRead.map((person) => (
                    <li key={person.id}>{person.fullName}</li>
                  ))}
                </ul>
              </section>
            )}
            {reads.policies.seeWhoRead && reads.notRead?.length === 0 && reads.total > 0 && (
              <p class="reads__all">{t('reads.everyone')}</p>
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}
