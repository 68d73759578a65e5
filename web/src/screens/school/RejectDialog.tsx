import { type TJoinRequest, ZRejectRequest } from '@parta/protocol';
import { useId, useState } from 'preact/hooks';
import { invitesApi } from '../../api/invites.js';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../forms/FormActions.js';
import { lengthsOf } from '../../forms/rules.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';

/** «Отклонить» with a reason the applicant reads on their page; a few common ones to tap. */
export function RejectDialog({
  request,
  onDone,
  onClose,
}: {
  request: TJoinRequest;
  onDone: () => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit({ leaves: true });
  const id = useId();
  const ready = ZRejectRequest.safeParse({ reason }).success;

  async function submit(event: Event) {
    event.preventDefault();
    if (!ready) return;
    await run(async () => {
      await invitesApi.reject(request.id, reason.trim());
      onDone();
      onClose();
    });
  }

  return (
    <Dialog title={t('joinsQueue.rejectTitle')} onClose={onClose}>
      <form class="form dialog__body" onSubmit={submit}>
        <p>{t('joinsQueue.rejectIntro', { name: request.applicant.fullName })}</p>
        <div class="field">
          <label for={id}>{t('joinsQueue.reason')}</label>
          <textarea
            id={id}
            class="reason-field"
            rows={3}
            {...lengthsOf(ZRejectRequest.shape.reason)}
            value={reason}
            onInput={(event) => setReason(event.currentTarget.value)}
            aria-describedby={`${id}-hint`}
            required
          />
          <p class="field__hint" id={`${id}-hint`}>
            {t('joinsQueue.reasonHint')}
          </p>
        </div>
        <ul class="reason-suggestions">
          {t('joinsQueue.reasonSuggestions')
            .split(';')
            .map((suggestion) => (
              <li key={suggestion}>
                <button type="button" class="chip-button" onClick={() => setReason(suggestion)}>
                  {suggestion}
                </button>
              </li>
            ))}
        </ul>
        <FormActions
          error={error}
          busy={busy}
          label={t('joinsQueue.rejectConfirm')}
          disabled={!ready}
          danger
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
