/**
 * The screen set of issue #14: every screen at 360×640 and 1280×800, in
 * Russian, as the person who sees it, saved to docs/screens/<phone|desktop>/.
 *
 *   npm run screens        (builds, then runs this: npx tsx e2e/screens.ts)
 *
 * Starts a built Parta with its own database, fills a small school through
 * the API (class 5А with its class teacher and three families, more classes,
 * messages, a reply, reactions, a pin, join requests), then visits the screens.
 * A second, fresh server shows the first-run setup.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  defaultWorkingHours,
  type TChat,
  type TCreatedPerson,
  type TMessage,
  type TSchoolStructure,
} from '@parta/protocol';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from './support/api.js';
import { desktop, launchBrowser, logIn, openContext, phone } from './support/browser.js';
import { messageWith, type ParentsClass, seedParentsClass } from './support/messaging.js';
import { type RunningServer, repoRoot, startServer } from './support/server.js';

const outDir = path.join(repoRoot, 'docs/screens');

interface School extends ParentsClass {
  classId: number;
  adminChatId: number;
  noticeText: string;
  inviteUrl: string;
  resetUrl: string;
  personId: number;
}

async function post(client: ApiClient, chatId: number, body: string, replyToId?: number): Promise<TMessage> {
  return client.post<TMessage>(`/api/chats/${chatId}/messages`, {
    clientId: randomUUID(),
    body,
    ...(replyToId ? { replyToId } : {}),
  });
}

async function login(baseUrl: string, who: { login: string; password: string }): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  await client.post('/api/auth/login', { login: who.login, password: who.password });
  return client;
}

/** A believable school: 5А with its families and a week's worth of talk, more classes, requests to join. */
async function fillSchool(url: string): Promise<School> {
  const school = await seedParentsClass(url);
  const { adminClient, teacherClient, chat } = school;
  // The talk below goes at once whatever the hour the set is made at; the school's own hours come after it.
  await adminClient.post('/api/hours', { opensAt: '00:00', closesAt: '23:59', days: [1, 2, 3, 4, 5, 6, 7] });
  const classId = (await adminClient.get<TSchoolStructure>('/api/school/structure')).classes[0]!.id;
  await adminClient.post('/api/classes/bulk', { grades: [1, 2, 3, 4, 6, 7], letters: ['А', 'Б'] });

  const parents = await Promise.all(school.parents.map((parent) => login(url, parent)));
  const first = await post(
    teacherClient,
    chat.id,
    'Добрый вечер. В пятницу экскурсия в Национальный музей, сбор в 08:15 у школы. Возьмите, пожалуйста, сменную обувь.',
  );
  await post(parents[0]!, chat.id, 'Спасибо, будем. Обед брать с собой?', first.id);
  await post(teacherClient, chat.id, 'Обед в школе, как обычно.');
  const noticeText = 'Родительское собрание в четверг в 18:00, кабинет 21. Тема — итоги четверти.';
  const notice = await post(teacherClient, chat.id, noticeText);
  await teacherClient.post(`/api/chats/${chat.id}/messages/${notice.id}/pin`, { pinned: true });
  await parents[0]!.post(`/api/chats/${chat.id}/messages/${notice.id}/reactions`, { emoji: '👍', on: true });
  await parents[1]!.post(`/api/chats/${chat.id}/messages/${notice.id}/reactions`, { emoji: '👍', on: true });
  await parents[2]!.post(`/api/chats/${chat.id}/messages/${first.id}/reactions`, { emoji: '🙏', on: true });
  for (const parent of parents.slice(0, 2)) {
    await parent.post(`/api/chats/${chat.id}/read`, { messageId: notice.id });
  }

  // The admin's own chat with the teachers.
  const newTeacher = await adminClient.post<TCreatedPerson>('/api/people', {
    fullName: 'Хасанов Ренат Маратович',
    login: 'khasanov',
    roles: ['teacher'],
  });
  const adminChat = await adminClient.post<TChat>('/api/chats', {
    title: 'Учителя начальной школы',
    memberIds: [newTeacher.person.id],
  });
  await post(adminClient, adminChat.id, 'Коллеги, педсовет переносится на среду, 15:00, актовый зал.');
  await post(adminClient, adminChat.id, 'Списки на олимпиаду — до пятницы, пожалуйста.');

  // An invite for 5А's parents (the join page), and two fathers asking by the school's code.
  const invite = await teacherClient.post<{ url: string }>('/api/invites', { role: 'parent', classId });
  const { school: structure } = await adminClient.get<TSchoolStructure>('/api/school/structure');
  const asking = [
    ['Иванов Сергей Николаевич', 'ivanov-s', 'Иванов Артём'],
    ['Сабиров Ильдар Ринатович', 'sabirov-i', 'Сабиров Тимур'],
  ] as const;
  for (const [fullName, loginName, childName] of asking) {
    await new ApiClient(url).post('/api/schools/join', {
      code: structure.joinCode,
      role: 'parent',
      classId,
      childName,
      register: { fullName, login: loginName, password: `${loginName}-password-1` },
      acceptRules: true,
    });
  }
  const year = new Date().getFullYear();
  await adminClient.post('/api/hours', {
    ...defaultWorkingHours,
    holidays: [{ from: `${year}-12-30`, to: `${year + 1}-01-08`, name: 'Зимние каникулы' }],
  });
  return {
    ...school,
    classId,
    adminChatId: adminChat.id,
    noticeText,
    inviteUrl: invite.url,
    resetUrl: newTeacher.setPasswordLink.url,
    personId: newTeacher.person.id,
  };
}

