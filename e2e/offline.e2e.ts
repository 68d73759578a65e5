import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { seedSchool } from './support/api.js';
import { desktop, logIn as logInOnPage, messageTexts, phone, screenshot } from './support/browser.js';
import { submitMessage } from './support/messaging.js';
import { useStage } from './support/stage.js';

const OFFLINE = 'Нет соединения — сообщения отправятся, когда связь вернётся';
const RESTORED = 'Соединение восстановлено';

const stage = useStage();

async function logIn(
  viewport: { width: number; height: number },
  login: string,
  password: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const { context, page, errors } = await stage.open(viewport);
  await logInOnPage(page, login, password);
  return { context, page, errors };
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Сообщение').fill(text);
  await submitMessage(page);
}

describe('a connection that drops and comes back', () => {
  it('delivers what was missed and what was written offline, each exactly once and in order', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { admin, teacher, chat } = await seedSchool(stage.server.url, '5А — родители');
    const a = await logIn(desktop, admin.login, admin.password);
    const b = await logIn(phone, teacher.login, teacher.password);
    for (const side of [a, b]) {
      await side.page.getByRole('link', { name: /5А — родители/ }).click();
      await side.page.getByRole('heading', { name: chat.title, level: 1 }).waitFor();
    }
    await send(a.page, 'Добрый вечер.');
    await expect.poll(() => messageTexts(b.page)).toEqual(['Добрый вечер.']);

    // The teacher's phone loses the network.
    await b.context.setOffline(true);
    await b.page.getByText(OFFLINE).waitFor();
    await screenshot(b.page, 'phone-offline');

    // Written offline: shown at once, with the clock, until the server has it.
    await send(b.page, 'Я в дороге, отвечу позже.');
    await b.page.locator('[data-state="pending"]').getByText('Я в дороге, отвечу позже.').waitFor();

    for (const text of ['Собрание переносится на четверг.', 'Начало в 18:30.', 'Кабинет 214.'])
      await send(a.page, text);
    await expect
      .poll(() => messageTexts(a.page))
      .toEqual(['Добрый вечер.', 'Собрание переносится на четверг.', 'Начало в 18:30.', 'Кабинет 214.']);
    // The three are stored (no clock left on the sender's side) before the phone comes back.
    await expect.poll(() => a.page.locator('[data-state="pending"]').count()).toBe(0);
    // Nothing reached the offline phone: its stream was dropped, not left half-open.
    expect(await messageTexts(b.page)).toEqual(['Добрый вечер.', 'Я в дороге, отвечу позже.']);
    await screenshot(b.page, 'phone-offline-pending');

    // Back online: the bar says so, the missed messages arrive once, the pending one is delivered once.
    await b.context.setOffline(false);
    await b.page.getByText(RESTORED).waitFor();
    const expected = [
      'Добрый вечер.',
      'Собрание переносится на четверг.',
      'Начало в 18:30.',
      'Кабинет 214.',
      'Я в дороге, отвечу позже.',
    ];
    await expect.poll(() => messageTexts(b.page)).toEqual(expected);
    await expect.poll(() => b.page.locator('[data-state="pending"]').count()).toBe(0);
    await expect.poll(() => messageTexts(a.page)).toEqual(expected);
    expect(await b.page.getByText(OFFLINE).count()).toBe(0);

    // Still exactly once after a fresh load from the server.
    await b.page.reload();
    await expect.poll(() => messageTexts(b.page)).toEqual(expected);

    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
