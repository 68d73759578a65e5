import { bulkClassLetters, type TCreatedClasses } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../forms/FormActions.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';

const grades = Array.from({ length: 11 }, (_, index) => index + 1);

/**
 * «Создать классы»: the whole school in one form — the grades and the
 * letters, every grade with every letter. Classes that exist are skipped,
 * so the form may be sent again after adding a letter.
 */
export function CreateClassesDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (created: TCreatedClasses) => void;
}) {
  const [chosenGrades, setGrades] = useState<number[]>(grades);
  const [letters, setLetters] = useState<string[]>(['А', 'Б']);
  const { busy, error, run } = useSubmit({ leaves: true });
  const count = chosenGrades.length * letters.length;

  const toggle = <T,>(list: T[], item: T, order: readonly T[]) =>
    list.includes(item)
      ? list.filter((x) => x !== item)
      : order.filter((x) => x === item || list.includes(x));

  async function submit(event: Event) {
    event.preventDefault();
    if (count === 0) return;
    await run(async () => {
      onCreated(await schoolApi.createClasses({ grades: chosenGrades, letters }));
    });
  }

  const first = chosenGrades[0];
  const last = chosenGrades.at(-1);
  return (
    <Dialog title={t('classes.bulkTitle')} onClose={onClose}>
      <form class="form dialog__body" onSubmit={submit}>
        <fieldset class="grid-pick">
          <legend class="grid-pick__legend">{t('classes.bulkGrades')}</legend>
          <div class="grid-pick__grid">
            {grades.map((grade) => (
              <label key={grade} class="grid-pick__item">
                <input
                  type="checkbox"
                  checked={chosenGrades.includes(grade)}
                  onChange={() => setGrades(toggle(chosenGrades, grade, grades))}
                />
                <span>{grade}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset class="grid-pick">
          <legend class="grid-pick__legend">{t('classes.bulkLetters')}</legend>
          <div class="grid-pick__grid">
            {bulkClassLetters.map((letter) => (
              <label key={letter} class="grid-pick__item">
                <input
                  type="checkbox"
                  checked={letters.includes(letter)}
                  onChange={() => setLetters(toggle(letters, letter, bulkClassLetters))}
                />
                <span>{letter}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <p class="form__note" role="status">
          {count === 0
            ? t('classes.bulkNone')
            : t('classes.bulkExplain', {
                count,
                from: `${first}${letters[0]}`,
                to: `${last}${letters.at(-1)}`,
              })}
        </p>
        <FormActions
          error={error}
          busy={busy}
          label={count === 0 ? t('classes.bulkSubmitNone') : t('classes.bulkSubmit', { count })}
          busyLabel={t('classes.creating')}
          disabled={count === 0}
          onCancel={onClose}
          sticky
        />
      </form>
    </Dialog>
  );
}
