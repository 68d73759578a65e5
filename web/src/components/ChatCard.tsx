import type { TChat } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/endpoints.js';
import { useSubmit } from '../forms/useSubmit.js';
import { t } from '../i18n/index.js';
import { followLink, navigate } from '../router.js';
import { noteMuted } from '../state/chats.js';
import { loadMembers, members } from '../state/members.js';
import { chatTitle } from './ChatList.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { Dialog } from './Dialog.js';
import { SearchIcon } from './icons.js';
import { ErrorNote, SkeletonList } from './ui.js';

/**
 * The chat's card, opened from its header: who is in it (hosts first), search
 * in this chat, «Без звука», and «Покинуть чат» where the server allows it
 * (`chat.policies.leave`).
 */
export function ChatCard({ chat, onClose }: { chat: TChat; onClose: () => void }) {
  const list = members.value.get(chat.id) ?? null;
  const [leaving, setLeaving] = useState(false);
  const { busy, error, run } = useSubmit();
  useEffect(() => loadMembers(chat.id), [chat.id]);

  async function mute(muted: boolean) {
    await run(async () => {
      await api.muteChat(chat.id, muted);
      noteMuted(chat.id, muted);
    });
  }

  if (leaving) {
    return (
      <ConfirmDialog
        title={t('chatCard.leaveTitle')}
        text={t('chatCard.leaveText', { title: chatTitle(chat) })}
        confirmLabel={t('chatCard.leave')}
        danger
        act={() => api.leaveChat(chat.id)}
        onDone={() => navigate('/')}
        onClose={() => setLeaving(false)}
      />
    );
  }

  const searchHref = `/search?chat=${chat.id}`;
  return (
    <Dialog title={chatTitle(chat)} onClose={onClose}>
      <div class="dialog__body chat-card">
        <a class="button button--wide" href={searchHref} onClick={(event) => followLink(event, searchHref)}>
          <SearchIcon width="20" height="20" />
          {t('chatCard.search')}
        </a>
        <label class="switch-row switch-row--card">
          <span>
            <span class="switch-row__label">{t('chatCard.mute')}</span>
            <span class="switch-row__hint">{t('chatCard.muteHint')}</span>
          </span>
          <input
            type="checkbox"
            role="switch"
            class="switch"
            checked={chat.muted}
            aria-checked={chat.muted}
            disabled={busy}
            onChange={(event) => void mute(event.currentTarget.checked)}
          />
        </label>
        <ErrorNote error={error} />
        <section aria-labelledby="chat-card-members">
          <h3 class="chat-card__heading" id="chat-card-members">
            {t('chat.members', { count: chat.memberCount })}
          </h3>
          {list === null ? (
            <SkeletonList rows={3} label={t('chatCard.membersLoading')} />
          ) : (
            <ul class="plain-list chat-card__members">
              {list.map((member) => (
                <li key={member.id}>
                  <span>{member.fullName}</span>
                  {member.role === 'owner' && <span class="chat-card__host">{t('chatCard.host')}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
        {chat.policies.leave && (
          <button type="button" class="button button--danger button--wide" onClick={() => setLeaving(true)}>
            {t('chatCard.leave')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
