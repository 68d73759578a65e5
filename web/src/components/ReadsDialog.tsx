import type { TMessage, TMessageReads } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { messagesApi } from '../api/messages.js';
import { messagePreview } from '../format/preview.js';
import { reminderBody } from '../format/reminder.js';
import { t } from '../i18n/index.js';
import { enqueue } from '../state/outbox.js';
import { quoteOf } from '../state/threads.js';
import { Dialog } from './Dialog.js';
import { ErrorNote, SkeletonList } from './ui.js';

type Reader = NonNullable<TMessageReads['notRead']>[number];

function Readers({ id, title, people }: { id: string; title: string; people: readonly Reader[] }) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 class="reads__title" id={`${id}-title`}>
        {title}
      </h3>
      <ul class="reads__list" data-testid={id}>
        {people.map((person) => (
          <li key={person.id} class="reads__person">
            <span class="reads__name">{person.fullName}</span>
            {person.context && <span class="reads__context">{person.context}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * «Прочитали 23 из 30» and, where the server allows (`policies.seeWhoRead`),
 * who has not read it yet and who has — a parent with who they are («мама
 * Миши В., 1А»). «Напомнить» (`policies.remind`) sends a reply to the message
 * mentioning those who have not read, through the ordinary send.
 */
export function ReadsDialog({ message, onClose }: { message: TMessage; onClose: () => void }) {
  const [reads, setReads] = useState<TMessageReads | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    messagesApi.reads(message.chatId, message.id).then(setReads, setError);
  }, [message.chatId, message.id, message.readCount]);

  function remind(people: readonly Reader[]) {
    const body = reminderBody(t('reads.remindText'), people, (count) => t('reads.remindMore', { count }));
    enqueue(message.chatId, body, quoteOf(message));
    onClose();
  }

  const notRead = reads?.policies.seeWhoRead ? (reads.notRead ?? []) : [];
  const read = reads?.policies.seeWhoRead ? (reads.read ?? []) : [];
  return (
    <Dialog title={t('reads.title')} onClose={onClose}>
      <div class="dialog__body reads">
        <p class="reads__message">{messagePreview(message)}</p>
        <ErrorNote error={error} />
        {!reads && !error && <SkeletonList rows={2} label={t('reads.loading')} />}
        {reads && (
          <>
            <p class="reads__count" data-testid="reads-count">
              {t('reads.count', { read: reads.readCount, total: reads.total })}
            </p>
            {notRead.length > 0 && (
              <>
                <Readers id="not-read" title={t('reads.notRead')} people={notRead} />
                {reads.policies.remind && (
                  <div class="reads__actions">
                    <button type="button" class="button button--primary" onClick={() => remind(notRead)}>
                      {t('reads.remind')}
                    </button>
                    <p class="form__note">{t('reads.remindNote')}</p>
                  </div>
                )}
              </>
            )}
            {reads.policies.seeWhoRead && notRead.length === 0 && reads.total > 0 && (
              <p class="reads__all">{t('reads.everyone')}</p>
            )}
            {read.length > 0 && <Readers id="have-read" title={t('reads.read')} people={read} />}
          </>
        )}
      </div>
    </Dialog>
  );
}
