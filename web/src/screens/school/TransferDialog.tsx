import type { TClassSummary } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorNote, SkeletonList } from '../../components/ui.js';
import { FormActions } from '../../forms/FormActions.js';
import { RadioList } from '../../forms/RadioList.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';

/**
 * «Перевести в другой класс» (or enrol a student who has none): the student
 * and their parents change class chats by themselves.
 */
export function TransferDialog({
  student,
  from,
  onDone,
  onClose,
}: {
  student: { id: number; fullName: string };
  /** the class the student is in now, if any */
  from: { id: number; name: string } | null;
  onDone: () => void;
  onClose: () => void;
}) {
  const [classes, setClasses] = useState<TClassSummary[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const { busy, error, run } = useSubmit({ leaves: true });

  useEffect(() => {
    schoolApi.structure().then(
      (structure) => setClasses(structure.classes.filter((item) => item.id !== from?.id)),
      (failure: unknown) => setLoadError(failure),
    );
  }, [from?.id]);

  async function submit(event: Event) {
    event.preventDefault();
    if (picked === null) return;
    await run(async () => {
      await schoolApi.placeStudent(student.id, picked);
      onDone();
      onClose();
    });
  }

  const target = classes?.find((item) => item.id === picked);
  return (
    <Dialog title={from ? t('transfer.title') : t('transfer.enrolTitle')} onClose={onClose}>
      <form class="form dialog__body" onSubmit={submit}>
        <p>
          {from
            ? t('transfer.intro', { name: student.fullName, from: from.name })
            : t('transfer.enrolIntro', { name: student.fullName })}
        </p>
        <fieldset class="form__group picker">
          <legend>{t('transfer.to')}</legend>
          {classes === null && !loadError && <SkeletonList rows={3} label={t('classes.loading')} />}
          <ErrorNote error={loadError} />
          {classes && classes.length === 0 && <p class="form__note">{t('transfer.noClasses')}</p>}
          <RadioList
            name="target-class"
            items={classes ?? []}
            picked={picked}
            onPick={setPicked}
            listClass="picker__list picker__list--classes"
            itemClass="picker__item"
          >
            {(item) => (
              <>
                <span class="picker__name">{item.name}</span>
                <span class="picker__roles">
                  {t('classes.students', { count: item.counts.students })}
                  {item.classTeacher ? ` · ${item.classTeacher.fullName}` : ''}
                </span>
              </>
            )}
          </RadioList>
        </fieldset>
        {target && <p class="form__note">{t('transfer.chats', { name: target.name })}</p>}
        <FormActions
          error={error}
          busy={busy}
          label={
            target
              ? t(from ? 'transfer.submitTo' : 'transfer.enrolTo', { name: target.name })
              : t(from ? 'transfer.submit' : 'transfer.enrol')
          }
          disabled={picked === null}
          onCancel={onClose}
          sticky
        />
      </form>
    </Dialog>
  );
}
