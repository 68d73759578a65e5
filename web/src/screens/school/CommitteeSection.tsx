import type { TClassCard } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorNote } from '../../components/ui.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import type { ClassAccess } from './access.js';
import { PersonLink } from './PersonLink.js';

interface ClassParent {
  id: number;
  fullName: string;
  children: string[];
}

/** Every parent of the class once, with the names of their children in it. */
function classParents(card: TClassCard): ClassParent[] {
  const byId = new Map<number, ClassParent>();
  for (const student of card.students) {
    for (const parent of student.parents) {
      const known = byId.get(parent.id) ?? { ...parent, children: [] };
      known.children.push(student.fullName);
      byId.set(parent.id, known);
    }
  }
  return [...byId.values()].sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
}

/** «Родительский комитет»: its members talk with the director in «Директор — родительский комитет». */
export function CommitteeSection({
  card,
  can,
  onChanged,
}: {
  card: TClassCard;
  can: ClassAccess;
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const parents = classParents(card);
  return (
    <section class="card class-section class-section--committee" aria-labelledby="committee-title">
      <h2 class="card__title" id="committee-title">
        {t('classCard.committee')}
        <span class="card__count">{card.committee.length || ''}</span>
      </h2>
      {card.committee.length === 0 ? (
        <p class="form__note">{t('classCard.noCommittee')}</p>
      ) : (
        <ul class="rows">
          {card.committee.map((member) => (
            <li key={member.id} class="rows__item">
              <PersonLink person={member} open={can.openPeople} class="rows__title" />
            </li>
          ))}
        </ul>
      )}
      <p class="form__note">{t('classCard.committeeExplain')}</p>
      {can.edit && (
        <div class="section-actions">
          <button
            type="button"
            class="button button--small"
            onClick={() => setEditing(true)}
            disabled={parents.length === 0}
          >
            {t('classCard.editCommittee')}
          </button>
        </div>
      )}
      {editing && (
        <CommitteeDialog
          card={card}
          parents={parents}
          onChanged={onChanged}
          onClose={() => setEditing(false)}
        />
      )}
    </section>
  );
}

/** A switch per parent; each one saves at once. */
function CommitteeDialog({
  card,
  parents,
  onChanged,
  onClose,
}: {
  card: TClassCard;
  parents: ClassParent[];
  onChanged: () => void;
  onClose: () => void;
}) {
  const [members, setMembers] = useState<ReadonlySet<number>>(new Set(card.committee.map((m) => m.id)));
  const { working: saving, error, run } = useSubmit<number>();

  /** The switch moves at once; it moves back if the server refuses. */
  async function toggle(parentId: number, member: boolean) {
    const before = members;
    const next = new Set(members);
    if (member) next.add(parentId);
    else next.delete(parentId);
    setMembers(next);
    const saved = await run(async () => {
      await schoolApi.setCommittee(card.id, parentId, member);
      onChanged();
    }, parentId);
    if (!saved) setMembers(before);
  }

  return (
    <Dialog title={t('classCard.committeeTitle', { name: card.name })} onClose={onClose}>
      <div class="form dialog__body">
        <p class="form__note">{t('classCard.committeeExplain')}</p>
        <ul class="picker__list">
          {parents.map((parent) => (
            <li key={parent.id}>
              <label class="picker__item switch-row">
                <span class="picker__name">{parent.fullName}</span>
                <span class="picker__roles">
                  {t('classCard.parentOf', {
                    names: parent.children.join(', '),
                    count: parent.children.length,
                  })}
                </span>
                <input
                  type="checkbox"
                  role="switch"
                  class="switch"
                  checked={members.has(parent.id)}
                  aria-checked={members.has(parent.id)}
                  disabled={saving !== null}
                  onChange={(event) => void toggle(parent.id, event.currentTarget.checked)}
                />
              </label>
            </li>
          ))}
        </ul>
        <ErrorNote error={error} />
        <div class="dialog__actions dialog__actions--sticky">
          <button type="button" class="button button--primary" onClick={onClose}>
            {t('common.done')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
