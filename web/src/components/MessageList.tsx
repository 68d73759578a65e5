import type { TMessage } from '@parta/protocol';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { Virtualizer, type VirtualizerHandle } from 'virtua';
import { dayKey, dayTitle } from '../format/time.js';
import { language, t } from '../i18n/index.js';
import type { Pending } from '../state/outbox.js';
import { MessageRow, type Row } from './MessageRow.js';

const GROUP_MS = 5 * 60 * 1000;
/** The strip above the first message («Начало переписки» / loading); also virtua's `startMargin`. */
const TOP_STRIP_PX = 44;

/** One row per message (a day title rides on the first message of its day), then the pending ones. */
function buildRows(
  items: readonly TMessage[],
  pending: readonly Pending[],
  myId: number,
  timeZone: string,
): Row[] {
  const rows: Row[] = [];
  let lastDay = '';
  let previous: TMessage | null = null;
  for (const message of items) {
    const day = dayKey(new Date(message.createdAt), timeZone);
    const newDay = day !== lastDay;
    lastDay = day;
    const grouped =
      !newDay &&
      previous !== null &&
      previous.authorId === message.authorId &&
      Date.parse(message.createdAt) - Date.parse(previous.createdAt) < GROUP_MS;
    const own = message.authorId === myId;
    rows.push({
      kind: 'message',
      key: `${message.authorId}-${message.clientId}`,
      message,
      own,
      showAuthor: !own && !grouped,
      day: newDay ? dayTitle(message.createdAt, timeZone) : null,
    });
    previous = message;
  }
  const today = dayKey(new Date(), timeZone);
  for (const item of pending) {
    const newDay = lastDay !== today;
    lastDay = today;
    rows.push({
      kind: 'pending',
      key: `${myId}-${item.clientId}`,
      pending: item,
      day: newDay ? t('time.today') : null,
    });
  }
  return rows;
}

interface Props {
  items: readonly TMessage[];
  pending: readonly Pending[];
  myId: number;
  timeZone: string;
  hasMore: boolean;
  loadingOlder: boolean;
  onNearTop: () => void;
  onBottomChange: (atBottom: boolean) => void;
}

/**
 * The chat's messages in a virtual list (virtua): older pages load when the
 * reader nears the top without moving what they read; new messages keep the
 * view at the bottom only if the reader was there (or just sent one).
 */
export function MessageList(props: Props) {
  const { items, pending, myId, timeZone } = props;
  const lng = language.value;
  const rows = useMemo(
    () => buildRows(items, pending, myId, timeZone),
    [items, pending, myId, timeZone, lng],
  );
  const handle = useRef<VirtualizerHandle>(null);
  const stickToBottom = useRef(true);
  const atBottom = useRef(true);
  const firstKey = useRef<string | null>(null);
  const pendingCount = useRef(pending.length);

  // Older messages went in front of the ones shown: virtua keeps the position from the end.
  const previousFirst = firstKey.current;
  const shift =
    previousFirst !== null && rows[0]?.key !== previousFirst && rows.some((row) => row.key === previousFirst);
  useLayoutEffect(() => {
    firstKey.current = rows[0]?.key ?? null;
  });

  if (pending.length > pendingCount.current) stickToBottom.current = true;
  pendingCount.current = pending.length;

  useEffect(() => {
    if (stickToBottom.current && rows.length > 0)
      handle.current?.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows]);

  function onScroll(offset: number) {
    const list = handle.current;
    if (!list) return;
    const bottom = offset - list.scrollSize + list.viewportSize >= -24;
    stickToBottom.current = bottom;
    if (bottom !== atBottom.current) {
      atBottom.current = bottom;
      props.onBottomChange(bottom);
    }
    if (offset < 600 && props.hasMore && !props.loadingOlder) props.onNearTop();
  }

  return (
    <div class="messages" data-testid="message-list">
      <div class="messages__top" style={{ minHeight: `${TOP_STRIP_PX}px` }}>
        {props.loadingOlder && <p class="messages__note">{t('chat.loadingOlder')}</p>}
        {!props.hasMore && rows.length > 0 && <p class="messages__note">{t('chat.start')}</p>}
      </div>
      <Virtualizer ref={handle} shift={shift} startMargin={TOP_STRIP_PX} onScroll={onScroll} bufferSize={400}>
        {rows.map((row) => (
          <MessageRow key={row.key} row={row} timeZone={timeZone} />
        ))}
      </Virtualizer>
    </div>
  );
}
