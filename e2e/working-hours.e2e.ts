import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { desktop, logIn, phone, screenshot } from './support/browser.js';
import { messageWith, type ParentsClass, type Person, seedParentsClass, send } from './support/messaging.js';
import { useStage } from './support/stage.js';

/**
 * Study chats keep the working hours (07:30–20:00, regulation §6.2): what a
 * parent writes in the evening waits, visibly, until the morning. The node
 * runs with a clock that only this test moves (e2e/support/clock-node.ts).
 */
const moscow = (date: string, time: string) => new Date(`${date}T${time}:00+03:00`);
/** Thursday evening, after the hours. */
const THURSDAY_EVENING = moscow('2026-12-03', '21:00');

const stage = useStage({ clock: THURSDAY_EVENING });
let school: ParentsClass;
const CHAT = '5А — родители';

async function openChat(viewport: { width: number; height: number }, person: Person) {
  const side = await stage.open(viewport);
  await logIn(side.page, person.login, person.password);
  await side.page.getByRole('link', { name: new RegExp(CHAT) }).click();
  await side.page.getByRole('heading', { name: CHAT, level: 1 }).waitFor();
  return side;
}

const waitingWith = (page: Page, text: string) =>
  page
    .getByTestId('waiting-message')
    .filter({ has: page.getByTestId('message-body').filter({ hasText: text }) });

beforeAll(async () => {
  school = await seedParentsClass(stage.server.url, { studyHours: true });
});

