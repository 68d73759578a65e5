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
  // What was fetched and what failed belong to their loader: the same Lazy may be handed another
  // (the join page's, then, once signed in, the app's) and must not render the old module with it.
  const [held, setHeld] = useState<{ load: () => Promise<M>; module: M } | null>(null);
  const [failed, setFailed] = useState<{ load: () => Promise<M>; error: unknown } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const module = held?.load === load ? held.module : ((loaded.get(load) as M | undefined) ?? null);
  const error = failed?.load === load ? failed.error : null;

  useEffect(() => {
    if (module) return;
    let alive = true;
    load().then(
      (value) => {
        loaded.set(load, value);
        if (alive) setHeld({ load, module: value });
      },
      (failure: unknown) => alive && setFailed({ load, error: failure }),
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
            setFailed(null);
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
