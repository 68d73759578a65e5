import type { TClassCard, TCreatedPerson, TMe, TMessage } from '@parta/protocol';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { ApiClient } from './support/api.js';
import { logIn, phone, screenshot } from './support/browser.js';
import { messageWith, type ParentsClass, type Person, seedParentsClass, send } from './support/messaging.js';
import { useStage } from './support/stage.js';

/*
 * Issue #14.3, .4, .8: people told apart through their children. Class 5А of
 * `seedParentsClass`, plus 2Б where Мария Иванова has a daughter too, and a
 * second «Петров Олег Иванович» — a namesake, the father of a 2Б pupil.
 */
const stage = useStage();
let school: ParentsClass;
const ids = { class5a: 0, class2b: 0, longName: 0 };
const LONG_NAME = 'Константинопольская-Гайнуллина Александра Владиславовна';
const MARIA = 'мама Оли И. (2Б) и Артёма И. (5А)';

async function person(admin: ApiClient, fullName: string, login: string, role: string): Promise<number> {
  return (await admin.post<TCreatedPerson>('/api/people', { fullName, login, roles: [role] })).person.id;
}

beforeAll(async () => {
  school = await seedParentsClass(stage.server.url);
  const admin = school.adminClient;
  const people = await admin.get<{ people: { id: number; fullName: string; roles: string[] }[] }>(
    '/api/people',
  );
  const idOf = (fullName: string) => people.people.find((p) => p.fullName === fullName)!.id;
  const structure = await admin.get<{ classes: { id: number; name: string }[] }>('/api/school/structure');
  ids.class5a = structure.classes.find((c) => c.name === '5А')!.id;
  ids.class2b = (await admin.post<TClassCard>('/api/classes', { grade: 2, letter: 'Б' })).id;
  const olya = await person(admin, 'Иванова Оля Сергеевна', 'olya', 'student');
  const roma = await person(admin, 'Петров Рома Олегович', 'roma', 'student');
  for (const pupil of [olya, roma]) await admin.post(`/api/people/${pupil}/class`, { classId: ids.class2b });
  await admin.post(`/api/people/${olya}/guardians`, { parentId: idOf('Иванова Мария Петровна') });
  const namesake = await person(admin, 'Петров Олег Иванович', 'oleg2', 'parent');
  await admin.post(`/api/people/${roma}/guardians`, { parentId: namesake });
  ids.longName = await person(admin, LONG_NAME, 'long', 'parent');
});

async function openAs(who: Person): Promise<{ page: Page; errors: string[] }> {
  const side = await stage.open(phone);
  await logIn(side.page, who.login, who.password);
  return side;
}

/** The row of «Люди» with this name and this line under it. */
const row = (page: Page, context: string): Locator =>
  page.locator('.people__item').filter({ hasText: context });

