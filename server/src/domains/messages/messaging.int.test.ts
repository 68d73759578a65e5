import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chats } from '../../db/schema.js';
import { AuditTrail } from '../../test/audit.js';
import type { TestClient } from '../../test/client.js';
import { addPerson, setUpSchool, teachFamilies } from '../../test/school.js';
import { startTestServer, type TestServer } from '../../test/server.js';

/**
 * Replies, edits with history, tombstones, reactions, pins, forwarding,
 * mentions and announcement chats: what each may do, what others see live,
 * and that a refused request changes nothing.
 */
let server: TestServer;
let admin: TestClient;
let teacher: Awaited<ReturnType<typeof addPerson>>;
let anna: Awaited<ReturnType<typeof addPerson>>;
let petr: Awaited<ReturnType<typeof addPerson>>;
let chatId: number;
let otherChatId: number;

const send = (client: TestClient, chat: number, body: string, extra: Record<string, unknown> = {}) =>
  client.post(`/api/chats/${chat}/messages`, { clientId: randomUUID(), body, ...extra });
const messageUrl = (chat: number, id: number, tail = '') => `/api/chats/${chat}/messages/${id}${tail}`;
async function history(client: TestClient, chat = chatId) {
  return (await client.get(`/api/chats/${chat}/messages`)).body.messages as { id: number; body: string }[];
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await setUpSchool(server);
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу',
    login: 'galieva',
    roles: ['teacher'],
  });
  anna = await addPerson(server, admin, { fullName: 'Петрова Анна', login: 'anna', roles: ['parent'] });
  petr = await addPerson(server, admin, { fullName: 'Иванов Пётр', login: 'petr', roles: ['parent'] });
  await teachFamilies(admin, teacher.id, [anna.id, petr.id]);
  const chat = await teacher.client.post('/api/chats', {
    title: '5А — родители',
    memberIds: [anna.id, petr.id],
  });
  chatId = chat.body.id;
  otherChatId = (await teacher.client.post('/api/chats', { title: 'Кружок', memberIds: [anna.id] })).body.id;
});
afterAll(() => server?.close());

describe('replies', () => {
  it('quotes the start of the message it answers, and refuses a message of another chat', async () => {
    const notice = await send(
      teacher.client,
      chatId,
      `**Собрание** в пятницу. ${'Подробности. '.repeat(30)}`,
    );
    const reply = await send(anna.client, chatId, 'Приду', { replyToId: notice.body.id });
    expect(reply.status).toBe(200);
    expect(reply.body.replyTo).toMatchObject({
      id: notice.body.id,
      authorName: 'Галиева Алсу',
      deleted: false,
    });
    expect(reply.body.replyTo.body.length).toBeLessThanOrEqual(200);
    expect(reply.body.replyTo.body.startsWith('**Собрание** в пятницу.')).toBe(true);

    const elsewhere = await send(teacher.client, otherChatId, 'Кружок отменяется');
    const before = await history(anna.client);
    const wrong = await send(anna.client, chatId, 'Ответ', { replyToId: elsewhere.body.id });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'messages.reply_not_found' });
    expect(wrong.body.error.message).toMatch(/отвечаете/);
    expect(await history(anna.client)).toEqual(before);
  });
});

