import type { TCreatedPerson, TPersonCard } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { api } from '../../api/endpoints.js';
import { schoolApi } from '../../api/school.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { LinkCard } from '../../components/LinkCard.js';
import { ErrorNote } from '../../components/ui.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import { TransferDialog } from './TransferDialog.js';

/** The admin's verbs for a person: a new link to log in, a transfer, «Выбыл из школы». */
export function PersonActions({ person, onChanged }: { person: TPersonCard; onChanged: () => void }) {
  const [link, setLink] = useState<TCreatedPerson | null>(null);
  const [open, setOpen] = useState<'transfer' | 'leave' | null>(null);
  const { busy, error, run } = useSubmit();

  async function issueLink() {
    await run(async () => {
      const setPasswordLink = await api.issueResetLink(person.id);
      setLink({ person: { id: person.id, fullName: person.fullName, roles: person.roles }, setPasswordLink });
    });
  }

  return (
    <>
      {link && <LinkCard created={link} reissued onDone={() => setLink(null)} />}
      <section class="card" aria-labelledby="actions-title">
        <h2 class="card__title" id="actions-title">
          {t('person.actions')}
        </h2>
        <div class="section-actions section-actions--stack">
          <button type="button" class="button" disabled={busy} onClick={() => void issueLink()}>
            {t('person.issueLink')}
          </button>
          {person.policies.placeInClass && (
            <button type="button" class="button" onClick={() => setOpen('transfer')}>
              {person.class ? t('person.transfer') : t('person.enrol')}
            </button>
          )}
          <button type="button" class="button button--danger" onClick={() => setOpen('leave')}>
            {t('person.leave')}
          </button>
        </div>
        <ErrorNote error={error} />
      </section>
      {open === 'transfer' && (
        <TransferDialog
          student={person}
          from={person.class}
          onDone={onChanged}
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'leave' && (
        <ConfirmDialog
          title={t('person.leaveTitle')}
          text={t('person.leaveText', { name: person.fullName })}
          confirmLabel={t('person.leaveConfirm')}
          danger
          act={() => schoolApi.leave(person.id)}
          onDone={onChanged}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
