import type { TSearchResults } from '@parta/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { extrasApi } from '../api/extras.js';
import { chatTitle } from '../components/ChatList.js';
import { Headline } from '../components/RichText.js';
import { BackLink, EmptyState, ErrorNote, SkeletonList } from '../components/ui.js';
import { shortName } from '../format/names.js';
import { whenShort } from '../format/time.js';
import { t } from '../i18n/index.js';
import { followLink } from '../router.js';
import { chats } from '../state/chats.js';
import { me } from '../state/session.js';
import { jumpToMessage } from '../state/view.js';
import { useDebounced } from './useDebounced.js';

type Hit = TSearchResults['hits'][number];
const MIN_LENGTH = 2;

/**
 * Search in every chat the person may read, or in one (`?chat=`, from the
 * chat's card): any word form («собрания» finds «собрание»), matches marked.
 */
export function SearchScreen() {
  const person = me.value!;
  const [text, setText] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
  const [chatId] = useState(() => {
    const id = Number(new URLSearchParams(location.search).get('chat'));
    return Number.isInteger(id) && id > 0 ? id : undefined;
  });
  const inChat = chatId === undefined ? null : (chats.value.get(chatId) ?? null);
  const query = useDebounced(text.trim(), 300);
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(0);
  const field = useRef<HTMLInputElement>(null);

  // The person opened search to type: the field is ready for it.
  useEffect(() => field.current?.focus(), []);

  async function ask(before?: number) {
    const id = ++asked.current;
    setLoading(true);
    setError(null);
    try {
      const page = await extrasApi.search({ q: query, chatId, before });
      if (id !== asked.current) return;
      setHits((shown) => (before && shown ? [...shown, ...page.hits] : page.hits));
      setHasMore(page.hasMore);
    } catch (failure) {
      if (id === asked.current) setError(failure);
    } finally {
      if (id === asked.current) setLoading(false);
    }
  }

  useEffect(() => {
    // The words stay in the address, so «назад» from a chat comes back to the same results.
    const params = new URLSearchParams();
    if (chatId !== undefined) params.set('chat', String(chatId));
    if (query) params.set('q', query);
    const search = params.toString();
    history.replaceState(history.state, '', search ? `/search?${search}` : '/search');
    if (query.length < MIN_LENGTH) {
      asked.current += 1;
      setHits(null);
      setLoading(false);
      return;
    }
    void ask();
  }, [query]);

  return (
    <main class="page search" aria-labelledby="search-title">
      <header class="page__header page__header--back">
        <BackLink to={'/'} label={t('chat.back')} />
        <h1 class="page__title" id="search-title">
          {inChat ? t('search.inChat', { title: chatTitle(inChat) }) : t('search.title')}
        </h1>
      </header>
      <div class="page__body">
        <div class="field search__field">
          <label for="search-input" class="visually-hidden">
            {t('search.label')}
          </label>
          <input
            id="search-input"
            type="search"
            value={text}
            placeholder={t('search.placeholder')}
            ref={field}
            autocomplete="off"
            enterKeyHint="search"
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </div>
        <ErrorNote error={error} />
        {query.length < MIN_LENGTH ? (
          <EmptyState title={t('search.hintTitle')} text={t('search.hintText')} />
        ) : hits === null ? (
          loading && <SkeletonList rows={4} label={t('search.loading')} />
        ) : hits.length === 0 ? (
          <EmptyState title={t('search.noneTitle')} text={t('search.noneText')} />
        ) : (
          <>
            <p class="search__count" role="status">
              {hasMore ? t('search.manyFound') : t('search.found', { count: hits.length })}
            </p>
            <ul class="search__hits">
              {hits.map((hit) => (
                <li key={hit.message.id}>
                  <a
                    class="search-hit"
                    href={`/chats/${hit.message.chatId}`}
                    data-testid="search-hit"
                    onClick={(event) => {
                      followLink(event, `/chats/${hit.message.chatId}`);
                      if (event.defaultPrevented) jumpToMessage(hit.message.chatId, hit.message.id);
                    }}
                  >
                    <span class="search-hit__top">
                      <span class="search-hit__chat">{hit.chatTitle}</span>
                      <time class="search-hit__when" dateTime={hit.message.createdAt}>
                        {whenShort(hit.message.createdAt, person.school.timeZone)}
                      </time>
                    </span>
                    <span class="search-hit__text">
                      <span class="search-hit__author">{shortName(hit.message.authorName)}: </span>
                      <Headline headline={hit.headline} />
                    </span>
                  </a>
                </li>
              ))}
            </ul>
            {hasMore && (
              <button
                type="button"
                class="button button--wide"
                disabled={loading}
                onClick={() => void ask(hits.at(-1)!.message.id)}
              >
                {loading ? t('search.loading') : t('search.more')}
              </button>
            )}
          </>
        )}
      </div>
    </main>
  );
}