describe('edits and deletes', () => {
  it('marks an edit, keeps the old text for the chat owner only, and refuses someone else’s edit', async () => {
    const live = await anna.client.socket((await anna.client.get('/api/chats')).body.cursor);
    const audit = await AuditTrail.start(server.db);
    const notice = await send(teacher.client, chatId, 'Собрание в 18:00');
    const edited = await teacher.client.patch(messageUrl(chatId, notice.body.id), {
      body: 'Собрание в 19:00',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ body: 'Собрание в 19:00', editedAt: expect.any(String) });
    await live.waitFor(
      (s) => s.events().some((e) => e.payload.type === 'messages.update' && e.payload.change === 'edit'),
      'the edit, live',
    );
    const row = { schoolId: 1, actorId: teacher.id, subjectId: notice.body.id, data: { chatId } };
    await audit.expect([
      { type: 'messages.send', ...row },
      { type: 'messages.edit', ...row },
    ]);

    const owner = await teacher.client.get(messageUrl(chatId, notice.body.id, '/history'));
    expect(owner.body.versions).toEqual([
      expect.objectContaining({ body: 'Собрание в 18:00', change: 'edit', byName: 'Галиева Алсу' }),
    ]);
    expect((await anna.client.get(messageUrl(chatId, notice.body.id, '/history'))).status).toBe(403);

    const theirs = await anna.client.patch(messageUrl(chatId, notice.body.id), { body: 'Собрания не будет' });
    expect(theirs.status).toBe(403);
    expect(theirs.body.error).toMatchObject({ code: 'messages.not_author' });
    expect(theirs.body.error.message).toMatch(/только его автор/);
    const after = (await history(anna.client)).find((m) => m.id === notice.body.id);
    expect(after?.body).toBe('Собрание в 19:00');
    await audit.expect([]);
    live.close();
  });

  it('refuses an empty or too long text with a clear Russian message', async () => {
    const mine = await send(anna.client, chatId, 'Спасибо');
    const before = await history(anna.client);
    for (const body of ['   ', 'я'.repeat(4001)]) {
      const reply = await anna.client.patch(messageUrl(chatId, mine.body.id), { body });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('validation.failed');
      expect(reply.body.error.message).toMatch(/текст сообщения/);
      expect((await send(anna.client, chatId, body)).status).toBe(400);
    }
    expect(await history(anna.client)).toEqual(before);
    expect((await send(anna.client, chatId, 'я'.repeat(4000))).status).toBe(200);
  });

  it('lets the author delete within a day, the owner any time, and leaves a tombstone', async () => {
    const early = await send(anna.client, chatId, 'Ошиблась чатом');
    const late = await send(anna.client, chatId, 'Старое сообщение');
    const reply = await send(petr.client, chatId, 'Что?', { replyToId: early.body.id });

    const audit = await AuditTrail.start(server.db);
    const gone = await anna.client.delete(messageUrl(chatId, early.body.id));
    expect(gone.body).toMatchObject({ body: '', deletedAt: expect.any(String) });
    await audit.expect([
      {
        type: 'messages.delete',
        schoolId: 1,
        actorId: anna.id,
        subjectId: early.body.id,
        data: { chatId, byAuthor: true },
      },
    ]);
    const quoted = (await history(petr.client)).find((m) => m.id === reply.body.id) as unknown as {
      replyTo: { deleted: boolean; body: string };
    };
    expect(quoted.replyTo).toMatchObject({ deleted: true, body: '' });
    expect((await anna.client.delete(messageUrl(chatId, early.body.id))).body.error.code).toBe(
      'messages.deleted',
    );

    server.clock.advance(24 * 60 * 60 * 1000 + 1000);
    const tooLate = await anna.client.delete(messageUrl(chatId, late.body.id));
    expect(tooLate.status).toBe(403);
    expect(tooLate.body.error.message).toMatch(/в течение суток/);
    expect((await petr.client.delete(messageUrl(chatId, late.body.id))).body.error.code).toBe(
      'messages.not_author',
    );
    expect((await teacher.client.delete(messageUrl(chatId, late.body.id))).status).toBe(200);
    await audit.expect([
      {
        type: 'messages.delete',
        schoolId: 1,
        actorId: teacher.id,
        subjectId: late.body.id,
        data: { chatId, byAuthor: false },
      },
    ]);

    const versions = await teacher.client.get(messageUrl(chatId, late.body.id, '/history'));
    expect(versions.body.versions).toEqual([
      expect.objectContaining({ body: 'Старое сообщение', change: 'delete', byName: 'Галиева Алсу' }),
    ]);
  });
});

