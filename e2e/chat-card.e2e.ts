import { randomUUID } from 'node:crypto';
import type { TChatList, TPersonSummary } from '@parta/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { logIn, phone, screenshot } from './support/browser.js';
import { messageWith, type ParentsClass, seedParentsClass } from './support/messaging.js';
import { useStage } from './support/stage.js';

/** The chat's card (#14): who is in it, search in it, «Без звука», «Покинуть чат». */
const stage = useStage();
let school: ParentsClass;
const TRIP = 'Поездка в Казань';

beforeAll(async () => {
  school = await seedParentsClass(stage.server.url);
  const people = (await school.teacherClient.get<{ people: TPersonSummary[] }>('/api/people')).people;
  const parents = people.filter((person) =>
    school.parents.some((parent) => parent.fullName === person.fullName),
  );
  const trip = await school.teacherClient.post<{ id: number }>('/api/chats', {
    title: TRIP,
    memberIds: parents.map((parent) => parent.id),
  });
  const bus = await school.teacherClient.post<{ id: number }>(`/api/chats/${trip.id}/messages`, {
    clientId: randomUUID(),
    body: 'Автобус на экскурсию отходит в 8:00 от школы',
  });
  await school.teacherClient.post(`/api/chats/${trip.id}/messages/${bus.id}/reactions`, {
    emoji: '👍',
    on: true,
  });
  await school.teacherClient.post(`/api/chats/${school.chat.id}/messages`, {
    clientId: randomUUID(),
    body: 'Экскурсия для 5А переносится',
  });
});

describe('a chat’s card', () => {
  it('shows who is in the chat, searches in it, mutes it and lets a parent leave it', async () => {
    const parent = school.parents[0]!;
    const { page } = await stage.open(phone);
    await logIn(page, parent.login, parent.password);
    const row = page.getByRole('link', { name: new RegExp(TRIP) });
    await row.click();
    const bus = messageWith(page, 'Автобус на экскурсию');
    await bus.waitFor();
    // A finger's 44 px (#14.5): the message's «⋯» and its reaction chips.
    for (const target of [
      bus.getByRole('button', { name: /^Меню сообщения/ }),
      bus.getByRole('button', { name: /👍/ }),
    ]) {
      const box = (await target.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    }

    await page.getByRole('button', { name: TRIP }).click();
    const card = page.getByRole('dialog', { name: TRIP });
    await card.getByText('Галиева Алсу Ринатовна').waitFor();
    await card.getByText('ведущий').waitFor();
    await checkA11y(page, 'карточка чата');
    await screenshot(page, 'phone-chat-card');

    // «Без звука»: the unread count in the list goes quiet.
    await card.getByRole('switch', { name: /Без звука/ }).click();
    await expect.poll(() => card.getByRole('switch', { name: /Без звука/ }).isChecked()).toBe(true);

    // Search in this chat only: the class chat's «Экскурсия» is not found here.
    await card.getByRole('link', { name: 'Искать в этом чате' }).click();
    await page.getByRole('heading', { name: `Поиск в чате «${TRIP}»` }).waitFor();
    await page.getByLabel('Что найти').fill('экскурсия');
    await page.getByText('Автобус на').waitFor();
    expect(await page.getByText('переносится').count()).toBe(0);
    await checkA11y(page, 'поиск в чате');

    await page.goto('/');
    await school.teacherClient.post(`/api/chats/${await chatId(TRIP)}/messages`, {
      clientId: randomUUID(),
      body: 'Не забудьте сменную обувь',
    });
    const badge = row.getByTestId('unread-badge');
    await badge.waitFor();
    expect(await badge.getAttribute('class')).toContain('badge--muted');
    await row.getByText('без звука').waitFor();

    // Leaving: asked once, then the chat is gone from the list.
    await row.click();
    await page.getByRole('button', { name: TRIP }).click();
    await page.getByRole('dialog', { name: TRIP }).getByRole('button', { name: 'Покинуть чат' }).click();
    const confirm = page.getByRole('dialog', { name: 'Покинуть чат?' });
    await checkA11y(page, 'покинуть чат?');
    await confirm.getByRole('button', { name: 'Покинуть чат' }).click();
    await page.getByRole('link', { name: /5А — родители/ }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: new RegExp(TRIP) }).count()).toBe(0);

    // The class chat follows the school: its card offers no way out.
    await page.getByRole('link', { name: /5А — родители/ }).click();
    await page.getByRole('button', { name: '5А — родители' }).click();
    const classCard = page.getByRole('dialog', { name: '5А — родители' });
    await classCard.getByRole('switch', { name: /Без звука/ }).waitFor();
    expect(await classCard.getByRole('button', { name: 'Покинуть чат' }).count()).toBe(0);
  });
});

async function chatId(title: string): Promise<number> {
  const list = await school.teacherClient.get<TChatList>('/api/chats');
  return list.chats.find((chat) => chat.title === title)!.id;
}
