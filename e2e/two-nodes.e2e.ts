import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { type Seeded, seedSchool } from './support/api.js';
import {
  collectPageErrors,
  desktop,
  launchBrowser,
  logIn,
  messageTexts,
  openContext,
  phone,
} from './support/browser.js';
import { submitMessage } from './support/messaging.js';
import { type RunningServer, startServer } from './support/server.js';
import { createSystemDatabase, reachable, redisUrl, systemPgUrl } from './support/services.js';

/**
 * Two real Parta processes on the machine's PostgreSQL, joined by Redis, with
 * no balancer: each person's browser talks to its own node. One node is
 * stopped (SIGTERM) and later the other dies (SIGKILL) mid-conversation; each
 * comes back on the same port and its page catches up by itself.
 */

const OFFLINE = 'Нет соединения — сообщения отправятся, когда связь вернётся';
const RESTORED = 'Соединение восстановлено';
const TITLE = 'Два узла — учительская';

// Outside CI a machine without PostgreSQL or Redis skips this file; `scripts/test.mjs` names what is missing.
const servicesUp = (await reachable(systemPgUrl, 5432)) && (await reachable(redisUrl, 6379));

interface Person {
  page: Page;
  errors: string[];
}

let database: Awaited<ReturnType<typeof createSystemDatabase>> | undefined;
let browser: Browser | undefined;
let seeded: Seeded;
/** every process started, restarts included, for the failure message */
const started: { name: string; node: RunningServer }[] = [];
const contexts: BrowserContext[] = [];
const nodes: Record<'A' | 'B', RunningServer | undefined> = { A: undefined, B: undefined };

async function startNode(name: 'A' | 'B', port?: number): Promise<RunningServer> {
  const node = await startServer({ databaseUrl: database!.url, redisUrl, port });
  started.push({ name, node });
  nodes[name] = node;
  return node;
}

/** A person's browser pointed at one node: logged in there, the chat open. */
async function personOn(
  node: RunningServer,
  viewport: { width: number; height: number },
  login: string,
  password: string,
): Promise<Person> {
  const context = await openContext(browser!, node.url, viewport);
  contexts.push(context);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await logIn(page, login, password);
  await page.getByRole('link', { name: TITLE }).click();
  await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
  await checkA11y(page, `чат на узле ${node.url}`);
  return { page, errors };
}

async function send(person: Person, text: string): Promise<void> {
  await person.page.getByLabel('Сообщение').fill(text);
  await submitMessage(person.page);
}

/**
 * Waits until the person's screen shows exactly these messages, in this order, none pending.
 * The wait is as long as the pages' own (15 s): a loaded machine must not fail it, so it does not
 * tell Redis's fan-out from the 2 s poll each node keeps as a safety net.
 */
async function sees(person: Person, expected: string[]): Promise<void> {
  const patiently = { timeout: 15_000 };
  await expect.poll(() => messageTexts(person.page), patiently).toEqual(expected);
  await expect.poll(() => person.page.locator('[data-state="pending"]').count(), patiently).toBe(0);
}

describe.skipIf(!servicesUp && process.env.CI !== 'true')('two nodes joined by Redis', () => {
  let teacher: Person;
  let admin: Person;
  const conversation: string[] = [];

  beforeAll(async () => {
    database = await createSystemDatabase();
    // Both at once: migrations take an advisory lock, so nodes may start together.
    await Promise.all([startNode('A'), startNode('B'), launchBrowser().then((b) => (browser = b))]);
    seeded = await seedSchool(nodes.A!.url, TITLE);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    for (const node of Object.values(nodes)) await node?.stop();
    await database?.drop();
  });

  const printOutput = () =>
    onTestFailed(() => {
      for (const { name, node } of started) console.error(`node ${name} (${node.url}):\n${node.output()}`);
    });

  it('a person on node A and one on node B chat live, both ways', async () => {
    printOutput();
    admin = await personOn(nodes.A!, desktop, seeded.admin.login, seeded.admin.password);
    teacher = await personOn(nodes.B!, phone, seeded.teacher.login, seeded.teacher.password);

    await send(admin, 'Коллеги, педсовет в среду.');
    conversation.push('Коллеги, педсовет в среду.');
    await sees(teacher, conversation);
    // Typing is never stored: only Redis carries it from node B to node A, so this proves the bus.
    await teacher.page.getByLabel('Сообщение').fill('Во сколько?');
    await admin.page.getByText('Алсу Галиева печатает…').waitFor();
    await checkA11y(admin.page, 'печатает');
    await submitMessage(teacher.page);
    conversation.push('Во сколько?');
    await sees(admin, conversation);
    await sees(teacher, conversation);
  });

  it('node B stopped mid-conversation: its page comes back by itself and shows what it missed once', async () => {
    printOutput();
    const port = nodes.B!.port;
    await nodes.B!.stop();
    nodes.B = undefined;
    await teacher.page.getByText(OFFLINE).waitFor();
    await checkA11y(teacher.page, 'нет соединения');

    const whileDown = ['В 15:00, в актовом зале.', 'Повестка — итоги четверти.', 'Явка обязательна.'];
    for (const text of whileDown) await send(admin, text);
    conversation.push(...whileDown);
    // Stored by node A (no clock left on the sender's side) while node B is still down.
    await sees(admin, conversation);
    expect(await messageTexts(teacher.page)).toEqual(conversation.slice(0, -whileDown.length));

    await startNode('B', port);
    await teacher.page.getByText(RESTORED).waitFor();
    await checkA11y(teacher.page, 'соединение восстановлено');
    await sees(teacher, conversation);

    await send(teacher, 'Поняла, буду.');
    conversation.push('Поняла, буду.');
    await sees(admin, conversation);
    await send(admin, 'Спасибо.');
    conversation.push('Спасибо.');
    await sees(teacher, conversation);
  });

  it('node A killed mid-conversation: what was written meanwhile, on either side, arrives once and in order', async () => {
    printOutput();
    const port = nodes.A!.port;
    await nodes.A!.crash();
    nodes.A = undefined;
    await admin.page.getByText(OFFLINE).waitFor();

    const whileDown = ['А кабинет?', 'Я про протокол.', 'Кто ведёт?'];
    for (const text of whileDown) await send(teacher, text);
    conversation.push(...whileDown);
    await sees(teacher, conversation);
    // Written on the dead node's page: kept with its clock, sent once the node is back.
    await send(admin, 'Протокол веду я.');
    await admin.page.locator('[data-state="pending"]').getByText('Протокол веду я.').waitFor();
    await checkA11y(admin.page, 'сообщение ждёт связи');
    expect(await messageTexts(admin.page)).toEqual([
      ...conversation.slice(0, -whileDown.length),
      'Протокол веду я.',
    ]);
    conversation.push('Протокол веду я.');

    await startNode('A', port);
    await admin.page.getByText(RESTORED).waitFor();
    await sees(admin, conversation);
    await sees(teacher, conversation);

    await send(teacher, 'Хорошо.');
    conversation.push('Хорошо.');
    await sees(admin, conversation);

    // A fresh load from each node shows the same conversation, each message once.
    for (const person of [admin, teacher]) {
      await person.page.reload();
      await person.page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      await sees(person, conversation);
    }
    expect(admin.errors).toEqual([]);
    expect(teacher.errors).toEqual([]);
  });
});
