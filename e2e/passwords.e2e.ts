import { describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { desktop, phone } from './support/browser.js';
import { E2E_SETUP_TOKEN } from './support/server.js';
import { useStage } from './support/stage.js';

const stage = useStage();
const open = stage.open;

describe('new passwords and registrations say what the server wants, in Russian', () => {
  it('shows the rule for the role, the server refusing a common password, and a registration with taken details', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { page: admin, errors: adminErrors } = await open(desktop);

    // The first admin: 12 characters, and not a common password even when long enough.
    await admin.goto(`/setup?code=${E2E_SETUP_TOKEN}`);
    await admin.getByRole('heading', { name: 'Настройка школы' }).waitFor();
    await admin
      .getByText('Не короче 12 знаков. Простые пароли вроде 12345678 или qwerty123 не подойдут')
      .waitFor();
    await admin.getByLabel('Название школы').fill('Гимназия № 5 г. Казани');
    await admin.getByLabel('Ваше ФИО').fill('Сафина Гульнара Ильдаровна');
    await admin.getByLabel('Логин', { exact: true }).fill('safina');
    const password = admin.getByLabel('Пароль', { exact: true });
    await password.fill('qwertyuiop12');
    await admin.getByRole('button', { name: 'Создать школу' }).click();
    await admin
      .getByText('Этот пароль слишком распространён, его легко подобрать.', { exact: false })
      .waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await checkA11y(admin, 'настройка школы: пароль отклонён');
    await password.fill('надёжный-пароль-1');
    await admin.getByRole('button', { name: 'Создать школу' }).click();
    await admin.getByRole('heading', { name: 'Чаты', level: 1 }).waitFor();
    await checkA11y(admin, 'чаты нового администратора');

    await admin.getByRole('link', { name: 'Школа' }).click();
    await admin.getByRole('link', { name: 'Приглашения' }).click();
    const code = ((await admin.getByTestId('school-code').textContent()) ?? '').replace(/\s/g, '');

    // A newcomer on the school's page: the rule follows the role they pick.
    const { page: newcomer, errors: newcomerErrors } = await open(phone);
    await newcomer.goto('/school');
    await newcomer.getByLabel('Код школы').fill(code);
    await newcomer.getByRole('button', { name: 'Найти школу' }).click();
    await newcomer.getByText('Гимназия № 5 г. Казани').waitFor();
    await newcomer.getByRole('radio', { name: 'Учитель' }).check();
    await newcomer.getByText('Не короче 12 знаков.', { exact: false }).waitFor();
    await checkA11y(newcomer, 'заявка учителя');
    await newcomer.getByLabel('Фамилия, имя и отчество').fill('Сафина Алсу Маратовна');
    await newcomer.getByLabel('Логин', { exact: true }).fill('safina');
    await newcomer.getByLabel('Пароль', { exact: true }).fill('учитель-пароль-2');
    await newcomer
      .getByRole('checkbox', {
        name: 'Принимаю правила школы и даю согласие на обработку персональных данных',
      })
      .check();

    // What the protocol's schema refuses is said before anything is sent: no request leaves the page.
    const sent: string[] = [];
    newcomer.on('request', (request) => {
      if (request.method() === 'POST') sent.push(request.url());
    });
    const contact = newcomer.getByLabel('Телефон или e-mail');
    await contact.fill('позвоните мне');
    await newcomer.getByRole('button', { name: 'Отправить заявку' }).click();
    await newcomer.getByText('Проверьте заполнение полей: телефон или e-mail.').waitFor();
    expect(await contact.getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);
    await contact.fill('');
    await newcomer.getByRole('button', { name: 'Отправить заявку' }).click();

    // Taken somewhere: one answer that names no field; both the login and the contact are marked.
    await newcomer.getByText('Зарегистрироваться с этими данными не получится.', { exact: false }).waitFor();
    expect(await newcomer.getByLabel('Логин', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await newcomer.getByLabel('Телефон или e-mail').getAttribute('aria-invalid')).toBe('true');
    await checkA11y(newcomer, 'заявка: данные заняты');
    await newcomer.getByLabel('Логин', { exact: true }).fill('safina.alsu');
    await newcomer.getByRole('button', { name: 'Отправить заявку' }).click();
    await newcomer.getByRole('heading', { name: 'Заявка отправлена' }).waitFor();

    expect(adminErrors).toEqual([]);
    expect(newcomerErrors).toEqual([]);
  });
});
