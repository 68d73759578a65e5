import type { TPendingMessage } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { clock, dayFor, whenNear } from '../format/time.js';
import { t } from '../i18n/index.js';
import { cancelWaiting, serverNow } from '../state/hours.js';
import { Attachments } from './Attachments.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { EditWaitingDialog, MoveDialog } from './HoursDialogs.js';
import { ClockIcon } from './icons.js';
import { Quote } from './Quote.js';
import { RichText } from './RichText.js';

/** When a waiting message goes: «Будет доставлено завтра в 07:30», «Запланировано на пятницу, 09:00». */
export function waitingLabel(message: TPendingMessage, timeZone: string, now: Date): string {
  const at = new Date(message.deliverAt);
  return message.reason === 'scheduled'
    ? t('afterHours.scheduled', { day: dayFor(at, timeZone, now), time: clock(at, timeZone) })
    : t('afterHours.held', { when: whenNear(at, timeZone, now) });
}

/**
 * One's own message the server keeps until the working hours open (or until
 * the chosen time): muted, at the end of the chat, with when it goes and
 * «Изменить», «Перенести», «Отменить». (Not the outbox's PendingRow: that one
 * the server has not seen yet.)
 */
export function WaitingRow({
  message,
  myId,
  timeZone,
}: {
  message: TPendingMessage;
  myId: number;
  timeZone: string;
}) {
  const [open, setOpen] = useState<'edit' | 'move' | 'cancel' | null>(null);
  const label = waitingLabel(message, timeZone, serverNow());
  return (
    <div class="row">
      <div class="message message--own message--waiting" data-testid="waiting-message">
        <div class="bubble">
          <p class="visually-hidden">{t('afterHours.waiting')}</p>
          {message.replyTo && <Quote quote={message.replyTo} />}
          {message.attachments && message.attachments.length > 0 && (
            <Attachments files={message.attachments} />
          )}
          {(message.body || !message.attachments?.length) && (
            <p class="bubble__body" data-testid="message-body">
              <RichText body={message.body} myId={myId} />
            </p>
          )}
          <p class="bubble__meta bubble__waiting" data-testid="waiting-when">
            <ClockIcon width="14" height="14" />
            <span>{label}</span>
          </p>
        </div>
        <div class="message__actions">
          {message.policies.edit && (
            <>
              <button
                type="button"
                class="button button--small button--quiet"
                onClick={() => setOpen('edit')}
              >
                {t('afterHours.edit')}
              </button>
              <button
                type="button"
                class="button button--small button--quiet"
                onClick={() => setOpen('move')}
              >
                {t('afterHours.move')}
              </button>
            </>
          )}
          {message.policies.cancel && (
            <button
              type="button"
              class="button button--small button--quiet"
              onClick={() => setOpen('cancel')}
            >
              {t('afterHours.cancel')}
            </button>
          )}
        </div>
      </div>
      {open === 'edit' && <EditWaitingDialog message={message} onClose={() => setOpen(null)} />}
      {open === 'move' && <MoveDialog message={message} timeZone={timeZone} onClose={() => setOpen(null)} />}
      {open === 'cancel' && (
        <ConfirmDialog
          title={t('afterHours.cancelTitle')}
          text={t('afterHours.cancelText')}
          confirmLabel={t('afterHours.cancelConfirm')}
          danger
          act={() => cancelWaiting(message)}
          onDone={() => {}}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}
