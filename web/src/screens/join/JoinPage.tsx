import type { ComponentChildren } from 'preact';

/**
 * One calm column for a phone held in one hand: the school, who is invited,
 * then the form. Wider screens get the same column, centred.
 */
export function JoinPage({
  school,
  title,
  lead,
  addressee,
  children,
}: {
  school?: string | null;
  title: string;
  lead?: string;
  /** a personal invite: whom it is for, as the admin wrote the name */
  addressee?: string | null;
  children: ComponentChildren;
}) {
  return (
    <main class="join">
      <div class="join__column">
        <p class="join__brand">
          <span class="auth__logo" aria-hidden="true">
            P
          </span>
          Parta
        </p>
        <header class="join__head">
          {school && <p class="join__school">{school}</p>}
          <h1 class="join__title">{title}</h1>
          {lead && <p class="join__lead">{lead}</p>}
          {addressee && <p class="join__addressee">{addressee}</p>}
        </header>
        {children}
      </div>
    </main>
  );
}
