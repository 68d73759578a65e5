import type { ComponentChildren } from 'preact';

/** The calm, centred page of the login, setup and set-password screens. */
export function AuthPage({
  school,
  title,
  lead,
  wide,
  children,
}: {
  /** the school's name, above the title: the reader knows where they are logging in */
  school?: string | null;
  title: string;
  lead?: string;
  wide?: boolean;
  children: ComponentChildren;
}) {
  return (
    <main class="auth">
      <div class={`auth__card${wide ? ' auth__card--wide' : ''}`}>
        <p class="auth__brand">
          <span class="auth__logo" aria-hidden="true">
            P
          </span>
          Parta
        </p>
        {school && <p class="auth__school">{school}</p>}
        <h1 class="auth__title">{title}</h1>
        {lead && <p class="auth__lead">{lead}</p>}
        {children}
      </div>
    </main>
  );
}
