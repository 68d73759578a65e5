import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { ApiClient } from './support/api.js';
import { logIn, phone, screenshot } from './support/browser.js';
import { messageWith, openMenu, type ParentsClass, seedParentsClass, send } from './support/messaging.js';
import { useStage } from './support/stage.js';

/**
 * Sending from the middle of a long chat (#14.1): one's own message always
 * comes into view, and while one reads further up, new messages gather under
 * a «↓» button with their count instead of pulling the list down.
 */
const stage = useStage({ args: ['--limit-posts', '500:500'] });
let school: ParentsClass;
let maria: ApiClient;
const CHAT = '5А — родители';

async function post(client: ApiClient, chatId: number, body: string) {
  await client.post(`/api/chats/${chatId}/messages`, { clientId: randomUUID(), body });
}

/** Whether the element is on screen, wholly or in part, inside the viewport. */
async function onScreen(page: Page, element: Locator): Promise<boolean> {
  if ((await element.count()) === 0) return false; // virtualised away
  const box = await element.boundingBox();
  const viewport = page.viewportSize()!;
  return box !== null && box.y + box.height > 0 && box.y < viewport.height && box.height > 0;
}

async function scrollToTop(page: Page) {
  const list = page.getByTestId('message-list');
  await list.hover();
  for (let i = 0; i < 12; i += 1) await page.mouse.wheel(0, -4000);
  await page.getByText('Начало переписки').waitFor();
}

beforeAll(async () => {
  school = await seedParentsClass(stage.server.url);
  maria = new ApiClient(stage.server.url);
  await maria.post('/api/auth/login', {
    login: school.parents[0]!.login,
    password: school.parents[0]!.password,
  });
  for (let i = 1; i <= 80; i += 1) {
    await post(i % 2 ? maria : school.teacherClient, school.chat.id, `Сообщение номер ${i} о сменной обуви`);
  }
});

describe('a long chat read from the middle', () => {
  it('shows one’s own message when sending while scrolled up, online and offline', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { context, page } = await stage.open(phone);
    await logIn(page, school.teacher.login, school.teacher.password);
    await page.getByRole('link', { name: new RegExp(CHAT) }).click();
    await messageWith(page, 'Сообщение номер 80 ').waitFor();

    // A reply to a message far up, written where that message is. (Playwright trims the text it
    // looks for: «Сообщение номер 1 » would also find 10–19 when the list draws that far.)
    await scrollToTop(page);
    const first = messageWith(page, 'Сообщение номер 1 о сменной');
    const menu = await openMenu(page, first);
    await menu.getByRole('button', { name: 'Ответить' }).click();
    await send(page, 'Отвечаю из середины чата');
    const own = messageWith(page, 'Отвечаю из середины чата');
    await own.waitFor();
    await expect.poll(() => onScreen(page, own)).toBe(true);
    await expect.poll(() => onScreen(page, messageWith(page, 'Сообщение номер 1 о сменной'))).toBe(false);

    // Offline: the «Отправляется» bubble is what must be seen.
    await scrollToTop(page);
    await context.setOffline(true);
    await send(page, 'Пишу без связи');
    const waiting = page
      .locator('[data-testid=message][data-state=pending]')
      .filter({ hasText: 'Пишу без связи' });
    await expect.poll(() => onScreen(page, waiting)).toBe(true);
    await screenshot(page, 'phone-sent-offline-from-the-top');
    await context.setOffline(false);
    await messageWith(page, 'Пишу без связи').waitFor();
    await expect.poll(() => onScreen(page, messageWith(page, 'Пишу без связи'))).toBe(true);
  });

  it('on a phone, Enter makes a new line and the button sends', async () => {
    const { page } = await stage.open(phone);
    await logIn(page, school.teacher.login, school.teacher.password);
    await page.getByRole('link', { name: new RegExp(CHAT) }).click();
    const field = page.getByRole('textbox', { name: 'Сообщение' });
    await field.fill('Первая строка');
    await field.press('Enter');
    await field.pressSequentially('вторая строка');
    expect(await field.inputValue()).toBe('Первая строка\nвторая строка');
    await page.getByRole('button', { name: 'Отправить' }).click();
    const sent = messageWith(page, 'вторая строка');
    await sent.waitFor();
    // two lines, as written
    expect(await sent.getByTestId('message-body').locator('br').count()).toBe(1);
    expect(await sent.getByTestId('message-body').textContent()).toBe('Первая строкавторая строка');
    expect(await field.inputValue()).toBe('');
  });

  it('gathers new messages under «↓» with their count while the reader is scrolled up', async () => {
    const { page } = await stage.open(phone);
    await logIn(page, school.teacher.login, school.teacher.password);
    await page.getByRole('link', { name: new RegExp(CHAT) }).click();
    await messageWith(page, 'Пишу без связи').waitFor();
    await scrollToTop(page);

    for (const text of ['Новое про экскурсию', 'Ещё про экскурсию', 'И про автобус']) {
      await post(maria, school.chat.id, text);
    }
    const down = page.getByRole('button', { name: /^К новым сообщениям/ });
    await down.filter({ hasText: '3' }).waitFor();
    expect(await onScreen(page, messageWith(page, 'Сообщение номер 1 о сменной'))).toBe(true);
    await checkA11y(page, 'кнопка к новым сообщениям');
    await screenshot(page, 'phone-new-below');
    const box = await down.boundingBox();
    expect(Math.min(box!.width, box!.height)).toBeGreaterThanOrEqual(44);

    await down.click();
    await expect.poll(() => onScreen(page, messageWith(page, 'И про автобус'))).toBe(true);
    await down.waitFor({ state: 'detached' });
  });
});
