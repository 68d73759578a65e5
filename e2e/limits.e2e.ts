import type { TMessagePage } from '@parta/protocol';
import { expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { desktop, logIn } from './support/browser.js';
import { messageWith, seedParentsClass, send } from './support/messaging.js';
import { useStage } from './support/stage.js';

/** Posting is limited per account: here two at once, then one every 10 s. */
const stage = useStage({ args: ['--limit-posts', '2:6'] });
const CHAT = '5А — родители';

it('tells a teacher who posts too fast to wait, in Russian, and sends the message once allowed', async () => {
  onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
  const school = await seedParentsClass(stage.server.url);
  const { page, errors } = await stage.open(desktop);
  await logIn(page, school.teacher.login, school.teacher.password);
  await page.getByRole('link', { name: new RegExp(CHAT) }).click();
  await page.getByRole('heading', { name: CHAT, level: 1 }).waitFor();

  for (const text of ['Первое', 'Второе', 'Третье']) await send(page, text);
  const held = page.getByTestId('message-held');
  await held.waitFor();
  await checkA11y(page, 'слишком много действий');
  expect(await held.textContent()).toMatch(/^Слишком много действий подряд\. Повторите через \d+ с\.$/);
  expect(await messageWith(page, 'Третье').getAttribute('data-state')).toBe('pending');

  // When the server allows it, the message goes by itself, once.
  await held.waitFor({ state: 'detached', timeout: 30_000 });
  await page.locator('[data-state="sent"]', { hasText: 'Третье' }).waitFor();
  await checkA11y(page, 'отправлено после ожидания');
  const stored = await school.teacherClient.get<TMessagePage>(`/api/chats/${school.chat.id}/messages`);
  expect(stored.messages.map((message) => message.body)).toEqual(['Первое', 'Второе', 'Третье']);
  expect(errors).toEqual([]);
});
