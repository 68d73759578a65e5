import type { TMessage } from '@parta/protocol';
import { describe, expect, it } from 'vitest';
import { countReads, mergeMessages, replaceMessage, withAuthorContext } from './threads.js';

const message = (id: number, body = `m${id}`, authorId = 1): TMessage => ({
  id,
  chatId: 1,
  authorId,
  authorName: 'Галиева Алсу Ринатовна',
  clientId: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  body,
  createdAt: new Date(Date.UTC(2025, 11, 12, 7, id)).toISOString(),
  readCount: 0,
  replyTo: null,
  forwardedFrom: null,
  mentions: [],
  mentionsAll: false,
  editedAt: null,
  deletedAt: null,
  pinnedAt: null,
  reactions: [],
});

describe('mergeMessages', () => {
  it('keeps each message once, oldest first, whatever way it arrived', () => {
    const page = [message(1), message(2), message(3)];
    const live = [message(3), message(5), message(4)];
    expect(mergeMessages(page, live).map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('prefers the later copy of the same message', () => {
    expect(mergeMessages([message(1, 'old')], [message(1, 'new')])[0]!.body).toBe('new');
  });

  it('keeps what the server told this reader when a live copy (the same for everyone) has no policies', () => {
    const mine = {
      reply: true,
      react: true,
      pin: false,
      edit: true,
      delete: true,
      deleteUntil: '2025-12-13T07:01:00.000Z',
    };
    const answered = { ...message(1, 'old'), policies: mine };
    expect(mergeMessages([answered], [message(1, 'new')])[0]).toMatchObject({ body: 'new', policies: mine });
    expect(replaceMessage([answered], message(1, 'edited'))[0]).toMatchObject({
      body: 'edited',
      policies: mine,
    });
    const tombstone = {
      reply: false,
      react: false,
      pin: false,
      edit: false,
      delete: false,
      deleteUntil: null,
    };
    expect(replaceMessage([answered], { ...message(1, ''), policies: tombstone })[0]!.policies).toEqual(
      tombstone,
    );
  });
});

describe('replaceMessage', () => {
  it('puts the changed message in place and refreshes quotes of it', () => {
    const reply = {
      ...message(2, 'Спасибо'),
      replyTo: { id: 1, authorName: 'А', body: 'old', deleted: false },
    };
    const edited = { ...message(1, 'Собрание в 18:30'), editedAt: '2025-12-12T08:00:00.000Z', readCount: 0 };
    const items = replaceMessage([{ ...message(1, 'old'), readCount: 2 }, reply], edited);
    expect(items[0]!.body).toBe('Собрание в 18:30');
    // the count kept live stays
    expect(items[0]!.readCount).toBe(2);
    expect(items[1]!.replyTo).toEqual({
      id: 1,
      authorName: 'Галиева Алсу Ринатовна',
      body: 'Собрание в 18:30',
      deleted: false,
    });
  });

  it('turns a quote of a deleted message into a tombstone', () => {
    const reply = { ...message(2), replyTo: { id: 1, authorName: 'А', body: 'old', deleted: false } };
    const deleted = { ...message(1, ''), deletedAt: '2025-12-12T08:00:00.000Z' };
    expect(replaceMessage([message(1), reply], deleted)[1]!.replyTo).toMatchObject({
      body: '',
      deleted: true,
    });
  });

  it('returns the same list when the message is not there', () => {
    const items = [message(1)];
    expect(replaceMessage(items, message(9))).toBe(items);
  });
});

describe('countReads', () => {
  it('adds one reader to the messages in the range that the reader did not write', () => {
    const items = [message(1), message(2), message(3, 'mine', 7), message(4), message(5)];
    const counted = countReads(items, 7, 1, 4).map((m) => m.readCount);
    expect(counted).toEqual([0, 1, 0, 1, 0]);
  });
});

describe('who the author is, for a live message', () => {
  it('is taken from the author’s messages already shown; an answer to the reader keeps its own', () => {
    const shown = [{ ...message(1, 'Спасибо', 7), authorContext: 'мама Миши В., 1А' }];
    expect(withAuthorContext(shown, message(2, 'Буду', 7)).authorContext).toBe('мама Миши В., 1А');
    expect(withAuthorContext(shown, message(3, 'Буду', 8)).authorContext).toBeUndefined();
    expect(
      withAuthorContext(shown, { ...message(4, 'Буду', 7), authorContext: null }).authorContext,
    ).toBeNull();
  });
});
