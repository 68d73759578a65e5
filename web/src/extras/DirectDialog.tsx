import type { TDirectContacts } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { extrasApi } from '../api/extras.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorNote, Field, SkeletonList } from '../components/ui.js';
import { rolesPhrase } from '../format/roles.js';
import { PickList } from '../forms/PickList.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { navigate } from '../router.js';
import { putChat } from '../state/chats.js';
import { useDebounced } from './useDebounced.js';

/** «Учитель · 5А, 7Б», «Родитель · 5А». */
function describe(person: TDirectContacts['people'][number]): string {
  const roles = rolesPhrase(person.roles);
  return person.classNames.length > 0 ? `${roles} · ${person.classNames.join(', ')}` : roles;
}

/** «Написать лично»: the people this person may write to, found by name; opens (or starts) the chat. */
export function DirectDialog({ onClose }: { onClose: () => void }) {
  const [filter, setFilter] = useState('');
  const query = useDebounced(filter.trim(), 250);
  const [found, setFound] = useState<TDirectContacts['people'] | null>(null);
  const { busy, working, error, run, setError } = useSubmit<number>({ leaves: true });

  useEffect(() => {
    let alive = true;
    extrasApi.directContacts(query).then(
      (list) => {
        if (!alive) return;
        setFound(list.people);
        setError(null);
      },
      (failure: unknown) => alive && setError(failure),
    );
    return () => {
      alive = false;
    };
  }, [query]);

  async function open(userId: number) {
    await run(async () => {
      const chat = await extrasApi.openDirect(userId);
      putChat(chat);
      onClose();
      navigate(`/chats/${chat.id}`);
    }, userId);
  }

  return (
    <Dialog title={t('direct.title')} onClose={onClose}>
      <div class="dialog__body direct">
        <Field
          label={t('direct.filter')}
          type="search"
          value={filter}
          onValue={setFilter}
          autoFocus
          autocomplete="off"
        />
        <ErrorNote error={error} />
        {found === null && !error && <SkeletonList rows={3} label={t('direct.loading')} />}
        {found?.length === 0 && (
          <p class="form__note">{query ? t('direct.nothingFound') : t('direct.nobody')}</p>
        )}
        {found && found.length > 0 && (
          <PickList
            label={t('direct.people')}
            items={found}
            busy={busy}
            working={working}
            workingHint={t('direct.opening')}
            onPick={(id) => void open(id)}
            name={(person) => person.fullName}
            hint={describe}
          />
        )}
      </div>
    </Dialog>
  );
}
