import { describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { desktop, messageTexts, phone, screenshot } from './support/browser.js';
import { submitMessage } from './support/messaging.js';
import { useStage } from './support/stage.js';

const stage = useStage();
const open = stage.open;

describe('first run: from an empty server to a live conversation', () => {
  it('sets up the school, adds a teacher, and both talk live in Russian', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { page: admin, errors: adminErrors } = await open(desktop);

    // Whoever finds the fresh server first gets the wizard, but it asks for the code from the server's log.
    const stranger = (await open(phone)).page;
    await stranger.goto('/');
    await stranger.getByRole('heading', { name: 'Настройка школы' }).waitFor();
    await checkA11y(stranger, 'настройка школы с кодом');
    await stranger.getByLabel('Код первого запуска').fill('угадываю');
    await stranger.getByLabel('Название школы').fill('Чужая школа');
    await stranger.getByLabel('Ваше ФИО').fill('Чужой Человек');
    await stranger.getByLabel('Логин', { exact: true }).fill('stranger');
    await stranger.getByLabel('Пароль', { exact: true }).fill('надёжный-пароль-2');
    await stranger.getByRole('button', { name: 'Создать школу' }).click();
    await stranger.getByText('Код первого запуска не подходит').waitFor();
    await screenshot(stranger, 'phone-setup-wrong-code');

    // The admin opens the address the server printed at start: the code comes with it.
    const printed = /First run \(Первый запуск\): open (http[^"\s]+)/.exec(stage.server.output())?.[1];
    expect(printed).toBeDefined();
    // The wizard, in Russian, with Moscow time preselected; under a strict CSP (any violation fails the scenario below).
    const document = await admin.goto(new URL(printed!).pathname + new URL(printed!).search);
    expect(document?.headers()['content-security-policy']).toContain("script-src 'self'");
    await admin.getByRole('heading', { name: 'Настройка школы' }).waitFor();
    expect(new URL(admin.url()).pathname).toBe('/setup');
    expect(await admin.getByLabel('Код первого запуска').count()).toBe(0);
    expect(await admin.getByLabel('Часовой пояс').inputValue()).toBe('Europe/Moscow');
    await checkA11y(admin, 'настройка школы');
    await admin.getByLabel('Название школы').fill('Гимназия № 5 г. Казани');
    await admin.getByLabel('Ваше ФИО').fill('Сафина Гульнара Ильдаровна');
    await admin.getByLabel('Логин', { exact: true }).fill('safina');
    await admin.getByLabel('Пароль', { exact: true }).fill('надёжный-пароль-1');
    await admin.getByRole('button', { name: 'Создать школу' }).click();

    // Logged in, in the chat list: empty, or holding only the chats the school's structure makes by itself.
    await admin.getByRole('heading', { name: 'Чаты', level: 1 }).waitFor();
    await admin.getByText('Здесь появятся ваши чаты').or(admin.getByTestId('chat-row').first()).waitFor();
    expect(await admin.getByRole('link', { name: /5А — родители/ }).count()).toBe(0);
    expect(new URL(admin.url()).pathname).toBe('/');
    // The way on: «Первые шаги», classes first.
    const firstSteps = admin.getByRole('region', { name: 'Первые шаги' });
    await firstSteps.getByText('Сделано 0 из 3').waitFor();
    await firstSteps.getByRole('link', { name: 'Создать классы' }).waitFor();

    // «Школа» → «Люди»: add a teacher and copy the one-time link.
    await admin.getByRole('link', { name: 'Школа' }).click();
    await admin.getByRole('link', { name: 'Люди' }).click();
    await admin.getByRole('heading', { name: 'Люди', level: 1 }).waitFor();
    await admin.getByRole('button', { name: 'Добавить человека' }).first().click();
    await admin.getByLabel('ФИО').fill('Галиева Алсу Ринатовна');
    await admin.getByLabel('Логин', { exact: true }).fill('galieva');
    await admin.getByLabel('Роль').selectOption({ label: 'Учитель' });
    await admin.getByRole('button', { name: 'Добавить', exact: true }).click();
    await admin.getByText('Учётная запись создана: Галиева Алсу Ринатовна').waitFor();
    await admin.getByRole('button', { name: 'Скопировать' }).click();
    await admin.getByRole('button', { name: 'Скопировано' }).waitFor();
    const link = (await admin.evaluate('navigator.clipboard.readText()')) as string;
    expect(link).toMatch(new RegExp(`^${stage.server.url}/reset/[\\w-]{10,}$`));
    await screenshot(admin, 'desktop-people-link');

    // A chat «5А — родители» with the teacher.
    await admin.getByRole('link', { name: 'Чаты' }).click();
    await admin.getByRole('button', { name: 'Новый чат' }).first().click();
    const dialog = admin.getByRole('dialog', { name: 'Новый чат' });
    await dialog.getByLabel('Название').fill('5А — родители');
    await dialog.getByRole('checkbox', { name: /Галиева Алсу Ринатовна/ }).check();
    await dialog.getByRole('button', { name: 'Создать чат' }).click();
    await admin.getByRole('heading', { name: '5А — родители', level: 1 }).waitFor();
    await admin.getByText('2 участника').waitFor();
    await checkA11y(admin, 'новый чат');

    // The teacher opens the link on a phone, sets a password and sees the chat.
    const { page: teacher, errors: teacherErrors } = await open(phone);
    await teacher.goto(link);
    await teacher.getByRole('heading', { name: 'Придумайте пароль' }).waitFor();
    // The page says whose account this is, and in which school.
    await teacher.getByText('Пароль для учётной записи: Галиева Алсу Ринатовна, логин galieva.').waitFor();
    await teacher.getByText('Гимназия № 5 г. Казани').waitFor();
    await checkA11y(teacher, 'придумайте пароль');
    await screenshot(teacher, 'phone-set-password');
    await teacher.getByLabel('Новый пароль').fill('учитель-пароль-2');
    await teacher.getByLabel('Повторите пароль').fill('учитель-пароль-2');
    await teacher.getByRole('button', { name: 'Сохранить и войти' }).click();
    const teacherRow = teacher.getByRole('link', { name: /5А — родители/ });
    await teacherRow.waitFor();
    expect(new URL(teacher.url()).pathname).toBe('/');

    // Messages typed in each browser appear live in the other.
    await teacherRow.click();
    await teacher.getByRole('heading', { name: '5А — родители' }).waitFor();
    await admin.getByLabel('Сообщение').fill('Добрый вечер, Алсу Ринатовна. Завтра собрание в 18:00.');
    await submitMessage(admin);
    await expect
      .poll(() => messageTexts(teacher))
      .toEqual(['Добрый вечер, Алсу Ринатовна. Завтра собрание в 18:00.']);
    await teacher.getByText('Сафина Гульнара Ильдаровна').waitFor();

    await teacher.getByLabel('Сообщение').fill('Здравствуйте.\nСпасибо, буду.');
    await submitMessage(teacher);
    await expect
      .poll(() => messageTexts(admin))
      .toEqual(['Добрый вечер, Алсу Ринатовна. Завтра собрание в 18:00.', 'Здравствуйте.\nСпасибо, буду.']);
    await expect.poll(() => messageTexts(teacher)).toHaveLength(2);
    await expect.poll(() => teacher.locator('[data-state="pending"]').count()).toBe(0);
    await screenshot(teacher, 'phone-chat');

    // Back on the list (the chat not open): a new message shows as unread.
    await teacher.getByRole('link', { name: 'Назад к чатам' }).click();
    await teacherRow.waitFor();
    await admin.getByLabel('Сообщение').fill('Напоминаю: принесите, пожалуйста, заявления.');
    await submitMessage(admin);
    const unreadRow = teacher.getByRole('link', { name: /5А — родители.*1 непрочитанное сообщение/ });
    await unreadRow.waitFor();
    const badge = teacherRow.getByTestId('unread-badge').locator('[aria-hidden="true"]');
    expect(await badge.textContent()).toBe('1');
    await teacher.getByText(/Гульнара Сафина: Напоминаю/).waitFor();
    await screenshot(teacher, 'phone-chat-list');

    // Opening the chat reads it: the badge goes away.
    await unreadRow.click();
    await expect.poll(() => messageTexts(teacher)).toHaveLength(3);
    await teacher.getByRole('link', { name: 'Назад к чатам' }).click();
    await teacherRow.waitFor();
    await expect.poll(() => teacherRow.getByTestId('unread-badge').count()).toBe(0);

    await screenshot(admin, 'desktop-chat');
    expect(adminErrors).toEqual([]);
    expect(teacherErrors).toEqual([]);
  });
});
