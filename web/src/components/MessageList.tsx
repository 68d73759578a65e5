import type { TMessage, TPendingMessage } from '@parta/protocol';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Virtualizer, type VirtualizerHandle } from 'virtua';
import { dayKey, dayTitle } from '../format/time.js';
import { language, t } from '../i18n/index.js';
import { serverNow } from '../state/hours.js';
import type { Pending } from '../state/outbox.js';
import { DownIcon } from './icons.js';
import { MessageRow, type Row, type RowContext } from './MessageRow.js';
import { useMessageGestures } from './useMessageGestures.js';

const GROUP_MS = 5 * 60 * 1000;
/** The strip above the first message («Начало переписки» / loading); also virtua's `startMargin`. */
const TOP_STRIP_PX = 44;
const FLASH_MS = 2000;
/** How far back the list pages on opening to show where the unread messages begin. */
const MAX_UNREAD_PAGES = 10;

/**
 * One row per message (a day title and «Новые сообщения» ride on the message
 * below them), then the pending ones. `unreadAfter`: the reader had read up to
 * this message when the chat opened.
 */
export function buildRows(
  items: readonly TMessage[],
  pending: readonly Pending[],
  myId: number,
  timeZone: string,
  unreadAfter: number | null,
  waiting: readonly TPendingMessage[] = [],
  now: Date = new Date(),
): Row[] {
  const rows: Row[] = [];
  let lastDay = '';
  let previous: TMessage | null = null;
  let dividerPlaced = unreadAfter === null;
  for (const message of items) {
    const day = dayKey(new Date(message.createdAt), timeZone);
    const newDay = day !== lastDay;
    lastDay = day;
    const own = message.authorId === myId;
    const firstUnread = !dividerPlaced && !own && message.id > unreadAfter!;
    if (firstUnread) dividerPlaced = true;
    const grouped =
      !newDay &&
      !firstUnread &&
      previous !== null &&
      previous.authorId === message.authorId &&
      Date.parse(message.createdAt) - Date.parse(previous.createdAt) < GROUP_MS;
    rows.push({
      kind: 'message',
      key: `${message.authorId}-${message.clientId}`,
      message,
      own,
      showAuthor: !own && !grouped,
      firstUnread,
      day: newDay ? dayTitle(message.createdAt, timeZone, now) : null,
    });
    previous = message;
  }
  const today = dayKey(now, timeZone);
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
  // Waiting ones last; the key is the one their unsent copy had, so the list follows the same row.
  for (const item of waiting) {
    rows.push({ kind: 'waiting', key: `${myId}-${item.clientId}`, waiting: item, day: null });
  }
  return rows;
}

interface Props {
  items: readonly TMessage[];
  pending: readonly Pending[];
  /** one's own messages waiting for the working hours or their time, after everything */
  waiting: readonly TPendingMessage[];
  ctx: Omit<RowContext, 'flashId'>;
  hasMore: boolean;
  loadingOlder: boolean;
  unreadAfter: number | null;
  /** a message to bring into view, once it is loaded */
  jump: { messageId: number; seq: number } | null;
  /** the jump is done: it is not repeated when the chat opens again */
  onJumped: () => void;
  onNearTop: () => void;
  onBottomChange: (atBottom: boolean) => void;
  /** the newest message that has been on screen */
  onSeen: (messageId: number) => void;
  /** others' messages below what the reader has seen: the count on «↓» */
  newBelow: number;
}

/**
 * The chat's messages in a virtual list (virtua): it opens at «Новые
 * сообщения» when there are unread ones, older pages load when the reader nears
 * the top without moving what they read, and new messages keep the view at
 * the bottom only if the reader was there. One's own message, sent from
 * anywhere in the chat, is followed into view until it is there (virtua
 * measures rows as they appear, so one scroll is not enough); while the reader
 * is further up, «↓» with the count of new messages brings them down.
 */
