import { useId, useState } from 'preact/hooks';
import { invitesApi } from '../../api/invites.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorNote } from '../../components/ui.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import type { InviteScope } from './InviteScope.js';

/**
 * «Аннулировать неиспользованные» (regulation §4.1): every link of a class —
 * or, for the admin, of the whole school — that nobody has used stops
 * working. Asked first, then «Отменено приглашений: 7».
 */
export function AnnulDialog({
  scope,
  onDone,
  onClose,
}: {
  scope: InviteScope;
  onDone: () => void;
  onClose: () => void;
}) {
  const [classId, setClassId] = useState<number | null>(
    scope.wholeSchool ? null : (scope.classes[0]?.id ?? null),
  );
  const { busy, error, run } = useSubmit();
  const [count, setCount] = useState<number | null>(null);
  const select = useId();
  const schoolClass = scope.classes.find((item) => item.id === classId);

  async function annul() {
    await run(async () => {
      setCount((await invitesApi.annul(classId ?? undefined)).count);
      onDone();
    });
  }

  const choices = scope.wholeSchool || scope.classes.length > 1;
  return (
    <Dialog title={t('invites.annulTitle')} onClose={onClose}>
      <div class="form dialog__body">
        {count !== null ? (
          <p class="notice" role="status">
            {t('invites.annulled', { count })}
          </p>
        ) : (
          <>
            {choices && (
              <div class="field">
                <label for={select}>{t('invites.annulScope')}</label>
                <select
                  id={select}
                  value={classId ?? ''}
                  onChange={(event) =>
                    setClassId(event.currentTarget.value ? Number(event.currentTarget.value) : null)
                  }
                >
                  {scope.wholeSchool && <option value="">{t('invites.annulSchool')}</option>}
                  {scope.classes.map((item) => (
                    <option key={item.id} value={item.id}>
                      {item.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <p>
              {schoolClass
                ? t('invites.annulTextClass', { name: schoolClass.name })
                : t('invites.annulTextSchool')}
            </p>
            <ErrorNote error={error} />
          </>
        )}
        <div class="dialog__actions">
          {count !== null ? (
            <button type="button" class="button button--primary" onClick={onClose}>
              {t('common.done')}
            </button>
          ) : (
            <>
              <button type="button" class="button button--quiet" onClick={onClose}>
                {t('common.cancel')}
              </button>
              <button
                type="button"
                class="button button--danger-solid"
                disabled={busy || (!scope.wholeSchool && classId === null)}
                onClick={() => void annul()}
              >
                {busy ? t('common.saving') : t('invites.annulConfirm')}
              </button>
            </>
          )}
        </div>
      </div>
    </Dialog>
  );
}
