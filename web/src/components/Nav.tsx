import type { JSX } from 'preact';
import { t } from '../i18n/index.js';
import { followLink, type Route } from '../router.js';
import { chatList } from '../state/chats.js';
import { pendingCount } from '../state/joins.js';
import { canSeeSchool, isReviewer, leadsClassOnly } from '../state/session.js';
import { ChatsIcon, ClassIcon, InboxIcon, ProfileIcon, SchoolIcon } from './icons.js';

interface Place {
  href: string;
  label: string;
  icon: (props: JSX.SVGAttributes<SVGSVGElement>) => JSX.Element;
  active: boolean;
  count?: number;
  /** what the count means, for a screen reader */
  countLabel?: string;
}

const schoolRoutes: ReadonlySet<Route['name']> = new Set([
  'school',
  'rollover',
  'class',
  'person',
  'invitePrint',
]);

/**
 * The places: a bottom bar on a phone, a rail on the left of a desktop. At
 * most four: «Чаты», «Заявки» (for those who review them), «Школа» (or a
 * class teacher's «Мой класс»), «Профиль».
 */
export function Nav({ route }: { route: Route }) {
  const unreadChats = chatList.value.filter((chat) => chat.unreadCount > 0).length;
  const places: Place[] = [
    {
      href: '/',
      label: t('nav.chats'),
      icon: ChatsIcon,
      active: route.name === 'chats' || route.name === 'chat' || route.name === 'search',
      count: unreadChats,
      countLabel: t('nav.unreadChats', { count: unreadChats }),
    },
  ];
  if (isReviewer.value) {
    const pending = pendingCount.value;
    places.push({
      href: '/joins',
      label: t('nav.joins'),
      icon: InboxIcon,
      active: route.name === 'joins',
      count: pending,
      countLabel: t('nav.pendingJoins', { count: pending }),
    });
  }
  if (canSeeSchool.value || leadsClassOnly.value) {
    places.push({
      href: '/school',
      label: canSeeSchool.value ? t('nav.school') : t('nav.myClass'),
      icon: canSeeSchool.value ? SchoolIcon : ClassIcon,
      active: schoolRoutes.has(route.name),
    });
  }
  places.push({
    href: '/profile',
    label: t('nav.profile'),
    icon: ProfileIcon,
    active: route.name === 'profile',
  });
  return (
    <nav class="places" aria-label={t('nav.label')}>
      <span class="places__brand" aria-hidden="true">
        P
      </span>
      {places.map(({ href, label, icon: PlaceIcon, active, count, countLabel }) => (
        <a
          key={href}
          class="places__link"
          data-testid={`place-${href.slice(1) || 'chats'}`}
          href={href}
          aria-current={active ? 'page' : undefined}
          onClick={(event) => followLink(event, href)}
        >
          <span class="places__icon">
            <PlaceIcon />
            {count ? (
              <span class="places__count" aria-hidden="true">
                {count > 99 ? '99+' : count}
              </span>
            ) : null}
          </span>
          <span class="places__label">{label}</span>
          {count ? <span class="visually-hidden">{countLabel}</span> : null}
        </a>
      ))}
    </nav>
  );
}