describe('people told apart', () => {
  it('«Люди» narrows by name, role and class, each parent with their children', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { page, errors } = await openAs(school.admin);
    await page.goto('/school/people');
    await page.getByRole('heading', { name: /^\d+ человек/ }).waitFor();

    await page.getByLabel('Найти по имени').fill('Петров Олег');
    await page.getByRole('heading', { name: 'Найдено: 2' }).waitFor();
    await row(page, 'папа Алии П., 5А').waitFor();
    await row(page, 'папа Ромы П., 2Б').waitFor();
    await screenshot(page, 'phone-people-namesakes');

    await page.getByLabel('Найти по имени').fill('');
    await page.getByLabel('По роли').selectOption({ label: 'Родитель' });
    await page.getByLabel('По классу').selectOption({ label: '2Б' });
    await row(page, MARIA).waitFor();
    await expect
      .poll(() => page.locator('.people__roles').allTextContents())
      .toEqual([`Родитель · ${MARIA}`, 'Родитель · папа Ромы П., 2Б']);
    await screenshot(page, 'phone-people-filter');
    expect(errors).toEqual([]);
  });

  it('a person card wraps a long name on a phone; the class card shows its pupils first', async () => {
    const { page, errors } = await openAs(school.admin);
    await page.goto(`/people/${ids.longName}`);
    const title = page.getByRole('heading', { name: LONG_NAME, level: 1 });
    await title.waitFor();
    const clipped = await title.evaluate((h) => h.scrollWidth > h.clientWidth);
    expect(clipped).toBe(false);
    expect((await title.boundingBox())!.height).toBeGreaterThan(40);
    // The head holds its two or three lines: nothing of the name or the role under it is cut off.
    const head = page.locator('.page__header');
    const [headBox, titleBox] = [(await head.boundingBox())!, (await title.boundingBox())!];
    expect(titleBox.y).toBeGreaterThanOrEqual(headBox.y);
    expect(titleBox.y + titleBox.height).toBeLessThanOrEqual(headBox.y + headBox.height);
    expect(await head.evaluate((h) => h.scrollHeight <= h.clientHeight)).toBe(true);
    await page.getByTestId('person-subtitle').filter({ hasText: 'Родитель' }).waitFor();
    await screenshot(page, 'phone-person-long-name');

    await page.goto(`/classes/${ids.class5a}`);
    const students = page.getByRole('heading', { name: 'Ученики и родители' });
    await students.waitFor();
    const tops = await page
      .locator('.class-section')
      .evaluateAll((sections) => sections.map((s) => [s.className, s.getBoundingClientRect().top] as const));
    const first = [...tops].sort((a, b) => a[1] - b[1])[0]![0];
    expect(first).toContain('class-section--students');
    await screenshot(page, 'phone-class-pupils-first');
    // Every name on the class card is a link a finger can hit (#14.5): 44 px tall on a touch screen.
    const nameLinks = page.locator('main .person-link');
    expect(await nameLinks.count()).toBeGreaterThan(3);
    const linkHeights = await nameLinks.evaluateAll((links) =>
      links.map((link) => link.getBoundingClientRect().height),
    );
    expect(Math.min(...linkHeights)).toBeGreaterThanOrEqual(44);
    // And so is the class chip on a pupil's card, the way back to the class.
    await page.getByRole('link', { name: 'Иванов Артём Сергеевич' }).click();
    await page.getByRole('heading', { name: 'Иванов Артём Сергеевич', level: 1 }).waitFor();
    const chip = page.getByRole('link', { name: '5А', exact: true });
    expect((await chip.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect(errors).toEqual([]);
  });

  it('«Привязать родителя» searches the school and says whose parent each one is', async () => {
    const { page, errors } = await openAs(school.teacher);
    await page.goto(`/classes/${ids.class5a}`);
    await page
      .getByRole('button', { name: 'Привязать ещё одного родителя: Сабиров Тимур Ильдарович' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Привязать родителя' });
    await dialog.getByLabel('Найти по имени').fill('Иванова');
    await dialog.locator('.picker__roles').filter({ hasText: MARIA }).waitFor();
    await screenshot(page, 'phone-link-parent-search');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    expect(errors).toEqual([]);
  });
});

describe('read receipts', () => {
  it('are a tick and a number; the details name each parent through their children and «Напомнить» mentions who has not read', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const [maria] = school.parents as [Person];
    const mariaClient = new ApiClient(stage.server.url);
    await mariaClient.post<TMe>('/api/auth/login', { login: maria.login, password: maria.password });

    const { page, errors } = await openAs(school.teacher);
    await page.getByRole('link', { name: /5А — родители/ }).click();
    await page.getByRole('heading', { name: '5А — родители', level: 1 }).waitFor();
    await send(page, 'Завтра экскурсия в музей, сбор в 8:30.');
    const notice = messageWith(page, 'Завтра экскурсия');
    const receipt = notice.getByRole('button', { name: 'Прочитали 0 из 3' });
    await receipt.waitFor();

    // Мария reads it and answers; the tick under the notice counts her.
    const page1 = await mariaClient.get<{ messages: TMessage[] }>(`/api/chats/${school.chat.id}/messages`);
    const noticeId = page1.messages.at(-1)!.id;
    await mariaClient.post(`/api/chats/${school.chat.id}/read`, { messageId: noticeId });
    await mariaClient.post(`/api/chats/${school.chat.id}/messages`, {
      clientId: crypto.randomUUID(),
      body: 'Спасибо, Артём будет.',
    });
    const counted = notice.getByRole('button', { name: 'Прочитали 1 из 3' });
    await counted.waitFor();
    expect((await counted.textContent())!.trim()).toBe('1');
    // Compact: on the line of the time, inside the bubble, not a line of its own.
    const time = (await notice.locator('.bubble__meta time').boundingBox())!;
    const tick = (await counted.boundingBox())!;
    expect(Math.abs(tick.y + tick.height / 2 - (time.y + time.height / 2))).toBeLessThan(6);
    const target = await counted.evaluate((button) => {
      const after = button.ownerDocument.defaultView!.getComputedStyle(button, '::after');
      return [Number.parseFloat(after.width), Number.parseFloat(after.height)];
    });
    expect(Math.min(...target)).toBeGreaterThanOrEqual(44);

    // A parent's message, once the chat is opened again, says whose mother she is.
    await page.reload();
    const thanks = messageWith(page, 'Спасибо, Артём будет.');
    expect(await thanks.getByTestId('author-context').textContent()).toBe(` · ${MARIA}`);
    await screenshot(page, 'phone-reads-compact');

    await notice.getByRole('button', { name: 'Прочитали 1 из 3' }).click();
    const reads = page.getByRole('dialog', { name: 'Кто прочитал' });
    await reads.getByTestId('have-read').waitFor();
    expect(await reads.getByTestId('have-read').locator('.reads__context').allTextContents()).toEqual([
      MARIA,
    ]);
    expect(await reads.getByTestId('not-read').locator('.reads__context').allTextContents()).toEqual([
      'папа Алии П., 5А',
      'мама Тимура С., 5А',
    ]);
    await screenshot(page, 'phone-reads-details');

    await reads.getByRole('button', { name: 'Напомнить' }).click();
    await reads.waitFor({ state: 'detached' });
    const reminder = messageWith(page, 'Напоминаю: прочитайте, пожалуйста, это сообщение.');
    await reminder.waitFor();
    expect(await reminder.locator('.mention').allTextContents()).toEqual([
      '@Петров Олег Иванович',
      '@Сабирова Гузель Ринатовна',
    ]);
    await reminder
      .getByRole('button', { name: /^Перейти к исходному сообщению: .*Завтра экскурсия/ })
      .waitFor();
    await checkA11y(page, 'напоминание отправлено');
    await screenshot(page, 'phone-reminder-sent');
    expect(errors).toEqual([]);
  });
});
