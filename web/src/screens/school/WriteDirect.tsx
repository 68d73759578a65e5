import { extrasApi } from '../../api/extras.js';
import { ComposeIcon } from '../../components/icons.js';
import { ErrorNote } from '../../components/ui.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import { navigate } from '../../router.js';
import { putChat } from '../../state/chats.js';

/** «Написать лично» on a person's card: opens (or starts) the direct chat with them. */
export function WriteDirect({ personId }: { personId: number }) {
  const { busy, error, run } = useSubmit({ leaves: true });

  async function open() {
    await run(async () => {
      const chat = await extrasApi.openDirect(personId);
      putChat(chat);
      navigate(`/chats/${chat.id}`);
    });
  }

  return (
    <div class="write-direct">
      <button type="button" class="button" disabled={busy} onClick={() => void open()}>
        <ComposeIcon width="20" height="20" />
        {busy ? t('direct.opening') : t('direct.open')}
      </button>
      <ErrorNote error={error} />
    </div>
  );
}