describe('a study chat outside the working hours', () => {
  it('holds a parent’s evening message until 07:30, editable meanwhile; the teacher gets it in the morning', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const parent = school.parents[0]!;
    const { page: p, errors } = await openChat(phone, parent);

    // Before anything is sent, the composer says when it will arrive.
    const note = p.getByTestId('hours-note');
    await note.waitFor();
    expect(await note.textContent()).toContain(
      'Сейчас нерабочее время. Сообщение будет доставлено завтра в 07:30',
    );
    // A parent may not send urgently.
    expect(await note.getByRole('button', { name: 'Отправить срочно' }).count()).toBe(0);

    await send(p, 'Добрый вечер! Завтра Артём придёт ко второму уроку.');
    const held = waitingWith(p, 'Артём придёт');
    await held.getByText('Будет доставлено завтра в 07:30').waitFor();
    expect(await p.getByTestId('message').count()).toBe(0);
    await screenshot(p, 'phone-working-hours-waiting');
    // A finger's size on the phone: the waiting message's actions and the clock beside «Отправить».
    for (const button of [
      held.getByRole('button', { name: 'Изменить' }),
      held.getByRole('button', { name: 'Перенести' }),
      held.getByRole('button', { name: 'Отменить' }),
      p.getByRole('button', { name: 'Запланировать' }),
    ]) {
      const box = (await button.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    }

    // Edited while it waits.
    await held.getByRole('button', { name: 'Изменить' }).click();
    const editing = p.getByRole('dialog', { name: 'Изменить отложенное сообщение' });
    await editing.getByLabel('Текст сообщения').fill('Добрый вечер! Завтра Артём придёт к третьему уроку.');
    await editing.getByRole('button', { name: 'Сохранить' }).click();
    await editing.waitFor({ state: 'detached' });
    await waitingWith(p, 'к третьему уроку').waitFor();
    expect(await waitingWith(p, 'ко второму уроку').count()).toBe(0);

    // Friday 07:30: the release job delivers it; the waiting bubble becomes the message.
    await stage.server.setClock(moscow('2026-12-04', '07:30'));
    await messageWith(p, 'к третьему уроку').waitFor();
    expect(await p.getByTestId('waiting-message').count()).toBe(0);

    // The class teacher opens Parta in the morning: the message, and when it was written.
    const { page: t } = await openChat(desktop, school.teacher);
    const delivered = messageWith(t, 'к третьему уроку');
    await delivered.waitFor();
    expect(await delivered.getByTestId('written-at').textContent()).toMatch(/^написано вчера в 21:0\d$/);
    expect(await t.getByTestId('hours-note').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('schedules a message for Monday, cancels another, and says so when a time is closed', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    // Friday 20:30: closed again; the next opening is Saturday (a school day here).
    await stage.server.setClock(moscow('2026-12-04', '20:30'));
    const parent = school.parents[1]!;
    const { page: p, errors } = await openChat(phone, parent);
    await p.getByTestId('hours-note').getByText('будет доставлено завтра в 07:30').waitFor();

    // Written, then thought better of: cancelled after a confirmation.
    await send(p, 'Можно перенести консультацию?');
    const second = waitingWith(p, 'консультацию');
    await second.getByText('Будет доставлено завтра в 07:30').waitFor();
    await checkA11y(p, 'чат с отложенным сообщением');
    await second.getByRole('button', { name: 'Отменить' }).click();
    const confirm = p.getByRole('dialog', { name: 'Отменить сообщение?' });
    await confirm.getByRole('button', { name: 'Отменить сообщение' }).click();
    await second.waitFor({ state: 'detached' });

    // Scheduled with the clock beside «Отправить»: a closed hour is refused in the dialog, Monday 09:00 is taken.
    await p.getByRole('textbox', { name: 'Сообщение' }).fill('Напоминаю про справку для бассейна.');
    await p.getByRole('button', { name: 'Запланировать' }).click();
    const dialog = p.getByRole('dialog', { name: 'Запланировать сообщение' });
    expect(await dialog.getByLabel('Дата').inputValue()).toBe('2026-12-05');
    expect(await dialog.getByLabel('Время').inputValue()).toBe('07:30');
    await screenshot(p, 'phone-working-hours-schedule');
    await dialog.getByLabel('Время').fill('22:00');
    await dialog.getByRole('button', { name: 'Запланировать' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toContain('Это время вне рабочих часов школы');
    await dialog.getByLabel('Дата').fill('2026-12-07');
    await dialog.getByLabel('Время').fill('09:00');
    await dialog.getByText('Сообщение придёт в понедельник в 09:00').waitFor();
    await dialog.getByRole('button', { name: 'Запланировать' }).click();
    await dialog.waitFor({ state: 'detached' });
    const scheduled = waitingWith(p, 'справку для бассейна');
    await scheduled.getByText('Запланировано на понедельник, 09:00').waitFor();
    expect(await p.getByRole('textbox', { name: 'Сообщение' }).inputValue()).toBe('');

    // Saturday 07:30 the held ones would go; the scheduled one waits for Monday 09:00.
    await stage.server.setClock(moscow('2026-12-05', '07:30'));
    await stage.server.setClock(moscow('2026-12-07', '09:00'));
    await messageWith(p, 'справку для бассейна').waitFor();
    expect(await p.getByTestId('waiting-message').count()).toBe(0);
    expect(await messageWith(p, 'консультацию').count()).toBe(0);
    // Scheduled: no «написано …» beside it.
    expect(await messageWith(p, 'справку для бассейна').getByTestId('written-at').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('follows a change of the hours live, and lets a class teacher send urgently with a reason', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    // Monday 20:30: closed.
    await stage.server.setClock(moscow('2026-12-07', '20:30'));
    const parent = school.parents[2]!;
    const { page: p, errors } = await openChat(phone, parent);
    await p.getByTestId('hours-note').getByText('будет доставлено завтра в 07:30').waitFor();

    // The administration opens at 08:00 from now on and lets class teachers send urgently: the note follows.
    await school.adminClient.post('/api/hours', { opensAt: '08:00', classTeachersUrgent: true });
    await p.getByTestId('hours-note').getByText('будет доставлено завтра в 08:00').waitFor();

    const { page: t } = await openChat(desktop, school.teacher);
    await t
      .getByRole('textbox', { name: 'Сообщение' })
      .fill('Завтра первого урока не будет, приходите ко второму.');
    await t.getByTestId('hours-note').getByRole('button', { name: 'Отправить срочно' }).click();
    const urgent = t.getByRole('dialog', { name: 'Срочное сообщение' });
    const send = urgent.getByRole('button', { name: 'Отправить срочно' });
    expect(await send.isDisabled()).toBe(true);
    await urgent.getByLabel('Причина').fill('Учитель заболел, первого урока завтра нет');
    await checkA11y(t, 'диалог «Срочное сообщение»');
    await send.click();
    await urgent.waitFor({ state: 'detached' });

    // Delivered at once, marked «срочно» for everyone.
    const own = messageWith(t, 'первого урока не будет');
    await own.getByTestId('urgent').waitFor();
    const seen = messageWith(p, 'первого урока не будет');
    await seen.getByTestId('urgent').getByText('срочно').waitFor();
    expect(await t.getByTestId('waiting-message').count()).toBe(0);
    await screenshot(p, 'phone-working-hours-urgent');
    expect(errors).toEqual([]);
  });
});
