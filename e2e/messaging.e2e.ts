import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { desktop, logIn, phone, screenshot } from './support/browser.js';
import {
  messageWith,
  openMenu,
  type ParentsClass,
  type Person,
  seedParentsClass,
  send,
  submitMessage,
} from './support/messaging.js';
import { useStage } from './support/stage.js';

const stage = useStage();
let school: ParentsClass;
const CHAT = '5А — родители';
const NOTICE =
  'Уважаемые родители! **Родительское собрание** в четверг в 18:30, кабинет 214.\n' +
  'Повестка: https://school.example.ru/agenda';

/** Logs in on a new device and opens «5А — родители»; the page is marked so a reload would show. */
async function openChat(viewport: { width: number; height: number }, person: Person) {
  const side = await stage.open(viewport);
  await logIn(side.page, person.login, person.password);
  await side.page.getByRole('link', { name: new RegExp(CHAT) }).click();
  await side.page.getByRole('heading', { name: CHAT, level: 1 }).waitFor();
  await side.page.evaluate('window.partaSamePage = true');
  return side;
}

const samePage = (page: Page) => page.evaluate('window.partaSamePage');

beforeAll(async () => {
  school = await seedParentsClass(stage.server.url);
});

describe('a class teacher’s notice in «5А — родители»', () => {
  it('shows who has read it, and replies, reactions, the edit and the pin live; search finds it', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const [maria, oleg, guzel] = school.parents as [Person, Person, Person];
    expect(school.chat.memberCount).toBe(4);

    // The class teacher posts the notice: bold, a line break and a safe link.
    const teacher = await openChat(desktop, school.teacher);
    const t = teacher.page;
    await send(t, NOTICE);
    const notice = messageWith(t, 'Родительское собрание');
    await notice.getByRole('button', { name: 'Прочитали 0 из 3' }).waitFor();
    expect(await notice.locator('strong').textContent()).toBe('Родительское собрание');
    const link = notice.getByRole('link', { name: 'https://school.example.ru/agenda' });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc');
    expect(await link.getAttribute('target')).toBe('_blank');

    // Two of the three parents open it on their phones; the count under the notice follows live.
    const mariaSide = await stage.open(phone);
    const m = mariaSide.page;
    await logIn(m, maria.login, maria.password);
    await m
      .getByRole('link', { name: new RegExp(CHAT) })
      .getByTestId('unread-badge')
      .waitFor();
    await screenshot(m, 'phone-chats-unread');
    await m.getByRole('link', { name: new RegExp(CHAT) }).click();
    await m.evaluate('window.partaSamePage = true');
    await m.getByTestId('unread-divider').waitFor();
    await messageWith(m, 'Родительское собрание').waitFor();
    await notice.getByRole('button', { name: 'Прочитали 1 из 3' }).waitFor();
    await screenshot(m, 'phone-notice-new');

    const olegSide = await openChat(phone, oleg);
    const o = olegSide.page;
    await messageWith(o, 'Родительское собрание').waitFor();
    await notice.getByRole('button', { name: 'Прочитали 2 из 3' }).waitFor();
    await screenshot(t, 'desktop-notice-read-2-of-3');

    // One tap: who has not read it yet.
    await notice.getByTestId('read-receipt').click();
    const reads = t.getByRole('dialog', { name: 'Кто прочитал' });
    await reads.getByTestId('reads-count').filter({ hasText: 'Прочитали 2 из 3' }).waitFor();
    // …each parent with their child and class, for the teacher.
    const notRead = reads.getByTestId('not-read');
    expect(await notRead.locator('.reads__name').allTextContents()).toEqual([guzel.fullName]);
    expect(await notRead.locator('.reads__context').allTextContents()).toEqual(['мама Тимура С., 5А']);
    const haveRead = reads.getByTestId('have-read');
    expect(await haveRead.locator('.reads__context').allTextContents()).toEqual([
      'мама Артёма И., 5А',
      'папа Алии П., 5А',
    ]);
    await screenshot(t, 'desktop-who-has-not-read');
    await reads.getByRole('button', { name: 'Закрыть' }).click();

    // A parent answers with a quote; the teacher sees her typing, then the reply under the quote.
    const menu = await openMenu(m, messageWith(m, 'Родительское собрание'));
    await screenshot(m, 'phone-message-menu');
    await menu.getByRole('button', { name: 'Ответить' }).click();
    await m
      .getByTestId('composer-banner')
      .getByText(/Родительское собрание/)
      .waitFor();
    await m.getByRole('textbox', { name: 'Сообщение' }).pressSequentially('Спасибо, буду.');
    await t.getByTestId('typing').filter({ hasText: 'Мария Иванова печатает…' }).waitFor();
    await screenshot(m, 'phone-reply-composer');
    await submitMessage(m);
    const reply = messageWith(t, 'Спасибо, буду.');
    const quote = reply.getByRole('button', { name: /^Перейти к исходному сообщению: .+Уважаемые родители/ });
    await quote.click();
    await t.locator('.message--flash').filter({ hasText: 'Родительское собрание' }).waitFor();
    await expect.poll(() => t.getByTestId('typing').count()).toBe(0);

    // Under her own reply a parent sees how many have read it, live (Oleg's phone is on it), and never who.
    const ownReply = messageWith(m, 'Спасибо, буду.');
    await ownReply.getByRole('button', { name: /^Прочитали [123] из 3$/ }).waitFor();
    await ownReply.getByTestId('read-receipt').click();
    const parentReads = m.getByRole('dialog', { name: 'Кто прочитал' });
    await parentReads
      .getByTestId('reads-count')
      .filter({ hasText: /^Прочитали [123] из 3$/ })
      .waitFor();
    expect(await parentReads.getByTestId('not-read').count()).toBe(0);
    await checkA11y(m, 'кто прочитал мой ответ');
    await parentReads.getByRole('button', { name: 'Закрыть' }).click();

    // …and reacts with 👍: counted for everyone, highlighted as hers on her phone.
    const reactMenu = await openMenu(m, messageWith(m, 'Родительское собрание'));
    await reactMenu.getByRole('button', { name: 'Нравится' }).click();
    await notice.getByRole('button', { name: '👍 — 1' }).waitFor();
    await messageWith(o, 'Родительское собрание').getByRole('button', { name: '👍 — 1' }).waitFor();
    const mine = messageWith(m, 'Родительское собрание').getByRole('button', { name: '👍 — 1' });
    expect(await mine.getAttribute('aria-pressed')).toBe('true');
    await screenshot(t, 'desktop-reply-and-reaction');

    // The teacher edits the notice («изменено») and pins it; both parents' phones follow live.
    const editMenu = await openMenu(t, notice);
    await editMenu.getByRole('button', { name: 'Изменить' }).click();
    const editing = t.getByRole('textbox', { name: 'Изменить сообщение' });
    expect(await editing.inputValue()).toBe(NOTICE);
    await editing.fill(NOTICE.replace('18:30', '19:00'));
    await submitMessage(t, editing);
    for (const page of [m, o]) {
      await messageWith(page, 'в четверг в 19:00').getByTestId('edited').waitFor();
    }
    // The quote in the reply follows the edit too.
    await messageWith(o, 'Спасибо, буду.')
      .getByRole('button', { name: /в 19:00/ })
      .waitFor();
    const pinMenu = await openMenu(t, notice);
    await pinMenu.getByRole('button', { name: 'Закрепить' }).click();
    for (const page of [m, o, t]) {
      await page
        .getByTestId('pinned-bar')
        .getByText(/Родительское собрание в четверг в 19:00/)
        .waitFor();
    }
    await screenshot(o, 'phone-pinned-edited');
    await screenshot(t, 'desktop-pinned-edited');
    for (const page of [m, o, t]) expect(await samePage(page)).toBe(true);
    await t.getByRole('link', { name: 'Поиск по сообщениям' }).click();
    await t.getByRole('searchbox', { name: 'Что найти' }).fill('собрания');
    await t.getByTestId('search-hit').first().waitFor();
    await screenshot(t, 'desktop-search');

    // Search finds the notice by another form of the word: «собрания» → «собрание».
    await o.getByRole('link', { name: 'Назад к чатам' }).click();
    await o.getByRole('link', { name: 'Поиск по сообщениям' }).click();
    await o.getByRole('searchbox', { name: 'Что найти' }).fill('собрания');
    const hit = o.getByTestId('search-hit').first();
    await hit.waitFor();
    expect(await hit.textContent()).toContain(CHAT);
    expect(await hit.locator('mark').first().textContent()).toMatch(/^собрани/i);
    await screenshot(o, 'phone-search');
    await hit.click();
    await o.getByRole('heading', { name: CHAT, level: 1 }).waitFor();
    await o.locator('.message--flash').filter({ hasText: 'Родительское собрание' }).waitFor();

    for (const side of [teacher, mariaSide, olegSide]) {
      expect(side.errors).toEqual([]);
      // Gone from here on: the next scenarios count on no open tab reading for these people.
      await side.context.close();
    }
  });

  it('runs an announcement channel, direct chats, forwarding, deletion with history and the length limit', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const [maria, oleg] = school.parents as [Person, Person, Person];

    // The admin lets parents write to each other directly («Школа → Настройки»).
    const admin = await stage.open(desktop);
    await logIn(admin.page, school.admin.login, school.admin.password);
    await admin.page.goto('/school/settings');
    const parentsSwitch = admin.page.getByRole('switch', { name: /Личные сообщения между родителями/ });
    expect(await parentsSwitch.isChecked()).toBe(false);
    expect(await admin.page.getByRole('switch', { name: /между учениками/ }).isChecked()).toBe(false);
    await parentsSwitch.check();
    await admin.page.getByText('Сохранено.').waitFor();
    await screenshot(admin.page, 'desktop-school-direct-settings');

    // A parent starts a direct chat with another parent from «Написать лично».
    const mariaSide = await stage.open(phone);
    const m = mariaSide.page;
    await logIn(m, maria.login, maria.password);
    await m.getByRole('button', { name: 'Написать лично' }).click();
    const direct = m.getByRole('dialog', { name: 'Написать лично' });
    await direct.getByRole('button', { name: new RegExp(school.teacher.fullName) }).waitFor();
    await direct.getByLabel('Найти по имени').fill('Петр');
    await direct.getByRole('button', { name: /Петров Олег Иванович/ }).waitFor();
    await expect
      .poll(() => direct.getByRole('button', { name: new RegExp(school.teacher.fullName) }).count())
      .toBe(0);
    await screenshot(m, 'phone-direct-dialog');
    await direct.getByRole('button', { name: /Петров Олег Иванович/ }).click();
    await m.getByRole('heading', { name: oleg.fullName, level: 1 }).waitFor();
    await m.getByText('Личный чат').waitFor();
    await send(m, 'Добрый вечер! Вы пойдёте на собрание?');
    await messageWith(m, 'Вы пойдёте на собрание?').getByRole('button', { name: 'Не прочитано' }).waitFor();
    await screenshot(m, 'phone-direct-chat');

    // The class teacher makes an announcement channel for the three parents and mentions everyone.
    const teacher = await stage.open(desktop);
    const t = teacher.page;
    await logIn(t, school.teacher.login, school.teacher.password);
    await t.getByRole('button', { name: 'Новый чат' }).click();
    const create = t.getByRole('dialog', { name: 'Новый чат' });
    await create.getByLabel('Название').fill('5А — объявления');
    await create.getByLabel('Только для объявлений').check();
    for (const parent of school.parents) await create.getByLabel(parent.fullName).check();
    await screenshot(t, 'desktop-create-announcement');
    await create.getByRole('button', { name: 'Создать чат' }).click();
    await t.getByRole('heading', { name: '5А — объявления', level: 1 }).waitFor();
    await t.getByText(/^Канал объявлений · 4 участника$/).waitFor();
    const field = t.getByRole('textbox', { name: 'Сообщение' });
    await field.pressSequentially('@вс');
    await t.getByRole('option', { name: /@все/ }).waitFor();
    await screenshot(t, 'desktop-mention-picker');
    await field.press('Enter');
    await field.pressSequentially('завтра уроки до 12:00.');
    expect(await field.inputValue()).toBe('@все завтра уроки до 12:00.');
    await field.press('Enter');
    const announcement = messageWith(t, 'завтра уроки до 12:00');
    await announcement.getByRole('button', { name: 'Прочитали 0 из 3' }).waitFor();

    // The parent reads it (no composer: only owners post here) and answers with a reaction.
    await m.getByRole('link', { name: 'Назад к чатам' }).click();
    await m.getByRole('link', { name: /5А — объявления/ }).click();
    await m
      .getByText('Это канал объявлений: писать здесь могут только его владельцы.', { exact: false })
      .waitFor();
    expect(await m.getByRole('textbox', { name: 'Сообщение' }).count()).toBe(0);
    await m.locator('.message--mention').filter({ hasText: 'завтра уроки до 12:00' }).waitFor();
    const menu = await openMenu(m, messageWith(m, 'завтра уроки до 12:00'));
    await screenshot(m, 'phone-announcement-menu');
    await menu.getByRole('button', { name: 'Спасибо' }).click();
    await announcement.getByRole('button', { name: '🙏 — 1' }).waitFor();
    await announcement.getByRole('button', { name: 'Прочитали 1 из 3' }).waitFor();
    await screenshot(m, 'phone-announcement');

    // The teacher forwards it to «5А — родители»: the copy says whose it was.
    const forwardMenu = await openMenu(t, announcement);
    await forwardMenu.getByRole('button', { name: 'Переслать' }).click();
    const forward = t.getByRole('dialog', { name: 'Переслать сообщение' });
    await forward.getByRole('button', { name: new RegExp(CHAT) }).waitFor();
    await checkA11y(t, 'переслать сообщение');
    await forward.getByRole('button', { name: new RegExp(CHAT) }).click();
    await t.getByRole('heading', { name: CHAT, level: 1 }).waitFor();
    const copy = messageWith(t, 'завтра уроки до 12:00');
    await copy.getByText(`Переслано · автор: Алсу Галиева`).waitFor();
    await checkA11y(t, 'пересланное сообщение');

    // As the chat's moderator she deletes a parent's reply: a tombstone for all, the text in the history.
    const replyMenu = await openMenu(t, messageWith(t, 'Спасибо, буду.'));
    await replyMenu.getByRole('button', { name: 'Удалить' }).click();
    const confirm = t.getByRole('dialog', { name: 'Удалить сообщение?' });
    await confirm.waitFor();
    await checkA11y(t, 'удалить сообщение?');
    await confirm.getByRole('button', { name: 'Удалить' }).click();
    await confirm.waitFor({ state: 'detached' });
    const tombstone = t.getByTestId('message').filter({ hasText: 'Сообщение удалено' });
    await tombstone.waitFor();
    await checkA11y(t, 'сообщение удалено');
    const historyMenu = await openMenu(t, tombstone);
    await historyMenu.getByRole('button', { name: 'История изменений' }).click();
    const history = t.getByRole('dialog', { name: 'История изменений' });
    await history.getByText('Спасибо, буду.').waitFor();
    await history.getByText(/^Удалено .* · Галиева Алсу Ринатовна$/).waitFor();
    await screenshot(t, 'desktop-edit-history');
    await history.getByRole('button', { name: 'Закрыть' }).click();

    // 4 000 characters at most, said plainly before sending.
    await t.getByRole('textbox', { name: 'Сообщение' }).fill('а'.repeat(4010));
    await t.getByText('Сообщение длиннее 4000 знаков. Сократите его на 10 знаков.').waitFor();
    expect(await t.getByRole('button', { name: 'Отправить' }).isDisabled()).toBe(true);
    await screenshot(t, 'desktop-too-long');

    // The same on the class teacher's phone: the list with its tools, and who has not read the notice.
    await t.setViewportSize(phone);
    await t.getByRole('textbox', { name: 'Сообщение' }).fill('');
    await t.getByRole('link', { name: 'Назад к чатам' }).click();
    await t.getByRole('heading', { name: 'Чаты', level: 1 }).waitFor();
    await screenshot(t, 'phone-teacher-chats');
    await t.getByRole('link', { name: new RegExp(CHAT) }).click();
    await messageWith(t, 'Родительское собрание').getByTestId('read-receipt').click();
    await t.getByRole('dialog', { name: 'Кто прочитал' }).getByTestId('not-read').waitFor();
    await screenshot(t, 'phone-who-has-not-read');

    for (const side of [admin, mariaSide, teacher]) {
      expect(side.errors).toEqual([]);
      await side.context.close();
    }
  });

  it('opens a long unread stretch at its first message and marks read what is scrolled past', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const oleg = school.parents[1]!;
    for (let n = 1; n <= 60; n += 1) {
      await school.teacherClient.post(`/api/chats/${school.chat.id}/messages`, {
        clientId: randomUUID(),
        body: `Сообщение номер ${n}`,
      });
    }
    const side = await stage.open(phone);
    const o = side.page;
    await logIn(o, oleg.login, oleg.password);
    const row = o.getByRole('link', { name: new RegExp(CHAT) });
    await row.getByTestId('unread-badge').filter({ hasText: '61' }).waitFor();
    await row.click();

    // «Новые сообщения» is on screen, above the first message Oleg has not seen (two pages back).
    const divider = o.getByTestId('unread-divider');
    await divider.waitFor();
    await expect.poll(() => inView(o, divider)).toBe(true);
    const first = o.locator('.row', { has: divider }).getByTestId('message-body');
    expect(await first.textContent()).toBe('@все завтра уроки до 12:00.');
    await screenshot(o, 'phone-unread-divider');

    // Scrolling down reads the rest: the list's badge goes as the newest message comes into view.
    const last = messageWith(o, /^Сообщение номер 60$/);
    for (let turn = 0; turn < 40 && !(await inView(o, last)); turn += 1) {
      await o.mouse.move(180, 320);
      await o.mouse.wheel(0, 600);
    }
    await o.getByRole('link', { name: 'Назад к чатам' }).click();
    await expect.poll(() => row.getByTestId('unread-badge').count()).toBe(0);
    expect(side.errors).toEqual([]);
  });
});

/** Whether the element is inside the window. */
async function inView(page: Page, locator: Locator): Promise<boolean> {
  // A virtual list keeps only the rows near the view in the page.
  if ((await locator.count()) === 0) return false;
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= size.height;
}
