import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { NetworkError } from '../api/http.js';
import { t } from '../i18n/index.js';
import { ErrorNote, SkeletonList } from './ui.js';

const loaded = new WeakMap<() => Promise<unknown>, unknown>();

/**
 * A part of the app fetched on first use (`import()`): the admin screens stay
 * out of the first load a parent's phone makes. Skeleton while it loads; on a
 * dropped connection, the error and «Повторить».
 */
export function Lazy<M>({
  load,
  render,
  frame = page,
}: {
  load: () => Promise<M>;
  render: (module: M) => VNode;
  /** what holds the skeleton or the error meanwhile: a page by default, a dialog for a lazy dialog */
  frame?: (content: VNode) => VNode;
}) {
  const [module, setModule] = useState<M | null>((loaded.get(load) as M | undefined) ?? null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (module) return;
    let alive = true;
    load().then(
      (value) => {
        loaded.set(load, value);
        if (alive) setModule(() => value);
      },
      (failure: unknown) => alive && setError(failure),
    );
    return () => {
      alive = false;
    };
  }, [load, module, attempt]);

  if (module) return render(module);
  return frame(
    error ? (
      <ErrorNote error={new NetworkError(String(error))}>
        <button
          type="button"
          class="button"
          onClick={() => {
            setError(null);
            setAttempt(attempt + 1);
          }}
        >
          {t('common.retry')}
        </button>
      </ErrorNote>
    ) : (
      <SkeletonList label={t('common.loading')} />
    ),
  );
}

function page(content: VNode): VNode {
  return (
    <main class="page">
      <div class="page__body">{content}</div>
    </main>
  );
}
