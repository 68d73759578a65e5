import { type TClassCard, ZClassLetter } from '@parta/protocol';
import { useId, useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { Dialog } from '../../components/Dialog.js';
import { Field } from '../../components/ui.js';
import { FormActions } from '../../forms/FormActions.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';

const grades = Array.from({ length: 11 }, (_, index) => index + 1);

/** «Создать класс»: a grade from 1 to 11 and one Russian letter; its two chats appear by themselves. */
export function CreateClassDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (created: TClassCard) => void;
}) {
  const [grade, setGrade] = useState(5);
  const [letter, setLetter] = useState('');
  const { busy, error, run } = useSubmit({ leaves: true });
  const gradeId = useId();
  const checked = ZClassLetter.safeParse(letter);
  const valid = checked.success;
  const clean = checked.data ?? '';
  const name = `${grade}${clean}`;

  async function submit(event: Event) {
    event.preventDefault();
    if (!valid) return;
    await run(async () => {
      onCreated(await schoolApi.createClass({ grade, letter: clean }));
    });
  }

  return (
    <Dialog title={t('classes.createTitle')} onClose={onClose}>
      <form class="form dialog__body" onSubmit={submit}>
        <div class="form__row form__row--pair">
          <div class="field">
            <label for={gradeId}>{t('classes.gradeLabel')}</label>
            <select
              id={gradeId}
              value={grade}
              onChange={(event) => setGrade(Number(event.currentTarget.value))}
            >
              {grades.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </div>
          <Field
            label={t('classes.letterLabel')}
            value={letter}
            onValue={(value) => setLetter(value.toUpperCase())}
            maxLength={1}
            autocomplete="off"
            required
            invalid={letter.trim() !== '' && !valid}
          />
        </div>
        <p class={`form__note${letter.trim() !== '' && !valid ? ' form__note--bad' : ''}`}>
          {letter.trim() !== '' && !valid
            ? t('classes.letterHint')
            : valid
              ? t('classes.createExplain', { name })
              : t('classes.letterHint')}
        </p>
        <FormActions
          error={error}
          busy={busy}
          label={t('classes.createSubmit', { name: valid ? name : '' }).trim()}
          busyLabel={t('classes.creating')}
          disabled={!valid}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
