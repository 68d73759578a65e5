import type { TWorkingHoursAnswer } from '@parta/protocol';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { desktop, logIn, phone, screenshot } from './support/browser.js';
import { type ParentsClass, seedParentsClass } from './support/messaging.js';
import { useStage } from './support/stage.js';

/*
 * Issue #16: «Рабочее время» of the study chats (regulation §6.2), set by the
 * admin in «Школа», read by a class teacher, with last week's report.
 */
const stage = useStage();
let school: ParentsClass;

beforeAll(async () => {
  school = await seedParentsClass(stage.server.url, { studyHours: true });
});

/** Nothing wider than the phone: the page scrolls down only. */
async function fitsWidth(page: Page): Promise<void> {
  const overflow =
    "(() => { const main = document.querySelector('main'); return main.scrollWidth - main.clientWidth; })()";
  expect(await page.evaluate(overflow)).toBe(0);
}

const hoursNow = () => school.adminClient.get<TWorkingHoursAnswer>('/api/hours');

/** The hours' page of «Школа», through its tab. */
async function openHours(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Школа' }).click();
  await page.getByRole('heading', { name: 'Классы', level: 1 }).waitFor();
  await page
    .getByRole('navigation', { name: 'Разделы школы' })
    .getByRole('link', { name: 'Рабочее время' })
    .click();
  await page.getByRole('heading', { name: 'Рабочее время', level: 1 }).waitFor();
}

