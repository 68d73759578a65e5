import type { TPeopleList, TPeopleQuery } from '@parta/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from './endpoints.js';

/** How long typing may pause before the list is asked again. */
const SETTLE_MS = 250;

export interface People {
  list: TPeopleList | null;
  error: unknown;
  /** the answer is for an earlier query: the next one is on its way */
  stale: boolean;
  reload: () => void;
}

/**
 * The school's people as the server narrows them (role, class, a part of the
 * name; `GET /api/people`): the list runs to thousands, so the web never
 * filters it itself. A change of the name waits for typing to pause.
 */
export function usePeople(query: TPeopleQuery): People {
  const [list, setList] = useState<TPeopleList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [answered, setAnswered] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const key = JSON.stringify(query);

  useEffect(() => {
    let alive = true;
    const timer = setTimeout(
      () => {
        setError(null);
        api.people(query).then(
          (value) => {
            if (!alive) return;
            setList(value);
            setAnswered(key);
          },
          (failure: unknown) => alive && setError(failure),
        );
      },
      answered === null ? 0 : SETTLE_MS,
    );
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [key, version]);

  return { list, error, stale: answered !== key, reload: () => setVersion((v) => v + 1) };
}
