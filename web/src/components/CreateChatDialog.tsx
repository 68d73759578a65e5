import { ZCreateChatRequest } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { usePeople } from '../api/usePeople.js';
import { rolesPhrase } from '../format/roles.js';
import { FormActions } from '../forms/FormActions.js';
import { lengthsOf } from '../forms/rules.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { navigate } from '../router.js';
import { putChat } from '../state/chats.js';
import { me } from '../state/session.js';
import { Dialog } from './Dialog.js';
import { ErrorNote, Field, SkeletonList } from './ui.js';

/** How many people the picker lists at once; a name narrows it on the server. */
const SHOWN = 200;

/** «Новый чат»: a title and the people in it, picked from the school's list (searched on the server). */
export function CreateChatDialog({ onClose }: { onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [announcement, setAnnouncement] = useState(false);
  const { busy, error, run } = useSubmit({ leaves: true });
  const myId = me.value!.id;

  const found = usePeople({ q: filter.trim() || undefined, limit: SHOWN });
  const people = found.list ? found.list.people.filter((person) => person.id !== myId) : null;
  const loadError = found.error;
  const nobody = people !== null && !found.stale && filter.trim() === '' && people.length === 0;

  function toggle(id: number) {
    const next = new Set(picked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setPicked(next);
  }

  async function submit(event: Event) {
    event.preventDefault();
    await run(async () => {
      const chat = await api.createChat({ title: title.trim(), memberIds: [...picked], announcement });
      putChat(chat);
      onClose();
      navigate(`/chats/${chat.id}`);
    });
  }

  return (
    <Dialog title={t('createChat.title')} onClose={onClose}>
      <form class="form dialog__body" onSubmit={submit}>
        <Field
          label={t('createChat.name')}
          hint={t('createChat.nameHint')}
          value={title}
          onValue={setTitle}
          {...lengthsOf(ZCreateChatRequest.shape.title)}
          required
        />
        <label class="check-row">
          <input
            type="checkbox"
            checked={announcement}
            onChange={(event) => setAnnouncement(event.currentTarget.checked)}
            aria-describedby="announcement-hint"
          />
          <span>
            <span class="check-row__label">{t('createChat.announcement')}</span>
            <span class="check-row__hint" id="announcement-hint">
              {t('createChat.announcementHint')}
            </span>
          </span>
        </label>
        <fieldset class="form__group picker">
          <legend>
            {t('createChat.members')}
            <span class="picker__count">{t('createChat.picked', { count: picked.size })}</span>
          </legend>
          {people === null && !loadError && <SkeletonList rows={3} label={t('people.loading')} />}
          <ErrorNote error={loadError} />
          {people && !nobody && (
            <Field label={t('createChat.filter')} type="search" value={filter} onValue={setFilter} />
          )}
          {nobody && <p class="form__note">{t('createChat.nobody')}</p>}
          <ul class="picker__list">
            {(people ?? []).map((person) => (
              <li key={person.id}>
                <label class="picker__item">
                  <input type="checkbox" checked={picked.has(person.id)} onChange={() => toggle(person.id)} />
                  <span class="picker__name">{person.fullName}</span>
                  <span class="picker__roles">
                    {[rolesPhrase(person.roles), person.className, person.context]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {found.list?.more && <p class="form__note">{t('people.more', { count: SHOWN })}</p>}
        </fieldset>
        <FormActions
          error={error}
          busy={busy}
          label={t('createChat.submit')}
          busyLabel={t('createChat.submitting')}
          disabled={!title.trim()}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
