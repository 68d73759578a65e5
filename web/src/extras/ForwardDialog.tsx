import type { TMessage } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { extrasApi } from '../api/extras.js';
import { chatTitle } from '../components/ChatList.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorNote, Field } from '../components/ui.js';
import { messagePreview } from '../format/preview.js';
import { PickList } from '../forms/PickList.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { navigate } from '../router.js';
import { chatList, noteMessage } from '../state/chats.js';
import { me } from '../state/session.js';
import { addMessage } from '../state/threads.js';

/** «Переслать»: the chats this person may write in; the copy says who wrote the original. */
export function ForwardDialog({ message, onClose }: { message: TMessage; onClose: () => void }) {
  const [filter, setFilter] = useState('');
  const { busy, working, error, run } = useSubmit<number>({ leaves: true });
  const needle = filter.trim().toLocaleLowerCase();
  const targets = chatList.value.filter(
    (chat) =>
      chat.policies.post &&
      chat.id !== message.chatId &&
      (!needle || chatTitle(chat).toLocaleLowerCase().includes(needle)),
  );

  async function forward(toChatId: number) {
    await run(async () => {
      const copy = await extrasApi.forward(message.chatId, message.id, toChatId);
      addMessage(copy);
      noteMessage(copy, me.value!.id, false);
      onClose();
      navigate(`/chats/${toChatId}`);
    }, toChatId);
  }

  return (
    <Dialog title={t('forward.title')} onClose={onClose}>
      <div class="dialog__body forward">
        <p class="forward__message">{messagePreview(message)}</p>
        <Field label={t('forward.filter')} type="search" value={filter} onValue={setFilter} />
        <ErrorNote error={error} />
        {targets.length === 0 ? (
          <p class="form__note">{needle ? t('forward.nothingFound') : t('forward.nowhere')}</p>
        ) : (
          <PickList
            label={t('forward.chats')}
            items={targets}
            busy={busy}
            working={working}
            workingHint={t('forward.sending')}
            onPick={(id) => void forward(id)}
            name={chatTitle}
            hint={(chat) => t('chat.members', { count: chat.memberCount })}
          />
        )}
      </div>
    </Dialog>
  );
}
