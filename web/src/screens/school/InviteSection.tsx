import type { TClassCard } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { PlusIcon } from '../../components/icons.js';
import { t } from '../../i18n/index.js';
import { followLink } from '../../router.js';
import { CreatedInviteCard } from './CreatedInviteCard.js';
import { CreateInviteDialog } from './CreateInviteDialog.js';
import { useInviteScope } from './InviteScope.js';
import { justCreated } from './invite-state.js';

/**
 * «Приглашения» on the class card (its class teacher, the admin): invite the
 * class's parents — the link, its QR code and slips appear right here.
 */
export function InviteSection({ card }: { card: TClassCard }) {
  const scope = useInviteScope();
  const [creating, setCreating] = useState(false);
  const created = justCreated.value;
  const mine = created?.invite.class?.id === card.id ? created : null;
  return (
    <section class="card class-section class-section--invites" aria-labelledby="class-invites-title">
      <h2 class="card__title" id="class-invites-title">
        {t('invites.classCard.title')}
      </h2>
      <p class="form__note">{t('invites.classCard.text')}</p>
      <div class="section-actions section-actions--stack">
        <button
          type="button"
          class="button button--primary"
          disabled={!scope.data}
          onClick={() => setCreating(true)}
        >
          <PlusIcon width="20" height="20" />
          {t('invites.inviteParents', { name: card.name })}
        </button>
        <a
          class="button button--quiet"
          href="/school/invites"
          onClick={(event) => followLink(event, '/school/invites')}
        >
          {t('invites.classCard.all')}
        </a>
      </div>
      {mine && <CreatedInviteCard created={mine} />}
      {creating && scope.data && (
        <CreateInviteDialog
          scope={scope.data}
          classId={card.id}
          onCreated={() => {}}
          onClose={() => setCreating(false)}
        />
      )}
    </section>
  );
}