describe('the working hours of study chats, in «Школа»', () => {
  it('the admin sets 08:00–19:00 on weekdays with the winter vacation, and it stays after a reload', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { page, errors } = await stage.open(desktop);
    await logIn(page, school.admin.login, school.admin.password);
    await openHours(page);
    await page.getByRole('heading', { name: 'Рабочее время школы: пн–сб, 07:30–20:00' }).waitFor();
    await page.getByText('Время указано по часовому поясу школы: Москва, Казань (МСК).').waitFor();

    await page.getByLabel('Начало', { exact: true }).fill('08:00');
    await page.getByLabel('Конец', { exact: true }).fill('19:00');
    await page.getByRole('checkbox', { name: 'суббота' }).uncheck();
    await page.getByLabel('С', { exact: true }).fill('2026-12-30');
    await page.getByLabel('По', { exact: true }).fill('2027-01-08');
    await page.getByLabel('Название').fill('Зимние каникулы');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page
      .getByRole('button', { name: 'Убрать «Зимние каникулы, 30 декабря – 8 января 2027»' })
      .waitFor();
    await page.getByRole('checkbox', { name: 'Чат директора с родительским комитетом' }).check();
    await page.getByRole('switch', { name: /Классные руководители могут писать срочно/ }).check();
    await checkA11y(page, 'рабочее время: правка');
    await page.getByRole('button', { name: 'Сохранить рабочее время' }).click();
    await page.getByText('Сохранено. Учебные чаты живут по новому расписанию.').waitFor();
    await page.getByRole('heading', { name: 'Рабочее время школы: пн–пт, 08:00–19:00' }).waitFor();

    expect((await hoursNow()).hours).toEqual({
      opensAt: '08:00',
      closesAt: '19:00',
      days: [1, 2, 3, 4, 5],
      holidays: [{ from: '2026-12-30', to: '2027-01-08', name: 'Зимние каникулы' }],
      studyKinds: [
        'class_parents',
        'class_students',
        'direct',
        'group',
        'announcement',
        'director_committee',
      ],
      classTeachersUrgent: true,
    });

    await page.reload();
    await page.getByRole('heading', { name: 'Рабочее время школы: пн–пт, 08:00–19:00' }).waitFor();
    expect(await page.getByLabel('Начало', { exact: true }).inputValue()).toBe('08:00');
    expect(await page.getByLabel('Конец', { exact: true }).inputValue()).toBe('19:00');
    expect(await page.getByRole('checkbox', { name: 'суббота' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'пятница' }).isChecked()).toBe(true);
    await page
      .getByRole('button', { name: 'Убрать «Зимние каникулы, 30 декабря – 8 января 2027»' })
      .waitFor();

    // The report: every class chat of the last week, with its three counts.
    const report = page.getByRole('region', { name: 'За последнюю неделю' });
    const chats = report.getByTestId('hours-report-chat');
    expect(await chats.getByRole('heading').allInnerTexts()).toEqual(['5А — родители', '5А — ученики']);
    const first = chats.first();
    for (const label of ['Задержано до утра', 'Отправлено срочно', 'Запланировано']) {
      await first.getByText(label).waitFor();
    }
    await screenshot(page, 'рабочее время — администратор, компьютер');
    expect(errors).toEqual([]);
  });

  it('refuses a day that ends before it starts, next to the field, and changes nothing', async () => {
    const { page, errors } = await stage.open(desktop);
    await logIn(page, school.admin.login, school.admin.password);
    await openHours(page);
    await page.getByLabel('Начало', { exact: true }).fill('20:00');
    await page.getByLabel('Конец', { exact: true }).fill('08:00');
    await page.getByRole('button', { name: 'Сохранить рабочее время' }).click();
    const hoursCard = page.getByRole('region', { name: 'Часы' });
    await hoursCard.getByRole('alert').getByText('Конец рабочего дня должен быть позже начала.').waitFor();
    expect(await page.getByLabel('Конец', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await checkA11y(page, 'рабочее время: конец раньше начала');
    expect((await hoursNow()).hours).toMatchObject({ opensAt: '08:00', closesAt: '19:00' });

    // Not a single working day: refused before it is sent, beside the days.
    await page.getByLabel('Конец', { exact: true }).fill('21:00');
    for (const day of ['понедельник', 'вторник', 'среда', 'четверг', 'пятница']) {
      await page.getByRole('checkbox', { name: day }).uncheck();
    }
    await page.getByRole('button', { name: 'Сохранить рабочее время' }).click();
    await hoursCard.getByRole('alert').getByText('Проверьте заполнение полей: рабочие дни.').waitFor();
    expect((await hoursNow()).hours).toMatchObject({ closesAt: '19:00', days: [1, 2, 3, 4, 5] });

    await page.reload();
    await page.getByRole('heading', { name: 'Рабочее время школы: пн–пт, 08:00–19:00' }).waitFor();
    expect(await page.getByLabel('Начало', { exact: true }).inputValue()).toBe('08:00');
    expect(errors).toEqual([]);
  });

  it('fits a phone: every tab of «Школа» in view and tall enough for a finger', async () => {
    const { page, errors } = await stage.open(phone);
    await logIn(page, school.admin.login, school.admin.password);
    await openHours(page);
    const tabs = page.getByRole('navigation', { name: 'Разделы школы' }).getByRole('link');
    expect(await tabs.allInnerTexts()).toEqual([
      'Классы',
      'Люди',
      'Приглашения',
      'Настройки',
      'Рабочее время',
    ]);
    for (const tab of await tabs.all()) {
      const box = (await tab.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(phone.width);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    await fitsWidth(page);
    await screenshot(page, 'рабочее время — администратор, телефон');
    await page.getByRole('region', { name: 'Праздники и каникулы' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'рабочее время — праздники, телефон');
    await page.getByRole('region', { name: 'Срочные сообщения' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'рабочее время — чаты, телефон');
    await page.getByRole('region', { name: 'За последнюю неделю' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'рабочее время — отчёт, телефон');

    // The zone the hours count in is changed in «Настройки».
    await page.getByRole('link', { name: 'Изменить часовой пояс' }).click();
    await page.getByRole('heading', { name: 'Настройки', level: 1 }).waitFor();
    expect(errors).toEqual([]);
  });

  it('a class teacher reads the hours from «Мой класс», without a form or the report', async () => {
    const { page, errors } = await stage.open(phone);
    await logIn(page, school.teacher.login, school.teacher.password);
    await page.getByRole('link', { name: 'Мой класс' }).click();
    await page.getByRole('heading', { name: '5А класс', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Рабочее время школы: пн–пт, 08:00–19:00' }).click();
    await page.getByRole('heading', { name: 'Рабочее время', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Рабочее время школы: пн–пт, 08:00–19:00' }).waitFor();
    await page.getByText('Выходные: сб, вс').waitFor();
    await page.getByText('Зимние каникулы').waitFor();
    await page.getByText('Чат директора с родительским комитетом').waitFor();
    await page
      .getByText('Классные руководители могут писать срочно в нерабочее время; администрация может всегда.')
      .waitFor();
    await page.getByText('Изменить рабочее время может администратор школы.').waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Сохранить рабочее время' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'За последнюю неделю' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Изменить часовой пояс' }).count()).toBe(0);
    await fitsWidth(page);
    await screenshot(page, 'рабочее время — классный руководитель, телефон');

    await page.getByRole('link', { name: 'К классу' }).click();
    await page.getByRole('heading', { name: '5А класс', level: 1 }).waitFor();
    expect(errors).toEqual([]);
  });
});
