import { randomUUID } from 'node:crypto';
import { type TEvent, wsCloseCodes } from '@parta/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../infra/actions.js';
import type { TestClient } from '../test/client.js';
import { floodMessage } from '../test/flood.js';
import { addPerson, setUpSchool } from '../test/school.js';
import { startTestServer, type TestServer } from '../test/server.js';
import { REPLAY_LIMIT } from './hub.js';

let server: TestServer;
let admin: TestClient;
let parent: { id: number; client: TestClient; password: string };
let chatId: number;

beforeAll(async () => {
  server = await startTestServer({ wsMaxBufferedBytes: 64 * 1024 });
  admin = await setUpSchool(server);
  parent = await addPerson(server, admin, { fullName: 'Петрова Анна', login: 'petrova', roles: ['parent'] });
  chatId = (await admin.post('/api/chats', { title: '3Б — родители', memberIds: [parent.id] })).body.id;
});
afterAll(() => server?.close());

const ready = (s: { frames: { type: string }[] }) => s.frames.some((f) => f.type === 'ready');

describe('the live stream', () => {
  it('refuses a page from another origin and a visitor without a session', async () => {
    const foreign = await admin.socket(null, 'https://evil.example');
    await foreign.waitFor((s) => s.closed !== null, 'close');
    expect(foreign.closed?.code).toBe(wsCloseCodes.badOrigin);
    const anonymous = await server.client().socket(null);
    await anonymous.waitFor((s) => s.closed !== null, 'close');
    expect(anonymous.closed?.code).toBe(wsCloseCodes.unauthenticated);
  });

  it('asks for a resync when the cursor is from the future', async () => {
    const socket = await admin.socket(10_000_000);
    await socket.waitFor(ready, 'ready');
    expect(socket.frames.map((f) => f.type)).toEqual(['resync', 'ready']);
    socket.close();
  });

  it('delivers events in commit order with no gaps under concurrent sends', async () => {
    const { body } = await parent.client.get('/api/chats');
    const socket = await parent.client.socket(body.cursor);
    await socket.waitFor(ready, 'ready');
    const sends = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? admin : parent.client).post(`/api/chats/${chatId}/messages`, {
        clientId: randomUUID(),
        body: `№${i}`,
      }),
    );
    const sent = await Promise.all(sends);
    await socket.waitFor((s) => s.events().length >= 40, '40 events');
    const cursors = socket.events().map((e) => e.cursor);
    expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);
    expect(new Set(cursors).size).toBe(cursors.length);
    const ids = socket
      .events()
      .flatMap((e) => (e.payload.type === 'messages.send' ? [e.payload.message.id] : []));
    expect(new Set(ids)).toEqual(new Set(sent.map((r) => r.body.id)));
    socket.close();
  });

  it('ends the stream of a session that was logged out elsewhere at once, without waiting for a heartbeat', async () => {
    const phone = server.client();
    await phone.login('petrova', parent.password);
    const socket = await phone.socket(null);
    await socket.waitFor(ready, 'ready');
    await parent.client.post('/api/auth/logout-others');
    await socket.waitFor((s) => s.closed !== null, 'close');
    expect(socket.closed?.code).toBe(wsCloseCodes.sessionEnded);
  });

  it('ends the streams of someone who leaves the school at once', async () => {
    const leaver = await addPerson(server, admin, {
      fullName: 'Выбывший Ученик',
      login: 'leaver',
      roles: ['student'],
    });
    const socket = await leaver.client.socket(null);
    await socket.waitFor(ready, 'ready');
    expect((await admin.post(`/api/people/${leaver.id}/leave`)).status).toBe(200);
    await socket.waitFor((s) => s.closed !== null, 'close');
    expect(socket.closed?.code).toBe(wsCloseCodes.sessionEnded);
  });

  it('cuts off a client that does not read, which then resumes from its cursor and misses nothing', async () => {
    const { body } = await parent.client.get('/api/chats');
    const socket = await parent.client.socket(body.cursor);
    await socket.waitFor(ready, 'ready');
    const raw = (socket.ws as unknown as { _socket: { pause(): void } })._socket;
    raw.pause();
    const flood = bigEvents(parent.id, 100);
    let rounds = 0;
    while (server.parta.hub.size > 0 && rounds < 60) {
      await server.parta.actions.run({ kind: 'system' }, flood, undefined);
      rounds++;
    }
    expect(server.parta.hub.size, 'the server cut the slow client off').toBe(0);
    const resumed = await parent.client.socket(lastCursorBefore(socket));
    await resumed.waitFor(ready, 'ready');
    const all = [...socket.events(), ...resumed.events()].map((e) => e.cursor);
    expect(new Set(all).size).toBeGreaterThanOrEqual(rounds * 100);
    resumed.close();
  });
  it('asks for a resync instead of a replay after more than REPLAY_LIMIT events of the school', async () => {
    const { body } = await parent.client.get('/api/chats');
    const live = await parent.client.socket(null);
    await live.waitFor(ready, 'ready');
    // A busy school while the phone was off: other people's events, then one for this parent.
    await server.parta.actions.run({ kind: 'system' }, eventsFor(1, REPLAY_LIMIT), undefined);
    const posted = await parent.client.post(`/api/chats/${chatId}/messages`, {
      clientId: randomUUID(),
      body: 'Я здесь',
    });
    const isPosted = (e: TEvent) =>
      e.payload.type === 'messages.send' && e.payload.message.id === posted.body.id;
    await live.waitFor((s) => s.events().some(isPosted), 'the message, live');
    const postedCursor = live.events().find(isPosted)!.cursor;
    live.close();

    const late = await parent.client.socket(body.cursor);
    await late.waitFor(ready, 'ready');
    expect(late.frames.map((f) => f.type)).toEqual(['resync', 'ready']);
    late.close();

    // A shorter break is replayed.
    const replayed = await parent.client.socket(postedCursor - 1);
    await replayed.waitFor(ready, 'ready');
    expect(replayed.frames.map((f) => f.type)).toEqual(['event', 'ready']);
    expect(replayed.events().some(isPosted)).toBe(true);
    replayed.close();
  });
});

/** An action that emits `count` small events for one person (none of them the parent). */
function eventsFor(userId: number, count: number): Action<void, null> {
  return async () => ({
    result: null,
    schoolId: 1,
    audit: null,
    events: Array.from({ length: count }, () => ({
      payload: { type: 'chats.read', chatId, lastReadMessageId: 0 },
      userIds: [userId],
    })),
  });
}

/** An action that only emits `count` large events for one person: a flood for the slow-consumer test. */
function bigEvents(userId: number, count: number): Action<void, null> {
  return async () => {
    const message = floodMessage(chatId, userId);
    return {
      result: null,
      schoolId: 1,
      audit: null,
      events: Array.from({ length: count }, () => ({
        payload: { type: 'messages.send', message },
        userIds: [userId],
      })),
    };
  };
}

function lastCursorBefore(socket: { events(): { cursor: number }[] }): number {
  const events = socket.events();
  return events.length ? events[events.length - 1]!.cursor : 0;
}
