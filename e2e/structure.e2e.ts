import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { setUpSchool } from './support/api.js';
import { desktop, logIn, phone, screenshot } from './support/browser.js';
import { furnishSchool } from './support/school.js';
import { useStage } from './support/stage.js';

const stage = useStage();
const open = stage.open;

async function createClass(page: Page, grade: string, letter: string): Promise<void> {
  await page.getByRole('button', { name: 'Один класс', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Новый класс' });
  await dialog.getByLabel('Номер класса').selectOption(grade);
  await dialog.getByLabel('Буква').fill(letter);
  await dialog.getByRole('button', { name: `Создать класс ${grade}${letter.toUpperCase()}` }).click();
  await page.getByRole('link', { name: new RegExp(`^${grade}${letter.toUpperCase()}`) }).waitFor();
}

/** Adds someone new in a «choose a person» dialog and returns their one-time link. */
async function addNewIn(page: Page, dialogName: string, fullName: string, submit: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.getByLabel('ФИО').fill(fullName);
  expect(await dialog.getByLabel('Логин', { exact: true }).inputValue()).toMatch(/^[a-z]+\.[a-z]+$/);
  await dialog.getByRole('button', { name: submit }).click();
  await dialog.getByText(`Учётная запись создана: ${fullName}`).waitFor();
  const link = await dialog.getByLabel('Ссылка для входа').inputValue();
  await dialog.getByRole('button', { name: 'Готово' }).click();
  await dialog.waitFor({ state: 'detached' });
  return link;
}

describe('the school structure, built by the admin in the browser', () => {
  it('moves a parent between class chats live when their child changes class', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { admin, client } = await setUpSchool(stage.server.url);
    const { page, errors: adminErrors } = await open(desktop);
    await logIn(page, admin.login, admin.password);

    // «Школа»: an empty grid that says what to do, then two classes.
    await page.getByRole('link', { name: 'Школа' }).click();
    await page.getByRole('heading', { name: 'Классы', level: 1 }).waitFor();
    await page.getByText('Здесь появятся классы школы').waitFor();
    await page.getByText(/учебный год$/).waitFor();
    await createClass(page, '5', 'а');
    await createClass(page, '5', 'Б');
    await page.getByText('нет классного руководителя').first().waitFor();
    await checkA11y(page, 'классы');

    // «Люди»: a teacher, added with the existing form.
    await page.getByRole('link', { name: 'Люди' }).click();
    await page.getByRole('heading', { name: 'Люди', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Добавить человека' }).first().click();
    await page.getByLabel('ФИО').fill('Галиева Алсу Ринатовна');
    await page.getByLabel('Логин', { exact: true }).fill('galieva');
    await page.getByLabel('Роль').selectOption({ label: 'Учитель' });
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    await page.getByText('Учётная запись создана: Галиева Алсу Ринатовна').waitFor();
    await checkA11y(page, 'люди: учётная запись создана');

    // The class card of 5А: the class teacher, picked from the list.
    await page.getByRole('link', { name: 'Классы' }).click();
    await page.getByRole('link', { name: /^5А/ }).click();
    await page.getByRole('heading', { name: '5А класс', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Назначить классного руководителя' }).click();
    const assign = page.getByRole('dialog', { name: 'Классный руководитель 5А' });
    await assign.getByRole('radio', { name: /Галиева Алсу Ринатовна/ }).check();
    await checkA11y(page, 'назначить классного руководителя');
    await assign.getByRole('button', { name: 'Назначить' }).click();
    await assign.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Галиева Алсу Ринатовна' }).waitFor();

    // A new student in 5А, and a new parent linked to them; the parent's link is handed over.
    await page.getByRole('button', { name: 'Добавить ученика' }).first().click();
    await addNewIn(page, 'Добавить ученика в 5А', 'Петров Михаил Андреевич', 'Добавить в 5А');
    const student = page.getByTestId('student').filter({ hasText: 'Петров Михаил Андреевич' });
    await student.waitFor();
    await student.getByRole('button', { name: /Привязать родителя/ }).click();
    const link = await addNewIn(page, 'Привязать родителя', 'Петрова Анна Сергеевна', 'Привязать');
    expect(link).toMatch(new RegExp(`^${stage.server.url}/reset/[\\w-]{10,}$`));
    await student.getByRole('link', { name: 'Петрова Анна Сергеевна' }).waitFor();
    await checkA11y(page, 'карточка класса с учеником');

    // The parent opens the link on a phone: «5А — родители» is in her chat list.
    const { page: parent, errors: parentErrors } = await open(phone);
    await parent.goto(link);
    await parent.getByRole('heading', { name: 'Придумайте пароль' }).waitFor();
    await checkA11y(parent, 'придумайте пароль');
    await parent.getByLabel('Новый пароль').fill('родитель-пароль-3');
    await parent.getByLabel('Повторите пароль').fill('родитель-пароль-3');
    await parent.getByRole('button', { name: 'Сохранить и войти' }).click();
    await parent.getByRole('link', { name: /5А — родители/ }).waitFor();
    expect(await parent.getByRole('link', { name: 'Школа' }).count()).toBe(0);
    // Marks this page load: a reload would lose it.
    await parent.evaluate('window.partaSamePage = true');

    // The admin transfers the student to 5Б.
    await student.getByRole('button', { name: 'Перевести в другой класс: Петров Михаил Андреевич' }).click();
    const transfer = page.getByRole('dialog', { name: 'Перевести в другой класс' });
    await transfer.getByRole('radio', { name: /^5Б/ }).check();
    await transfer.getByText('Ученик перейдёт в чат «5Б — ученики»').waitFor();
    await checkA11y(page, 'перевести в другой класс');
    await transfer.getByRole('button', { name: 'Перевести в 5Б' }).click();
    await transfer.waitFor({ state: 'detached' });
    await page.getByText('В классе пока нет учеников').waitFor();
    await checkA11y(page, 'класс без учеников');

    // The parent's list changes by itself: the old class chat goes, the new one comes.
    await parent.getByRole('link', { name: /5Б — родители/ }).waitFor();
    await expect.poll(() => parent.getByRole('link', { name: /5А — родители/ }).count()).toBe(0);
    expect(await parent.evaluate('window.partaSamePage')).toBe(true);

    // Screenshots of a lived-in school: the grid and a class card, on a desktop and a phone.
    const { class5b } = await furnishSchool(client);
    await page.getByRole('link', { name: 'Школа' }).click();
    await page.getByRole('link', { name: /^11А/ }).waitFor();
    await page.getByText('1 класс без классного руководителя').waitFor();
    await screenshot(page, 'desktop-school-grid');
    await page.getByRole('link', { name: /^5Б/ }).click();
    await page.getByRole('heading', { name: '5Б класс', level: 1 }).waitFor();
    await page.getByText('Математика').waitFor();
    await screenshot(page, 'desktop-class-card');

    const { page: phoneAdmin, errors: phoneErrors } = await open(phone);
    await logIn(phoneAdmin, admin.login, admin.password);
    await phoneAdmin.getByRole('link', { name: 'Школа' }).click();
    await phoneAdmin.getByRole('link', { name: /^11А/ }).waitFor();
    await screenshot(phoneAdmin, 'phone-school-grid');
    await phoneAdmin.goto(`/classes/${class5b}`);
    await phoneAdmin.getByText('Зайнуллина Лилия Рамилевна').waitFor();
    await screenshot(phoneAdmin, 'phone-class-card');
    await phoneAdmin.getByTestId('student').nth(1).scrollIntoViewIfNeeded();
    await screenshot(phoneAdmin, 'phone-class-card-students');

    expect(adminErrors).toEqual([]);
    expect(parentErrors).toEqual([]);
    expect(phoneErrors).toEqual([]);
  });
});
