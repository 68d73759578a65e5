import { HELLO_TIMEOUT_MS, wsCloseCodes } from '@parta/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../infra/actions.js';
import type { TestSocket } from '../test/client.js';
import { floodMessage } from '../test/flood.js';
import { addPerson, setUpSchool } from '../test/school.js';
import { startTestServer, type TestServer } from '../test/server.js';

/** What one account, or one socket, may cost the live stream (DESIGN §3.10). */
let server: TestServer;
type Person = Awaited<ReturnType<typeof addPerson>>;
let parent: Person;
let teacher: Person;
const MAX_BUFFERED = 64 * 1024;

beforeAll(async () => {
  server = await startTestServer({ wsMaxBufferedBytes: MAX_BUFFERED });
  const admin = await setUpSchool(server);
  parent = await addPerson(server, admin, { fullName: 'Петрова Анна', login: 'petrova', roles: ['parent'] });
  teacher = await addPerson(server, admin, {
    fullName: 'Галиева Алсу',
    login: 'galieva',
    roles: ['teacher'],
  });
});
afterAll(() => server?.close());

const ready = (s: TestSocket) => s.frames.some((f) => f.type === 'ready');
const closed = (s: TestSocket) => s.closed !== null;
const pongs = (s: TestSocket) => s.frames.filter((f) => f.type === 'pong').length;

/** A ping answered proves the socket is open and its earlier frames were handled. */
async function stillOpen(socket: TestSocket): Promise<void> {
  const before = pongs(socket);
  socket.send({ type: 'ping' });
  await socket.waitFor((s) => pongs(s) > before || closed(s), 'pong');
  expect(socket.closed).toBeNull();
}

describe('the live stream', () => {
  it('closes a socket that has not said hello within 10 s (4408); one that did stays', async () => {
    const greeted = await teacher.client.socket(null);
    await greeted.waitFor(ready, 'ready');
    const silent = await teacher.client.openSocket();

    server.clock.advance(HELLO_TIMEOUT_MS - 1000);
    server.parta.hub.sweep();
    await stillOpen(silent);

    server.clock.advance(1000);
    // The hub's own sweep (every second) closes it; nothing here calls it.
    await silent.waitFor(closed, 'close');
    expect(silent.closed?.code).toBe(wsCloseCodes.helloTimeout);
    await stillOpen(greeted);
    greeted.close();
  });

  it('cuts off a socket whose events pile up before its hello (4008); its reconnect misses nothing', async () => {
    const { body } = await parent.client.get('/api/chats');
    const quiet = await parent.client.openSocket();
    const count = 40; // 40 × 8 KB of frames: past the 64 KiB limit
    await server.parta.actions.run({ kind: 'system' }, bigEvents(parent.id, count), undefined);
    await quiet.waitFor(closed, 'close');
    expect(quiet.closed?.code).toBe(wsCloseCodes.slowConsumer);
    expect(quiet.events()).toEqual([]);

    const resumed = await parent.client.socket(body.cursor);
    await resumed.waitFor(ready, 'ready');
    expect(resumed.events()).toHaveLength(count);
    resumed.close();
  });

  it('keeps at most 10 sockets per account: the eleventh closes the oldest (4409)', async () => {
    const sockets: TestSocket[] = [];
    for (let i = 0; i < 11; i++) {
      const socket = await parent.client.socket(null);
      await socket.waitFor(ready, 'ready');
      sockets.push(socket);
    }
    await sockets[0]!.waitFor(closed, 'the oldest closed');
    expect(sockets[0]!.closed?.code).toBe(wsCloseCodes.tooManySockets);
    for (const socket of sockets.slice(1)) await stillOpen(socket);
    // Another account is not affected.
    const other = await teacher.client.socket(null);
    await other.waitFor(ready, 'ready');
    for (const socket of [...sockets, other]) socket.close();
  });

  it('closes a socket that sends more than 20 frames at once (4429); a steady client is never cut off', async () => {
    const steady = await parent.client.socket(null);
    await steady.waitFor(ready, 'ready');
    for (let i = 0; i < 40; i++) {
      server.clock.advance(500);
      await stillOpen(steady);
    }
    steady.close();

    const flood = await parent.client.socket(null); // the hello is frame 1
    for (let i = 0; i < 25; i++) flood.send({ type: 'ping' });
    await flood.waitFor(closed, 'close');
    expect(flood.closed?.code).toBe(wsCloseCodes.tooManyFrames);
    expect(pongs(flood)).toBe(19);
  });
});

/** An action that only emits `count` large events for one person. */
function bigEvents(userId: number, count: number): Action<void, null> {
  const message = floodMessage(1, userId);
  return async () => ({
    result: null,
    schoolId: 1,
    audit: null,
    events: Array.from({ length: count }, () => ({
      payload: { type: 'messages.send' as const, message },
      userIds: [userId],
    })),
  });
}