describe('reactions and pins', () => {
  it('toggles a reaction from the fixed set and shows who chose it, live', async () => {
    const notice = await send(teacher.client, chatId, 'Экскурсия в музей');
    const live = await teacher.client.socket((await teacher.client.get('/api/chats')).body.cursor);
    const url = messageUrl(chatId, notice.body.id, '/reactions');
    const audit = await AuditTrail.start(server.db);
    await anna.client.post(url, { emoji: '👍', on: true });
    await anna.client.post(url, { emoji: '👍', on: true });
    const both = await petr.client.post(url, { emoji: '👍', on: true });
    expect(both.body.reactions).toEqual([{ emoji: '👍', userIds: [anna.id, petr.id] }]);
    const off = await anna.client.post(url, { emoji: '👍', on: false });
    expect(off.body.reactions).toEqual([{ emoji: '👍', userIds: [petr.id] }]);
    await live.waitFor(
      (s) => s.events().filter((e) => e.payload.type === 'messages.update').length === 3,
      'three reaction changes, live',
    );
    const reacted = (actorId: number, on: boolean) => ({
      type: 'messages.react',
      schoolId: 1,
      actorId,
      subjectId: notice.body.id,
      data: { chatId, emoji: '👍', on },
    });
    // the second, repeated «👍» changed nothing and left no row
    await audit.expect([reacted(anna.id, true), reacted(petr.id, true), reacted(anna.id, false)]);
    const odd = await anna.client.post(url, { emoji: '🤡', on: true });
    expect(odd.status).toBe(400);
    expect((await history(anna.client)).find((m) => m.id === notice.body.id)).toMatchObject({
      reactions: [{ emoji: '👍', userIds: [petr.id] }],
    });
    await audit.expect([]);
    live.close();
  });

  it('lets the owner pin, not a member, and lists pins newest first', async () => {
    const first = await send(teacher.client, chatId, 'Расписание на неделю');
    const second = await send(teacher.client, chatId, 'Список на экскурсию');
    const audit = await AuditTrail.start(server.db);
    expect((await anna.client.post(messageUrl(chatId, first.body.id, '/pin'), { pinned: true })).status).toBe(
      403,
    );
    await teacher.client.post(messageUrl(chatId, first.body.id, '/pin'), { pinned: true });
    server.clock.advance(1000);
    await teacher.client.post(messageUrl(chatId, second.body.id, '/pin'), { pinned: true });
    const pins = await anna.client.get(`/api/chats/${chatId}/pins`);
    expect(pins.body.messages.map((m: { id: number }) => m.id)).toEqual([second.body.id, first.body.id]);
    await teacher.client.post(messageUrl(chatId, second.body.id, '/pin'), { pinned: false });
    const after = await anna.client.get(`/api/chats/${chatId}/pins`);
    expect(after.body.messages.map((m: { id: number }) => m.id)).toEqual([first.body.id]);
    const pinned = (subjectId: number, on: boolean) => ({
      type: 'messages.pin',
      schoolId: 1,
      actorId: teacher.id,
      subjectId,
      data: { chatId, pinned: on },
    });
    await audit.expect([
      pinned(first.body.id, true),
      pinned(second.body.id, true),
      pinned(second.body.id, false),
    ]);
  });
});

