import type { TClassCard } from '@parta/protocol';
import { parentRoles, studentRoles } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { CloseIcon, PlusIcon } from '../../components/icons.js';
import { EmptyState } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import type { ClassAccess } from './access.js';
import { ChoosePersonDialog } from './ChoosePersonDialog.js';
import { PersonLink } from './PersonLink.js';
import { TransferDialog } from './TransferDialog.js';

type Student = TClassCard['students'][number];
type Ref = { id: number; fullName: string };

type Open =
  | { kind: 'add' }
  | { kind: 'link'; student: Student }
  | { kind: 'unlink'; student: Student; parent: Ref }
  | { kind: 'transfer'; student: Student }
  | null;

/** «Ученики и родители»: each student with their parents; link, unlink, transfer, add. */
export function StudentsSection({
  card,
  can,
  onChanged,
}: {
  card: TClassCard;
  can: ClassAccess;
  onChanged: () => void;
}) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const committee = new Set(card.committee.map((parent) => parent.id));

  return (
    <section class="card class-section class-section--students" aria-labelledby="students-title">
      <div class="card__head">
        <h2 class="card__title" id="students-title">
          {t('classCard.students')}
          <span class="card__count">{card.students.length || ''}</span>
        </h2>
        {can.manage && card.students.length > 0 && (
          <button type="button" class="button button--small" onClick={() => setOpen({ kind: 'add' })}>
            <PlusIcon width="18" height="18" />
            {t('classCard.addStudent')}
          </button>
        )}
      </div>
      {card.students.length === 0 ? (
        <EmptyState
          title={t('classCard.noStudentsTitle')}
          text={can.manage ? t('classCard.noStudentsText') : undefined}
        >
          {can.manage && (
            <button type="button" class="button button--primary" onClick={() => setOpen({ kind: 'add' })}>
              {t('classCard.addStudent')}
            </button>
          )}
        </EmptyState>
      ) : (
        <ul class="students">
          {card.students.map((student) => (
            <li key={student.id} class="student" data-testid="student">
              <div class="student__head">
                <PersonLink person={student} open={can.openPeople} class="student__name" />
                {can.manage && (
                  <button
                    type="button"
                    class="button button--small button--quiet"
                    onClick={() => setOpen({ kind: 'transfer', student })}
                    aria-label={t('classCard.transferFor', { name: student.fullName })}
                  >
                    {t('classCard.transfer')}
                  </button>
                )}
              </div>
              <div class="student__family">
                {student.parents.length === 0 ? (
                  <span class="student__none">{t('classCard.noParents')}</span>
                ) : (
                  <ul
                    class="student__parents"
                    aria-label={t('classCard.parentsOf', { name: student.fullName })}
                  >
                    {student.parents.map((parent) => (
                      <li
                        key={parent.id}
                        class={`parent-chip${parent.joined ? '' : ' parent-chip--away'}`}
                        data-joined={parent.joined}
                      >
                        <PersonLink person={parent} open={can.openPeople} class="parent-chip__name" />
                        {!parent.joined && (
                          <span
                            class="tag tag--away"
                            title={t('classCard.notJoinedFor', { name: parent.fullName })}
                          >
                            {t('classCard.notJoined')}
                          </span>
                        )}
                        {committee.has(parent.id) && (
                          <span class="tag tag--committee">{t('classCard.committeeTag')}</span>
                        )}
                        {can.edit && (
                          <button
                            type="button"
                            class="icon-button icon-button--small"
                            onClick={() => setOpen({ kind: 'unlink', student, parent })}
                            aria-label={t('classCard.unlinkFor', { name: parent.fullName })}
                          >
                            <CloseIcon width="16" height="16" />
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {can.edit && (
                  <button
                    type="button"
                    class="chip-button"
                    onClick={() => setOpen({ kind: 'link', student })}
                    aria-label={t(
                      student.parents.length > 0 ? 'classCard.linkAnotherFor' : 'classCard.linkParentFor',
                      {
                        name: student.fullName,
                      },
                    )}
                  >
                    <PlusIcon width="16" height="16" />
                    {student.parents.length > 0 ? t('classCard.linkAnother') : t('classCard.linkParent')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {open?.kind === 'add' && (
        <ChoosePersonDialog
          title={t('classCard.addStudentTitle', { name: card.name })}
          roles={studentRoles}
          exclude={new Set(card.students.map((student) => student.id))}
          intro={t('classCard.addStudentIntro', { name: card.name })}
          allowCreate={can.manage}
          submitLabel={t('classCard.addStudentSubmit', { name: card.name })}
          act={(studentId) => schoolApi.placeStudent(studentId, card.id)}
          onDone={onChanged}
          onClose={close}
        />
      )}
      {open?.kind === 'link' && (
        <ChoosePersonDialog
          title={t('classCard.linkParentTitle')}
          roles={parentRoles}
          exclude={new Set(open.student.parents.map((parent) => parent.id))}
          intro={t('classCard.linkParentIntro', { name: open.student.fullName, class: card.name })}
          allowCreate={can.manage}
          submitLabel={t('classCard.linkParentSubmit')}
          act={(parentId) => schoolApi.linkGuardian(open.student.id, parentId)}
          onDone={onChanged}
          onClose={close}
        />
      )}
      {open?.kind === 'unlink' && (
        <ConfirmDialog
          title={t('classCard.unlinkTitle')}
          text={t('classCard.unlinkText', {
            parent: open.parent.fullName,
            student: open.student.fullName,
            class: card.name,
          })}
          confirmLabel={t('classCard.unlink')}
          danger
          act={() => schoolApi.unlinkGuardian(open.student.id, open.parent.id)}
          onDone={onChanged}
          onClose={close}
        />
      )}
      {open?.kind === 'transfer' && (
        <TransferDialog
          student={open.student}
          from={{ id: card.id, name: card.name }}
          onDone={onChanged}
          onClose={close}
        />
      )}
    </section>
  );
}
