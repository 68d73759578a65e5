import { instantOf, localTime, MAX_MESSAGE_LENGTH, type TPendingMessage } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { clock, whenNear } from '../format/time.js';
import { FormActions } from '../forms/FormActions.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { editWaiting, serverNow } from '../state/hours.js';
import { Dialog } from './Dialog.js';
import { Field } from './ui.js';

/** The school-zone date and time fields of an instant, as `<input type="date|time">` want them. */
function fieldsOf(at: Date, timeZone: string): { date: string; time: string } {
  return { date: localTime(at, timeZone).date, time: clock(at, timeZone) };
}

/** The instant the school's clocks show `time` on `date`; null while either is incomplete. */
function instantFrom(date: string, time: string, timeZone: string): Date | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !match) return null;
  return instantOf(date, Number(match[1]) * 60 + Number(match[2]), timeZone);
}

/** Tomorrow at 08:00 in the school's zone: where a time is picked from in a chat without hours. */
export function tomorrowMorning(timeZone: string, now: Date): Date {
  const today = localTime(now, timeZone).date;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const tomorrow = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return instantOf(tomorrow, 8 * 60, timeZone);
}

/** A date and a time of the school's zone; `act` gets the instant (the server says if it cannot be). */
function TimeDialog({
  title,
  label,
  start,
  timeZone,
  act,
  onClose,
}: {
  title: string;
  label: string;
  start: Date;
  timeZone: string;
  act: (at: Date) => Promise<void>;
  onClose: () => void;
}) {
  const initial = fieldsOf(start, timeZone);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const { busy, error, run } = useSubmit({ leaves: true });
  const at = instantFrom(date, time, timeZone);
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        class="form dialog__body"
        onSubmit={(event) => {
          event.preventDefault();
          if (!at) return;
          void run(async () => {
            await act(at);
            onClose();
          });
        }}
      >
        <div class="schedule-fields">
          <Field label={t('afterHours.scheduleDate')} type="date" required value={date} onValue={setDate} />
          <Field label={t('afterHours.scheduleTime')} type="time" required value={time} onValue={setTime} />
        </div>
        <p class="field__hint" role="status">
          {at
            ? t('afterHours.scheduleHint', { when: whenNear(at, timeZone, serverNow()) })
            : t('afterHours.badTime')}
        </p>
        <FormActions error={error} busy={busy} label={label} disabled={!at} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** «Запланировать»: the message in the composer goes at a chosen time. */
export function ScheduleDialog(props: {
  start: Date;
  timeZone: string;
  send: (sendAt: string) => Promise<void>;
  onClose: () => void;
}) {
  return (
    <TimeDialog
      title={t('afterHours.scheduleTitle')}
      label={t('afterHours.scheduleSend')}
      start={props.start}
      timeZone={props.timeZone}
      act={(at) => props.send(at.toISOString())}
      onClose={props.onClose}
    />
  );
}

/** «Перенести»: a waiting message to another time. */
export function MoveDialog({
  message,
  timeZone,
  onClose,
}: {
  message: TPendingMessage;
  timeZone: string;
  onClose: () => void;
}) {
  return (
    <TimeDialog
      title={t('afterHours.moveTitle')}
      label={t('afterHours.moveSave')}
      start={new Date(message.deliverAt)}
      timeZone={timeZone}
      act={(at) => editWaiting(message, { sendAt: at.toISOString() })}
      onClose={onClose}
    />
  );
}

/** «Изменить»: the text of a waiting message. */
export function EditWaitingDialog({ message, onClose }: { message: TPendingMessage; onClose: () => void }) {
  const [text, setText] = useState(message.body);
  const { busy, error, run } = useSubmit({ leaves: true });
  const body = text.trim();
  return (
    <Dialog title={t('afterHours.editTitle')} onClose={onClose}>
      <form
        class="form dialog__body"
        onSubmit={(event) => {
          event.preventDefault();
          if (!body) return;
          void run(async () => {
            if (body !== message.body) await editWaiting(message, { body });
            onClose();
          });
        }}
      >
        <div class="field">
          <label for="waiting-text">{t('afterHours.editText')}</label>
          <textarea
            id="waiting-text"
            rows={4}
            maxLength={MAX_MESSAGE_LENGTH}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </div>
        <FormActions
          error={error}
          busy={busy}
          label={t('afterHours.save')}
          disabled={!body}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}

/** «Отправить срочно»: the reason is required, and kept in the school's audit log. */
export function UrgentDialog({
  empty,
  send,
  onClose,
}: {
  /** nothing is written yet: say so instead of sending */
  empty: boolean;
  send: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit({ leaves: true });
  const ready = !empty && reason.trim().length >= 3;
  return (
    <Dialog title={t('afterHours.urgentTitle')} onClose={onClose}>
      <form
        class="form dialog__body"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready) return;
          void run(async () => {
            await send(reason.trim());
            onClose();
          });
        }}
      >
        <p>{t('afterHours.urgentText')}</p>
        {empty && (
          <p class="field__hint" role="status">
            {t('afterHours.urgentEmpty')}
          </p>
        )}
        <Field
          label={t('afterHours.urgentReason')}
          required
          minLength={3}
          maxLength={300}
          value={reason}
          onValue={setReason}
        />
        <FormActions
          error={error}
          busy={busy}
          label={t('afterHours.urgentSend')}
          danger
          disabled={!ready}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