describe('forwarding, mentions and announcements', () => {
  it('forwards a copy naming the author, and refuses a read-only or owners-only chat', async () => {
    const original = await send(teacher.client, chatId, 'Сбор в 8:30 у школы');
    const url = messageUrl(chatId, original.body.id, '/forward');
    const audit = await AuditTrail.start(server.db);
    const copy = await anna.client.post(url, { toChatId: otherChatId, clientId: randomUUID() });
    expect(copy.body).toMatchObject({
      chatId: otherChatId,
      authorId: anna.id,
      body: 'Сбор в 8:30 у школы',
      forwardedFrom: { authorName: 'Галиева Алсу' },
    });
    await audit.expect([
      {
        type: 'messages.forward',
        schoolId: 1,
        actorId: anna.id,
        subjectId: copy.body.id,
        data: { chatId: otherChatId },
      },
    ]);

    const news = await teacher.client.post('/api/chats', {
      title: 'Объявления 5А',
      memberIds: [anna.id],
      announcement: true,
    });
    expect(news.body).toMatchObject({ kind: 'announcement', policies: { post: true } });
    const forAnna = await anna.client.get(`/api/chats/${news.body.id}`);
    expect(forAnna.body.policies).toMatchObject({ post: false, pin: false, moderate: false });
    const refused = await anna.client.post(url, { toChatId: news.body.id, clientId: randomUUID() });
    expect(refused.body.error).toMatchObject({ code: 'chats.owners_only' });
    expect((await send(anna.client, news.body.id, 'Вопрос')).status).toBe(403);
    const notice = await send(teacher.client, news.body.id, 'Каникулы с 28 октября');
    const liked = await anna.client.post(messageUrl(news.body.id, notice.body.id, '/reactions'), {
      emoji: '🙏',
      on: true,
    });
    expect(liked.status).toBe(200);

    await server.db.update(chats).set({ archivedAt: server.clock.now() }).where(eq(chats.id, otherChatId));
    const archived = await anna.client.post(url, { toChatId: otherChatId, clientId: randomUUID() });
    expect(archived.status).toBe(403);
    expect(archived.body.error.message).toMatch(/в архиве/);
    expect((await anna.client.get(`/api/chats/${news.body.id}/messages`)).body.messages).toHaveLength(1);
  });

  it('keeps mentions of members only, and @все for the owners', async () => {
    const outsider = await addPerson(server, admin, {
      fullName: 'Чужой Человек',
      login: 'out',
      roles: ['parent'],
    });
    const mention = await send(
      anna.client,
      chatId,
      `@[Иванов Пётр](${petr.id}) и @[Чужой](${outsider.id}), привет`,
    );
    expect(mention.body).toMatchObject({ mentions: [petr.id], mentionsAll: false });
    const all = await send(anna.client, chatId, '@все завтра без формы');
    expect(all.status).toBe(403);
    expect(all.body.error.message).toMatch(/@все/);
    const byOwner = await send(teacher.client, chatId, '@все завтра без формы');
    expect(byOwner.body.mentionsAll).toBe(true);
    const forPetr = await petr.client.get(`/api/chats/${chatId}`);
    expect(forPetr.body.unreadMentions).toBe(2);
    await petr.client.post(`/api/chats/${chatId}/read`, { messageId: byOwner.body.id });
    expect((await petr.client.get(`/api/chats/${chatId}`)).body.unreadMentions).toBe(0);
    expect((await teacher.client.get(`/api/chats/${chatId}`)).body.unreadMentions).toBe(0);
  });

  it('refuses a reaction in a chat the person has left', async () => {
    const schoolClass = await admin.post('/api/classes', { grade: 5, letter: 'Б' });
    const other = await admin.post('/api/classes', { grade: 5, letter: 'В' });
    const child = await addPerson(server, admin, {
      fullName: 'Петров Миша',
      login: 'misha',
      roles: ['student'],
    });
    await admin.post(`/api/people/${child.id}/class`, { classId: schoolClass.body.id });
    await admin.post(`/api/people/${child.id}/guardians`, { parentId: anna.id });
    await admin.post(`/api/classes/${schoolClass.body.id}/class-teacher`, { teacherId: teacher.id });
    const parentsChat = (await anna.client.get('/api/chats')).body.chats.find(
      (c: { title: string }) => c.title === '5Б — родители',
    );
    const notice = await send(teacher.client, parentsChat.id, 'Родительское собрание');
    await admin.post(`/api/people/${child.id}/class`, { classId: other.body.id });
    const late = await anna.client.post(messageUrl(parentsChat.id, notice.body.id, '/reactions'), {
      emoji: '👍',
      on: true,
    });
    expect(late.status).toBe(404);
    expect(late.body.error.code).toBe('chats.not_found');
    const seen = await teacher.client.get(`/api/chats/${parentsChat.id}/messages`);
    expect(seen.body.messages[0].reactions).toEqual([]);
  });
});

describe('resuming after a break', () => {
  it('replays exactly the changes missed while offline, in order, each once', async () => {
    const notice = await send(teacher.client, chatId, 'Родительский чат: правила');
    const cursor = (await anna.client.get('/api/chats')).body.cursor;

    await teacher.client.patch(messageUrl(chatId, notice.body.id), {
      body: 'Родительский чат: правила общения',
    });
    await petr.client.post(messageUrl(chatId, notice.body.id, '/reactions'), { emoji: '❤️', on: true });
    await teacher.client.post(messageUrl(chatId, notice.body.id, '/pin'), { pinned: true });
    const question = await send(petr.client, chatId, 'А можно фото?');
    await petr.client.delete(messageUrl(chatId, question.body.id));

    const socket = await anna.client.socket(cursor);
    await socket.waitFor((s) => s.frames.some((f) => f.type === 'ready'), 'ready');
    const missed = socket
      .events()
      .filter((e) => e.payload.type === 'messages.send' || e.payload.type === 'messages.update')
      .map((e) =>
        e.payload.type === 'messages.update' ? `${e.payload.change}:${e.payload.message.id}` : 'send',
      );
    expect(missed).toEqual([
      `edit:${notice.body.id}`,
      `react:${notice.body.id}`,
      `pin:${notice.body.id}`,
      'send',
      `delete:${question.body.id}`,
    ]);
    const cursors = socket.events().map((e) => e.cursor);
    expect(new Set(cursors).size).toBe(cursors.length);
    socket.close();
  });
});
