import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';
import { ApiError } from '../api/http.js';
import { t } from '../i18n/index.js';
import { goBack } from '../router.js';
import { AlertIcon, BackIcon } from './icons.js';

/** What went wrong in the reader's words, and the stable code small below it for support. */
export function ErrorNote({ error, children }: { error: unknown; children?: ComponentChildren }) {
  if (!error) return null;
  const code =
    error instanceof ApiError || (error instanceof Error && 'code' in error)
      ? String((error as { code: unknown }).code)
      : 'client';
  const message =
    error instanceof ApiError
      ? error.message
      : code === 'network'
        ? t('errors.network')
        : t('errors.unexpected');
  return (
    <div class="error-note" role="alert">
      <AlertIcon class="error-note__icon" />
      <div>
        <p class="error-note__text">{message}</p>
        <SupportCode code={code} />
        {children}
      </div>
    </div>
  );
}

/** The stable code of an error, for whoever helps: folded under «Подробнее», out of the reader's way. */
export function SupportCode({ code }: { code: string }) {
  return (
    <details class="error-note__more">
      <summary>{t('errors.more')}</summary>
      <p class="error-note__code">{t('errors.code', { code })}</p>
    </details>
  );
}

/** The fields a validation error names (`fields[].path`), to mark them invalid. */
export function invalidFields(error: unknown): ReadonlySet<string> {
  return new Set(error instanceof ApiError ? error.fields.map((field) => field.path) : []);
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput'>;

export function Field({
  label,
  hint,
  invalid,
  value,
  onValue,
  ...input
}: InputProps & {
  label: string;
  hint?: string;
  invalid?: boolean;
  value: string;
  onValue: (value: string) => void;
}) {
  const id = useId();
  return (
    <div class={`field${invalid ? ' field--invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input
        id={id}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
      />
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

export function EmptyState({
  title,
  text,
  children,
}: {
  title: string;
  text?: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="empty">
      <p class="empty__title">{title}</p>
      {text && <p class="empty__text">{text}</p>}
      {children}
    </div>
  );
}

/** Grey placeholder rows while a list loads: the page never stands blank. */
export function SkeletonList({ rows = 5, label }: { rows?: number; label: string }) {
  return (
    <div class="skeleton-list" role="status" aria-label={label}>
      {Array.from({ length: rows }, (_, index) => (
        <div class="skeleton-row" key={index}>
          <span class="skeleton skeleton--title" style={{ width: `${55 - ((index * 13) % 25)}%` }} />
          <span class="skeleton skeleton--text" style={{ width: `${80 - ((index * 17) % 35)}%` }} />
        </div>
      ))}
    </div>
  );
}

/** A failure to load, with «Повторить». */
export function RetryNote({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorNote error={error}>
      <button type="button" class="button" onClick={retry}>
        {t('common.retry')}
      </button>
    </ErrorNote>
  );
}

/** «←» in a page's header: back through the browser's history when it leads there, else to `to`. */
export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <a
      class="icon-button"
      href={to}
      onClick={(event) => {
        event.preventDefault();
        goBack(to);
      }}
      aria-label={label}
    >
      <BackIcon />
    </a>
  );
}
