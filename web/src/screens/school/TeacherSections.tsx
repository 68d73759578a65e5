import { type TClassCard, teachingRoles as teacherRoles, ZSubjectTeacherRequest } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { CloseIcon, PlusIcon } from '../../components/icons.js';
import { ErrorNote, Field } from '../../components/ui.js';
import { lengthsOf } from '../../forms/rules.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import type { ClassAccess } from './access.js';
import { ChoosePersonDialog } from './ChoosePersonDialog.js';
import { PersonLink } from './PersonLink.js';

interface SectionProps {
  card: TClassCard;
  can: ClassAccess;
  onChanged: () => void;
}

/** «Классный руководитель»: who leads the class (and owns its chats), or a clear «не назначен». */
export function ClassTeacherSection({ card, can, onChanged }: SectionProps) {
  const [choosing, setChoosing] = useState(false);
  const { error, run } = useSubmit();
  const teacher = card.classTeacher;

  async function release() {
    await run(async () => {
      await schoolApi.setClassTeacher(card.id, null);
      onChanged();
    });
  }

  return (
    <section class="card class-section class-section--teacher" aria-labelledby="class-teacher-title">
      <h2 class="card__title" id="class-teacher-title">
        {t('classCard.classTeacher')}
      </h2>
      {teacher ? (
        <p class="class-teacher">
          <PersonLink person={teacher} open={can.openPeople} class="class-teacher__name" />
          <span class="class-teacher__note">{t('classCard.ownsChats', { name: card.name })}</span>
        </p>
      ) : (
        <p class="warn-text">{t('classCard.noClassTeacher')}</p>
      )}
      <ErrorNote error={error} />
      {can.manage && (
        <div class="section-actions">
          {teacher ? (
            <>
              <button
                type="button"
                class="button button--small"
                onClick={() => setChoosing(true)}
                aria-label={t('classCard.changeClassTeacher')}
              >
                {t('classCard.change')}
              </button>
              <button type="button" class="button button--small button--quiet" onClick={() => void release()}>
                {t('classCard.releaseClassTeacher')}
              </button>
            </>
          ) : (
            <button
              type="button"
              class="button button--small button--primary"
              onClick={() => setChoosing(true)}
            >
              {t('classCard.assignClassTeacher')}
            </button>
          )}
        </div>
      )}
      {choosing && (
        <ChoosePersonDialog
          title={t('classCard.assignClassTeacherTitle', { name: card.name })}
          roles={teacherRoles}
          exclude={new Set(teacher ? [teacher.id] : [])}
          intro={t('classCard.assignClassTeacherIntro', { name: card.name })}
          allowCreate
          submitLabel={t('classCard.assign')}
          act={(personId) => schoolApi.setClassTeacher(card.id, personId)}
          onDone={onChanged}
          onClose={() => setChoosing(false)}
        />
      )}
    </section>
  );
}

/** «Учителя-предметники»: subject and teacher, each removable; the admin adds them. */
export function SubjectTeachersSection({ card, can, onChanged }: SectionProps) {
  const [adding, setAdding] = useState(false);
  const [subject, setSubject] = useState('');
  const { error, run } = useSubmit();

  async function remove(row: TClassCard['subjectTeachers'][number]) {
    await run(async () => {
      await schoolApi.removeSubjectTeacher(card.id, { teacherId: row.teacher.id, subject: row.subject });
      onChanged();
    });
  }

  return (
    <section class="card class-section class-section--subjects" aria-labelledby="subjects-title">
      <h2 class="card__title" id="subjects-title">
        {t('classCard.subjectTeachers')}
        <span class="card__count">{card.subjectTeachers.length || ''}</span>
      </h2>
      {card.subjectTeachers.length === 0 ? (
        <p class="form__note">{t('classCard.noSubjectTeachers')}</p>
      ) : (
        <ul class="rows">
          {card.subjectTeachers.map((row) => (
            <li key={`${row.teacher.id}-${row.subject}`} class="rows__item">
              <span class="rows__main">
                <span class="rows__title">{row.subject}</span>
                <PersonLink person={row.teacher} open={can.openPeople} class="rows__sub" />
              </span>
              {can.manage && (
                <button
                  type="button"
                  class="icon-button icon-button--small"
                  onClick={() => void remove(row)}
                  aria-label={t('classCard.removeSubjectTeacher', {
                    subject: row.subject,
                    name: row.teacher.fullName,
                  })}
                >
                  <CloseIcon width="18" height="18" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={error} />
      {can.manage && (
        <div class="section-actions">
          <button type="button" class="button button--small" onClick={() => setAdding(true)}>
            <PlusIcon width="18" height="18" />
            {t('classCard.addSubjectTeacher')}
          </button>
        </div>
      )}
      {adding && (
        <ChoosePersonDialog
          title={t('classCard.addSubjectTeacherTitle', { name: card.name })}
          roles={teacherRoles}
          allowCreate
          submitLabel={t('classCard.addSubjectTeacherSubmit')}
          extra={<SubjectField value={subject} onValue={setSubject} />}
          ready={ZSubjectTeacherRequest.shape.subject.safeParse(subject).success}
          act={(teacherId) => schoolApi.addSubjectTeacher(card.id, { teacherId, subject: subject.trim() })}
          onDone={onChanged}
          onClose={() => {
            setAdding(false);
            setSubject('');
          }}
        />
      )}
    </section>
  );
}

function SubjectField({ value, onValue }: { value: string; onValue: (value: string) => void }) {
  return (
    <>
      <Field
        label={t('classCard.subject')}
        hint={t('classCard.subjectHint')}
        value={value}
        onValue={onValue}
        list="school-subjects"
        {...lengthsOf(ZSubjectTeacherRequest.shape.subject)}
        required
      />
      <datalist id="school-subjects">
        {t('classCard.subjectSuggestions')
          .split(';')
          .map((name) => (
            <option key={name} value={name} />
          ))}
      </datalist>
    </>
  );
}
