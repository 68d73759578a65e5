import { useRef, useState } from 'preact/hooks';

/** Where one form's request stands: which one runs (a list has a button a row), and the last failure. */
export interface SubmitState<Key> {
  working: Key | null;
  error: unknown;
}

export interface SubmitOptions {
  /**
   * Success leaves the form (signs in, navigates, closes it): it stays busy
   * until then, so the button cannot be pressed twice.
   */
  leaves?: boolean;
}

/**
 * The busy/error bookkeeping of a request, apart from Preact: busy while
 * `work` runs and its failure kept to show; true when it went through.
 */
export function submitter<Key>(
  update: (next: (state: SubmitState<Key>) => SubmitState<Key>) => void,
  { leaves = false }: SubmitOptions = {},
) {
  return async function run(work: () => Promise<unknown>, key: Key): Promise<boolean> {
    update(() => ({ working: key, error: null }));
    try {
      await work();
      if (!leaves) update((state) => ({ ...state, working: null }));
      return true;
    } catch (failure) {
      update(() => ({ working: null, error: failure }));
      return false;
    }
  };
}

export interface Submit<Key> {
  /** a request is on its way: the form's button waits */
  busy: boolean;
  /** which request, where a list has a button on every row */
  working: Key | null;
  /** the last failure (the server's error in the reader's words), for `ErrorNote` */
  error: unknown;
  /** runs one request; resolves true when it went through */
  run: (work: () => Promise<unknown>, key?: Key) => Promise<boolean>;
  /** a form's `onSubmit` (a form has one button: no row to name): no page load, then `run` */
  onSubmit: (work: () => Promise<unknown>) => (event: Event) => void;
  /** shows a failure found before sending (the protocol's schema refused the input), or clears it */
  setError: (error: unknown) => void;
}

/** One request of a form or a button: busy while it runs, its failure shown, nothing sent twice. */
export function useSubmit<Key = true>(options: SubmitOptions = {}): Submit<Key> {
  const [state, setState] = useState<SubmitState<Key>>({ working: null, error: null });
  const run = useRef(submitter<Key>(setState, options)).current;
  return {
    busy: state.working !== null,
    working: state.working,
    error: state.error,
    run: (work, key = true as Key) => run(work, key),
    onSubmit: (work) => (event) => {
      event.preventDefault();
      void run(work, true as Key);
    },
    setError: (error) => setState((current) => ({ ...current, error })),
  };
}
