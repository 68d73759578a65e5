import { handGivenRoles, leadsClass, type Role, type TPersonCard } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { FormActions } from '../../forms/FormActions.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';

/** The roles given by hand; «классный руководитель» follows the class a person leads. */
const editable = handGivenRoles;

/**
 * «Роли»: several per person, edited in place (a teacher who is also a
 * parent keeps one account). Which roles the reader may switch comes with
 * the card (the admin: all; the administration: «администратор» only).
 */
export function RoleEditor({
  person,
  onSaved,
}: {
  person: TPersonCard;
  onSaved: (card: TPersonCard) => void;
}) {
  /** the roles the reader may switch, as the server decided (`policies.setRoles` of the card) */
  const may = person.policies.setRoles;
  const [editing, setEditing] = useState(false);
  const [picked, setPicked] = useState<ReadonlySet<Role>>(new Set(person.roles));
  const { busy, error, run } = useSubmit();
  const leads = person.leads.map((item) => item.name).join(', ');

  async function save(event: Event) {
    event.preventDefault();
    await run(async () => {
      const card = await schoolApi.setRoles(
        person.id,
        editable.filter((role) => picked.has(role)),
      );
      onSaved({ ...person, roles: card.roles, policies: card.policies });
      setEditing(false);
    });
  }

  function toggle(role: Role) {
    const next = new Set(picked);
    if (next.has(role)) next.delete(role);
    else next.add(role);
    setPicked(next);
  }

  return (
    <section class="card" aria-labelledby="roles-title">
      <h2 class="card__title" id="roles-title">
        {t('person.roles')}
      </h2>
      {!editing ? (
        <>
          <p class="role-tags">
            {person.roles.length === 0 && <span class="form__note">{t('person.noRoles')}</span>}
            {person.roles.map((role) => (
              <span key={role} class="tag tag--role">
                {t(`roles.${role}`)}
              </span>
            ))}
          </p>
          {may.length > 0 && (
            <div class="section-actions">
              <button
                type="button"
                class="button button--small"
                onClick={() => {
                  setPicked(new Set(person.roles));
                  setEditing(true);
                }}
              >
                {t('person.editRoles')}
              </button>
            </div>
          )}
        </>
      ) : (
        <form class="form" onSubmit={save}>
          <fieldset class="form__group">
            <legend class="visually-hidden">{t('person.roles')}</legend>
            <ul class="checks">
              {editable.map((role) => (
                <li key={role}>
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={picked.has(role)}
                      disabled={!may.includes(role)}
                      onChange={() => toggle(role)}
                    />
                    <span>
                      <span class="check__label">{t(`person.role.${role}`)}</span>
                    </span>
                  </label>
                </li>
              ))}
              <li>
                <label class="check check--readonly">
                  <input type="checkbox" checked={leadsClass(person.roles)} disabled />
                  <span>
                    <span class="check__label">{t('person.role.class_teacher')}</span>
                    <span class="check__hint">
                      {leads ? t('person.classTeacherOf', { classes: leads }) : t('person.classTeacherHint')}
                    </span>
                  </span>
                </label>
              </li>
            </ul>
          </fieldset>
          <FormActions
            error={error}
            busy={busy}
            label={t('person.saveRoles')}
            onCancel={() => setEditing(false)}
            place="form"
          />
        </form>
      )}
    </section>
  );
}