export function MessageList(props: Props) {
  const { items, pending, waiting, ctx, unreadAfter } = props;
  const lng = language.value;
  const rows = useMemo(
    // «Сегодня» and «Вчера» by the server's clock, as the composer's note counts «завтра».
    () => buildRows(items, pending, ctx.myId, ctx.timeZone, unreadAfter, waiting, serverNow()),
    [items, pending, waiting, ctx.myId, ctx.timeZone, unreadAfter, lng],
  );
  const handle = useRef<VirtualizerHandle>(null);
  const stickToBottom = useRef(true);
  const atBottom = useRef<boolean | null>(null);
  const firstKey = useRef<string | null>(null);
  const pendingCount = useRef(pending.length);
  const placed = useRef(false);
  const unreadPages = useRef(0);
  const jumped = useRef(0);
  /** the row of one's own message just sent, followed into view until it is at the bottom */
  const follow = useRef<string | null>(null);
  const [showDown, setShowDown] = useState(false);
  const [flashId, setFlashId] = useState<number | null>(null);
  const container = useRef<HTMLDivElement>(null);
  useMessageGestures(container, (messageId) => {
    const message = items.find((item) => item.id === messageId);
    if (message) ctx.onMenu(message);
  });

  // Older messages went in front of the ones shown: virtua keeps the position from the end.
  const previousFirst = firstKey.current;
  const shift =
    previousFirst !== null && rows[0]?.key !== previousFirst && rows.some((row) => row.key === previousFirst);
  useLayoutEffect(() => {
    firstKey.current = rows[0]?.key ?? null;
  });

  if (pending.length > pendingCount.current) {
    stickToBottom.current = true;
    follow.current = `${ctx.myId}-${pending.at(-1)!.clientId}`;
  }
  pendingCount.current = pending.length;
  // A message scheduled from the dialog: the list goes down to it as to one just sent.
  const waitingCount = useRef(waiting.length);
  if (waiting.length > waitingCount.current) stickToBottom.current = true;
  waitingCount.current = waiting.length;

  /** Brings the followed row (or the newest) into view at the bottom; true once it is there. */
  function followToBottom(): boolean {
    const list = handle.current;
    if (!list || rows.length === 0) return false;
    const found = follow.current ? rows.findIndex((row) => row.key === follow.current) : -1;
    const target = found < 0 ? rows.length - 1 : found;
    if (list.findItemIndex(list.scrollOffset + list.viewportSize - 8) >= target) return true;
    list.scrollToIndex(target, { align: 'end' });
    return false;
  }

  // Until the reader scrolls by themselves, the followed message stays where it can be seen.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const release = () => {
      follow.current = null;
    };
    const keys = (event: KeyboardEvent) => {
      if (['ArrowUp', 'PageUp', 'Home'].includes(event.key)) release();
    };
    element.addEventListener('wheel', release, { passive: true });
    element.addEventListener('touchmove', release, { passive: true });
    element.addEventListener('keydown', keys);
    return () => {
      element.removeEventListener('wheel', release);
      element.removeEventListener('touchmove', release);
      element.removeEventListener('keydown', keys);
    };
  }, []);

  // Where the unread messages begin must be loaded before the list opens there.
  const first = items[0];
  const unreadStartMissing =
    unreadAfter !== null && first !== undefined && first.id > unreadAfter && props.hasMore;
  useEffect(() => {
    if (placed.current || !unreadStartMissing || props.loadingOlder) return;
    if (unreadPages.current >= MAX_UNREAD_PAGES) return;
    unreadPages.current += 1;
    props.onNearTop();
  }, [unreadStartMissing, props.loadingOlder]);

  useEffect(() => {
    const list = handle.current;
    if (!list || rows.length === 0) return;
    if (!placed.current) {
      if (unreadStartMissing && unreadPages.current < MAX_UNREAD_PAGES) return;
      placed.current = true;
      const divider = rows.findIndex((row) => row.kind === 'message' && row.firstUnread);
      if (divider > 0) {
        stickToBottom.current = false;
        list.scrollToIndex(divider, { align: 'start' });
        return;
      }
    }
    if (follow.current) followToBottom();
    else if (stickToBottom.current) list.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows, unreadStartMissing]);

  // A quote, a pin or a search result asked for this message: show it once it is in the list.
  useEffect(() => {
    if (!props.jump || props.jump.seq === jumped.current) return;
    const index = rows.findIndex((row) => row.kind === 'message' && row.message.id === props.jump!.messageId);
    if (index < 0) return;
    jumped.current = props.jump.seq;
    placed.current = true;
    follow.current = null;
    stickToBottom.current = false;
    handle.current?.scrollToIndex(index, { align: 'center' });
    setFlashId(props.jump.messageId);
    props.onJumped();
  }, [props.jump, rows]);

  useEffect(() => {
    if (flashId === null) return;
    const timer = setTimeout(() => setFlashId(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flashId]);

  /** Whether the newest message is in view, and the newest one that is (what the reader has seen). */
  function measure() {
    const list = handle.current;
    if (!list || rows.length === 0) return;
    const offset = list.scrollOffset;
    const bottom = offset - list.scrollSize + list.viewportSize >= -24;
    // While following one's own message the list moves by itself: that is not the reader leaving the bottom.
    if (follow.current && followToBottom()) {
      follow.current = null;
      stickToBottom.current = true;
    } else if (placed.current && !follow.current) stickToBottom.current = bottom;
    if (bottom !== atBottom.current) {
      atBottom.current = bottom;
      props.onBottomChange(bottom);
    }
    setShowDown(!bottom && !follow.current);
    const last = list.findItemIndex(offset + list.viewportSize - 8);
    for (let index = Math.min(last, rows.length - 1); index >= 0; index -= 1) {
      const row = rows[index]!;
      if (row.kind === 'message') {
        props.onSeen(row.message.id);
        break;
      }
    }
  }

  function onScroll(offset: number) {
    measure();
    if (offset < 600 && props.hasMore && !props.loadingOlder) props.onNearTop();
  }

  function toNewest() {
    follow.current = null;
    stickToBottom.current = true;
    handle.current?.scrollToIndex(rows.length - 1, { align: 'end' });
  }

  const rowCtx = useMemo(() => ({ ...ctx, flashId }), [ctx, flashId]);
  return (
    <div class="messages-frame">
      <div class="messages" data-testid="message-list" ref={container}>
        <div class="messages__top" style={{ minHeight: `${TOP_STRIP_PX}px` }}>
          {props.loadingOlder && <p class="messages__note">{t('chat.loadingOlder')}</p>}
          {!props.hasMore && rows.length > 0 && <p class="messages__note">{t('chat.start')}</p>}
        </div>
        <Virtualizer
          ref={handle}
          shift={shift}
          startMargin={TOP_STRIP_PX}
          onScroll={onScroll}
          onResize={measure}
          bufferSize={400}
        >
          {rows.map((row) => (
            <MessageRow key={row.key} row={row} ctx={rowCtx} />
          ))}
        </Virtualizer>
      </div>
      {showDown && (
        <button
          type="button"
          class="messages__down"
          onClick={toNewest}
          aria-label={
            props.newBelow > 0 ? t('chat.toNewestCount', { count: props.newBelow }) : t('chat.toNewest')
          }
        >
          <DownIcon />
          {props.newBelow > 0 && <span class="badge">{props.newBelow}</span>}
        </button>
      )}
    </div>
  );
}
