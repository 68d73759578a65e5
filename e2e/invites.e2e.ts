import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { desktop, logIn, messageTexts, phone, screenshot } from './support/browser.js';
import {
  type ClassSchool,
  inviteParentsOnClassCard,
  requestToJoin,
  seedClassSchool,
} from './support/invites.js';
import { useStage } from './support/stage.js';

let school: ClassSchool;
const stage = useStage();
const open = stage.open;

beforeAll(async () => {
  school = await seedClassSchool(stage.server.url);
});

/** The count on «Заявки» in the places bar ('' when there is none). */
async function badge(page: Page): Promise<string> {
  const count = page.getByTestId('place-joins').locator('.places__count');
  return (await count.count()) === 0 ? '' : ((await count.textContent()) ?? '');
}

describe('inviting the parents of a class', () => {
  it('takes a parent from the printed slip to the class chat, reviewed live by the class teacher', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { page: teacher, errors: teacherErrors } = await open(desktop);
    await logIn(teacher, school.teacher.login, school.teacher.password);

    // «Заявки» is a place of its own for a class teacher, empty for now and saying what fills it.
    await teacher.getByRole('link', { name: 'Заявки' }).click();
    await teacher.getByText('Здесь появятся заявки родителей. Пригласите класс').waitFor();
    expect(await badge(teacher)).toBe('');

    // The class card: «Пригласить родителей 3А»; the link is shown once, with its QR code.
    const url = await inviteParentsOnClassCard(teacher);
    expect(url).toMatch(new RegExp(`^${stage.server.url}/join/[\\w-]{20,}$`));
    await teacher.getByTestId('created-invite').getByTestId('qr').waitFor();
    const code = (await teacher.getByTestId('created-code').textContent()) ?? '';
    expect(code).toMatch(/^[ACEHKMPTXY34679]{3}-[ACEHKMPTXY34679]{3}-[ACEHKMPTXY34679]{3}$/);

    // «Распечатать для собрания»: one slip per student, each with the QR code, the page and the code to type.
    await teacher.getByRole('link', { name: 'Распечатать для собрания' }).click();
    await teacher.getByRole('heading', { name: 'Листки для собрания', level: 1 }).waitFor();
    const slips = teacher.getByTestId('slip');
    await expect.poll(() => slips.count()).toBe(school.students.length);
    const host = new URL(url).host;
    for (let index = 0; index < school.students.length; index += 1) {
      const slip = slips.nth(index);
      expect(await slip.locator('svg[data-testid="qr"] path').count()).toBe(1);
      expect(await slip.getByTestId('slip-code').textContent()).toBe(code);
      expect(await slip.textContent()).toContain(
        `Наведите камеру телефона на QR-код или откройте ${host}/join и наберите код:`,
      );
      expect(await slip.textContent()).toContain('Дождитесь, когда классный руководитель одобрит заявку.');
    }
    await teacher.getByText('В 3А 3 ученика — по листку на семью.').waitFor();
    await screenshot(teacher, 'desktop-print-slips');
    await teacher.emulateMedia({ media: 'print' });
    await screenshot(teacher, 'desktop-print-paper');
    await teacher.emulateMedia({ media: 'screen' });
    await teacher.setViewportSize(phone);
    await screenshot(teacher, 'phone-print-slips');
    await teacher.setViewportSize(desktop);

    // Back on the class card, the link is still there; then the empty queue, marked as this page load.
    await teacher.getByRole('link', { name: 'Назад' }).click();
    await teacher.getByTestId('created-invite').waitFor();
    await teacher.getByRole('link', { name: 'Заявки' }).click();
    await teacher.getByRole('heading', { name: 'Заявки', level: 1 }).waitFor();
    await teacher.evaluate('window.partaSamePage = true');

    // A parent opens the link on an old phone: the school, the class, one form.
    const { page: parent, errors: parentErrors } = await open(phone);
    await parent.goto(url);
    await parent.getByRole('heading', { name: 'Родители 3А класса', level: 1 }).waitFor();
    await parent.getByText('Гимназия № 5 г. Казани').waitFor();
    const children = await parent.locator('.choice').allInnerTexts();
    expect(children).toEqual(['Алия И.', 'Михаил П.', 'Тимур С.']);
    await screenshot(parent, 'phone-join');
    const started = Date.now();
    await parent.getByRole('radio', { name: 'Михаил П.' }).check();
    await parent.getByLabel('Фамилия, имя и отчество').fill('Петрова Анна Сергеевна');
    expect(await parent.getByLabel('Логин').inputValue()).toBe('petrova.as');
    await parent.getByLabel('Пароль', { exact: true }).fill('родитель-пароль-3');
    await parent.getByLabel('Телефон или e-mail').fill('+7 900 123-45-67');
    await parent
      .getByRole('checkbox', {
        name: 'Принимаю правила школы и даю согласие на обработку персональных данных',
      })
      .check();
    await screenshot(parent, 'phone-join-filled');
    await parent.getByRole('button', { name: 'Отправить заявку' }).click();
    await parent.getByRole('heading', { name: 'Заявка отправлена' }).waitFor();
    expect(Date.now() - started).toBeLessThan(60_000);
    await parent.getByText('Классный руководитель 3А рассмотрит её').waitFor();
    expect(new URL(parent.url()).pathname).toBe('/joins/mine');
    await screenshot(parent, 'phone-join-sent');
    await parent.evaluate('window.partaSamePage = true');

    // The teacher's queue fills by itself: the count on «Заявки» and the request.
    await expect.poll(() => badge(teacher)).toBe('1');
    const request = teacher.getByTestId('join-request');
    await request.getByText('Петрова Анна Сергеевна').waitFor();
    const facts = (await request.textContent()) ?? '';
    expect(facts).toContain('ребёнок: Петров Михаил Андреевич');
    expect(facts).toContain('3А');
    expect(facts).toMatch(/по приглашению · сегодня в \d\d:\d\d/);
    expect(await teacher.evaluate('window.partaSamePage')).toBe(true);
    await screenshot(teacher, 'desktop-joins-queue');
    await teacher.setViewportSize(phone);
    await screenshot(teacher, 'phone-joins-queue');
    await teacher.setViewportSize(desktop);

    // «Одобрить»: the request leaves the queue, the count goes.
    await teacher.getByRole('button', { name: 'Одобрить заявку: Петрова Анна Сергеевна' }).click();
    await teacher.getByText('Заявка одобрена: Петрова Анна Сергеевна').waitFor();
    await expect.poll(() => badge(teacher)).toBe('');
    await teacher.getByText('Здесь появятся заявки родителей').waitFor();

    // The parent's page changes by itself; the class chat is there with what was written before.
    await parent.getByRole('heading', { name: 'Вас приняли' }).waitFor();
    expect(await parent.evaluate('window.partaSamePage')).toBe(true);
    await parent.getByRole('link', { name: 'Перейти к чатам' }).click();
    await parent.getByRole('link', { name: /3А — родители/ }).click();
    await expect.poll(() => messageTexts(parent)).toEqual([school.earlierMessage]);

    expect(teacherErrors).toEqual([]);
    expect(parentErrors).toEqual([]);
  });

  it('shows a declined applicant the reason live, and a cancelled link says so in Russian', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { page: teacher, errors: teacherErrors } = await open(desktop);
    await logIn(teacher, school.teacher.login, school.teacher.password);
    const url = await inviteParentsOnClassCard(teacher);

    const { page: applicant, errors: applicantErrors } = await open(phone);
    await requestToJoin(applicant, url, {
      fullName: 'Иванов Марат Ринатович',
      child: 'Алия И.',
      password: 'applicant-password-4',
    });

    // «Отклонить» needs a reason; the applicant reads it on their page, without reloading.
    await teacher.getByRole('link', { name: 'Заявки' }).click();
    await teacher.getByRole('button', { name: 'Отклонить заявку: Иванов Марат Ринатович' }).click();
    const reject = teacher.getByRole('dialog', { name: 'Отклонить заявку' });
    expect(await reject.getByRole('button', { name: 'Отклонить заявку' }).isDisabled()).toBe(true);
    await reject.getByRole('button', { name: 'Ребёнок учится в другом классе' }).click();
    await reject.getByRole('button', { name: 'Отклонить заявку' }).click();
    await teacher.getByText('Заявка отклонена: Иванов Марат Ринатович.').waitFor();
    await applicant.getByRole('heading', { name: 'Заявку отклонили' }).waitFor();
    await applicant.getByText('Причина: Ребёнок учится в другом классе').waitFor();
    await screenshot(applicant, 'phone-join-rejected');

    // «Приглашения»: a new link, then «Отменить» it; whoever opens it is told it was cancelled.
    await teacher.getByRole('link', { name: 'Мой класс' }).click();
    await teacher.getByRole('link', { name: 'Все приглашения' }).click();
    await teacher.getByRole('heading', { name: 'Приглашения', level: 1 }).waitFor();
    await teacher.getByRole('button', { name: 'Пригласить родителей 3А' }).first().click();
    await teacher
      .getByRole('dialog', { name: 'Пригласить родителей 3А' })
      .getByRole('button', { name: 'Создать ссылку' })
      .click();
    // The card at the top now holds the new link instead of the one made on the class card.
    const shown = teacher.getByTestId('created-invite').getByLabel('Ссылка-приглашение');
    await expect.poll(() => shown.inputValue()).not.toBe(url);
    const cancelled = await shown.inputValue();
    const newest = teacher.getByTestId('invite-row').first();
    await newest.getByText('ещё не использовано').waitFor();
    await newest.getByRole('button', { name: 'Отменить приглашение: Родители 3А' }).click();
    await teacher
      .getByRole('dialog', { name: 'Отменить приглашение?' })
      .getByRole('button', { name: 'Отменить приглашение' })
      .click();
    await teacher.getByText('Истёкшие и отменённые').click();
    await teacher.getByText('отменено', { exact: true }).first().waitFor();

    const { page: late, errors: lateErrors } = await open(phone);
    await late.goto(cancelled);
    await late.getByRole('heading', { name: 'Приглашение отменено', level: 1 }).waitFor();
    await late.getByText('Эту ссылку-приглашение отменили.').waitFor();
    await late.getByRole('link', { name: 'Подать заявку по коду школы' }).waitFor();
    await screenshot(late, 'phone-join-revoked');

    // «Аннулировать неиспользованные»: the class's unused links go at once, with a count.
    for (let made = 0; made < 2; made += 1) {
      await school.teacherClient.post('/api/invites', { role: 'parent', classId: school.classId });
    }
    await teacher.reload();
    await teacher.getByRole('button', { name: 'Аннулировать неиспользованные' }).click();
    const annul = teacher.getByRole('dialog', { name: 'Аннулировать неиспользованные приглашения' });
    await annul.getByText('Все ссылки класса 3А').waitFor();
    await annul.getByRole('button', { name: 'Аннулировать' }).click();
    await annul.getByText('Отменено приглашений: 2').waitFor();
    await annul.getByRole('button', { name: 'Готово' }).click();
    await screenshot(teacher, 'desktop-invites');

    expect(teacherErrors).toEqual([]);
    expect(applicantErrors).toEqual([]);
    expect(lateErrors).toEqual([]);
  });
});