type Size = 'phone' | 'desktop';

class Shots {
  count = 0;
  constructor(
    readonly page: Page,
    readonly size: Size,
  ) {}
  async take(nn: number, name: string): Promise<void> {
    // Fonts and lazy screens are in; no animation half-way.
    await this.page.evaluate('document.fonts.ready');
    const file = path.join(outDir, this.size, `${String(nn).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    this.count += 1;
  }
}

async function person(browser: Browser, server: RunningServer, size: Size): Promise<Page> {
  const context = await openContext(browser, server.url, size === 'phone' ? phone : desktop);
  return context.newPage();
}

async function admin(browser: Browser, server: RunningServer, school: School, size: Size): Promise<number> {
  const page = await person(browser, server, size);
  const shot = new Shots(page, size);
  await logIn(page, school.admin.login, school.admin.password);
  await page.getByText('Первые шаги').first().waitFor();
  await shot.take(1, 'admin-chats-first-steps');

  await page.goto(`/chats/${school.adminChatId}`);
  await messageWith(page, 'Списки на олимпиаду').waitFor();
  await shot.take(2, 'admin-chat');
  await page.getByRole('button', { name: 'Учителя начальной школы' }).click();
  await page.getByRole('dialog', { name: 'Учителя начальной школы' }).waitFor();
  await shot.take(3, 'admin-chat-card');

  await page.goto('/school');
  await page.getByRole('link', { name: /5А/ }).first().waitFor();
  await shot.take(4, 'admin-school-grid');
  await page.goto(`/classes/${school.classId}`);
  await page.getByRole('heading', { name: '5А класс', level: 1 }).waitFor();
  await shot.take(5, 'admin-class-card');
  await page.goto(`/people/${school.personId}`);
  await page.getByRole('heading', { name: /Хасанов/, level: 1 }).waitFor();
  await shot.take(6, 'admin-person-card');
  await page.goto('/school/people');
  await page.getByText('Галиева Алсу Ринатовна').first().waitFor();
  await shot.take(7, 'admin-people');
  await page.goto('/school/invites');
  await page.getByTestId('school-code').waitFor();
  await shot.take(8, 'admin-invites');
  // The slips are printed right after a link is made: on the class card, «Пригласить родителей 5А».
  await page.goto(`/classes/${school.classId}`);
  await page.getByRole('button', { name: 'Пригласить родителей 5А' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Пригласить родителей 5А' });
  await dialog.getByRole('button', { name: 'Создать ссылку' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('link', { name: 'Распечатать для собрания' }).click();
  await page.getByRole('heading', { name: 'Листки для собрания', level: 1 }).waitFor();
  await page.getByTestId('slip').first().waitFor();
  await shot.take(9, 'admin-print-slips');
  await page.goto('/joins');
  await page.getByTestId('join-request').first().waitFor();
  await shot.take(10, 'admin-joins');
  await page.goto('/school/settings');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.locator('main form, main section').first().waitFor();
  await shot.take(11, 'admin-settings');
  await page.goto('/school/hours');
  await page.getByRole('heading', { name: /^Рабочее время школы/ }).waitFor();
  await page.getByTestId('hours-report-chat').first().waitFor();
  await shot.take(27, 'admin-working-hours');
  await page.goto('/school/rollover');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.locator('main button').first().waitFor();
  await shot.take(12, 'admin-rollover');
  await page.goto('/profile');
  await page.getByRole('heading', { name: 'Профиль', level: 1 }).waitFor();
  await page.getByText(school.admin.fullName).first().waitFor();
  await shot.take(13, 'admin-profile');
  await page.context().close();
  return shot.count;
}

async function teacher(browser: Browser, server: RunningServer, school: School, size: Size): Promise<number> {
  const page = await person(browser, server, size);
  const shot = new Shots(page, size);
  await logIn(page, school.teacher.login, school.teacher.password);
  await page.getByRole('link', { name: 'Мой класс' }).click();
  await page.getByRole('heading', { name: '5А класс', level: 1 }).waitFor();
  await shot.take(14, 'teacher-my-class');
  await page.getByRole('link', { name: /^Рабочее время школы/ }).click();
  await page.getByRole('heading', { name: 'Рабочее время', level: 1 }).waitFor();
  await shot.take(28, 'teacher-working-hours');
  await page.goto(`/chats/${school.chat.id}`);
  const notice = messageWith(page, school.noticeText);
  await notice.getByRole('button', { name: /^Прочитали \d+ из \d+$/ }).waitFor();
  await shot.take(15, 'teacher-chat-read-receipts');
  await notice.getByRole('button', { name: /^Прочитали \d+ из \d+$/ }).click();
  await page.getByRole('dialog', { name: 'Кто прочитал' }).getByTestId('reads-count').waitFor();
  await shot.take(16, 'teacher-who-read');
  await page.context().close();
  return shot.count;
}

async function parent(browser: Browser, server: RunningServer, school: School, size: Size): Promise<number> {
  const page = await person(browser, server, size);
  const shot = new Shots(page, size);
  const me = school.parents[2]!;
  await logIn(page, me.login, me.password);
  await page.getByRole('link', { name: /5А — родители/ }).waitFor();
  await shot.take(17, 'parent-chats');
  await page.getByRole('link', { name: /5А — родители/ }).click();
  const notice = messageWith(page, school.noticeText);
  await notice.waitFor();
  await shot.take(18, 'parent-class-chat');
  await notice.hover();
  await notice.getByRole('button', { name: /^Меню сообщения/ }).click();
  await page.getByRole('dialog', { name: 'Действия' }).waitFor();
  await shot.take(19, 'parent-message-menu');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Действия' }).waitFor({ state: 'detached' });
  await page.goto('/search');
  await page.getByRole('searchbox', { name: 'Что найти' }).fill('собрание');
  await page.getByText('кабинет 21', { exact: false }).first().waitFor();
  await shot.take(20, 'parent-search');
  await page.context().close();
  return shot.count;
}

async function newcomer(
  browser: Browser,
  server: RunningServer,
  school: School,
  size: Size,
): Promise<number> {
  const page = await person(browser, server, size);
  const shot = new Shots(page, size);
  await page.goto('/login');
  await page.getByRole('heading', { name: 'Вход' }).waitFor();
  await shot.take(21, 'login');
  await page.goto(new URL(school.inviteUrl).pathname);
  await page.getByRole('heading', { name: 'Родители 5А класса', level: 1 }).waitFor();
  await shot.take(22, 'join-by-link');
  await page.goto('/join');
  await page.getByRole('heading', { name: 'Ввести код с листочка', level: 1 }).waitFor();
  await shot.take(23, 'join-slip-code');
  await page.goto('/school');
  await page.getByRole('heading', { name: 'Присоединиться к школе', level: 1 }).waitFor();
  await shot.take(24, 'join-school-code');
  await page.goto(new URL(school.resetUrl).pathname);
  await page.getByText('Хасанов', { exact: false }).first().waitFor();
  await shot.take(25, 'set-password');
  await page.context().close();
  return shot.count;
}

async function firstRun(browser: Browser, server: RunningServer, size: Size): Promise<number> {
  const page = await person(browser, server, size);
  const shot = new Shots(page, size);
  await page.goto('/');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.getByRole('button').first().waitFor();
  await shot.take(26, 'first-run-setup');
  await page.context().close();
  return shot.count;
}

async function main(): Promise<void> {
  for (const size of ['phone', 'desktop'] as const) {
    rmSync(path.join(outDir, size), { recursive: true, force: true });
    mkdirSync(path.join(outDir, size), { recursive: true });
  }
  const server = await startServer();
  const fresh = await startServer();
  const browser = await launchBrowser();
  let total = 0;
  try {
    const school = await fillSchool(server.url);
    for (const size of ['phone', 'desktop'] as const) {
      total += await admin(browser, server, school, size);
      total += await teacher(browser, server, school, size);
      total += await parent(browser, server, school, size);
      total += await newcomer(browser, server, school, size);
      total += await firstRun(browser, fresh, size);
    }
    console.log(`${total} screens in ${path.relative(repoRoot, outDir)}/`);
  } catch (error) {
    console.error(`Parta's output:\n${server.output()}`);
    throw error;
  } finally {
    await browser.close();
    await server.stop();
    await fresh.stop();
  }
}

await main();
