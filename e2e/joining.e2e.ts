import type { TClassCard, TCreatedPerson, TInvitePreview } from '@parta/protocol';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { setPassword } from './support/api.js';
import { desktop, logIn, phone } from './support/browser.js';
import { type ClassSchool, seedClassSchool } from './support/invites.js';
import { useStage } from './support/stage.js';

let school: ClassSchool;
const stage = useStage();
const open = stage.open;

beforeAll(async () => {
  school = await seedClassSchool(stage.server.url);
});

/**
 * A family without a slip: the school code (typed with a space), the class,
 * the child's surname and first name typed (the code shows no children; a
 * misspelt name is refused under the form first, if given), an account.
 */
async function joinByCode(
  page: Page,
  code: string,
  fullName: string,
  child: string,
  misspelt?: string,
): Promise<void> {
  await page.goto('/school');
  await page.getByRole('heading', { name: 'Присоединиться к школе', level: 1 }).waitFor();
  await checkA11y(page, 'страница школы');
  await page.getByLabel('Код школы').fill(`${code.slice(0, 4)} ${code.slice(4)}`);
  await page.getByRole('button', { name: 'Найти школу' }).click();
  await page.getByText('Гимназия № 5 г. Казани').waitFor();
  await page.getByLabel('В каком классе учится ребёнок').selectOption({ label: '3А' });
  await page.getByLabel('Фамилия и имя ребёнка').waitFor();
  await checkA11y(page, 'заявка по коду школы');
  expect(await page.getByText(/Михаил П\.|Алия И\.|Тимур С\./).count()).toBe(0);
  await page.getByLabel('Фамилия и имя ребёнка').fill(misspelt ?? child);
  await page.getByLabel('Фамилия, имя и отчество').fill(fullName);
  await page.getByLabel('Пароль', { exact: true }).fill('family-password-5');
  await page
    .getByRole('checkbox', { name: 'Принимаю правила школы и даю согласие на обработку персональных данных' })
    .check();
  await page.getByRole('button', { name: 'Отправить заявку' }).click();
  if (misspelt) {
    await page.getByText('Не нашли ученика с таким именем в 3А.', { exact: false }).waitFor();
    await checkA11y(page, 'заявка: ученик не найден');
    await page.getByLabel('Фамилия и имя ребёнка').fill(child);
    await page.getByRole('button', { name: 'Отправить заявку' }).click();
  }
  await page.getByRole('heading', { name: 'Заявка отправлена' }).waitFor();
  await checkA11y(page, 'заявка отправлена');
}

describe('joining without a slip, with a personal invite, and with one account', () => {
  it('takes requests by the school code, approves several at once, and admits a personal invite', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { page: admin, errors: adminErrors } = await open(desktop);
    await logIn(admin, school.admin.login, school.admin.password);

    // «Школа» → «Приглашения»: the school's code, with how families use it.
    await admin.getByRole('link', { name: 'Школа' }).click();
    await admin.getByRole('link', { name: 'Приглашения' }).click();
    const code = ((await admin.getByTestId('school-code').textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^\d{8}$/);
    await admin.getByText(/на странице .+\/school они вводят этот код/).waitFor();
    await checkA11y(admin, 'приглашения');

    // Two families ask with the code; the admin's queue counts them, «по коду школы».
    const { page: first, errors: firstErrors } = await open(phone);
    await joinByCode(first, code, 'Сабирова Гузель Ринатовна', 'сабиров  тимур', 'Сабиров Тимофей');
    const { page: second, errors: secondErrors } = await open(phone);
    await joinByCode(second, code, 'Иванова Ольга Викторовна', 'Алия Иванова');
    await admin.getByRole('link', { name: 'Заявки' }).click();
    await expect.poll(() => admin.getByTestId('join-request').count()).toBe(2);
    await admin.getByText('2 заявки ждут решения').first().waitFor();
    expect(await admin.getByTestId('join-request').first().textContent()).toContain('по коду школы');
    await checkA11y(admin, 'заявки');

    // «Выбрать все» → «Одобрить выбранные (2)»: both families are in, and see it at once.
    await admin.getByRole('checkbox', { name: 'Выбрать все' }).check();
    await admin.getByRole('button', { name: 'Одобрить выбранные (2)' }).click();
    await admin.getByText('Одобрено 2 заявки. Люди уже в чатах.').waitFor();
    await checkA11y(admin, 'заявки одобрены');
    await first.getByRole('heading', { name: 'Вас приняли' }).waitFor();
    await checkA11y(first, 'вас приняли');
    await second.getByRole('heading', { name: 'Вас приняли' }).waitFor();

    // A personal invite for a parent the admin added: only a password, then straight into the chats.
    const parent = await school.adminClient.post<TCreatedPerson>('/api/people', {
      fullName: 'Петров Андрей Николаевич',
      login: 'petrov.an',
      roles: ['parent'],
    });
    const card = await school.adminClient.get<TClassCard>(`/api/classes/${school.classId}`);
    const misha = card.students.find((student) => student.fullName === 'Петров Михаил Андреевич')!;
    await school.adminClient.post(`/api/people/${misha.id}/guardians`, { parentId: parent.person.id });
    await admin.goto('/school/invites');
    await admin.getByRole('button', { name: 'Новое приглашение' }).first().click();
    const dialog = admin.getByRole('dialog', { name: 'Новое приглашение' });
    await dialog.getByLabel('Класс').selectOption({ label: '3А' });
    await dialog.getByRole('checkbox', { name: /Личное приглашение/ }).check();
    await dialog.getByLabel('Кому').selectOption({ label: 'Петров Андрей Николаевич' });
    await checkA11y(admin, 'новое личное приглашение');
    await dialog.getByRole('button', { name: 'Создать ссылку' }).click();
    const personal = await admin.getByLabel('Ссылка-приглашение').inputValue();
    await admin.getByTestId('invite-row').first().getByText('лично: Петров Андрей Николаевич').waitFor();
    await checkA11y(admin, 'личное приглашение создано');

    const { page: father, errors: fatherErrors } = await open(phone);
    await father.goto(personal);
    await father.getByText('Это личное приглашение').waitFor();
    await father.getByText('Кому: Петров Андрей Николаевич').waitFor();
    expect(await father.getByLabel('Фамилия, имя и отчество').count()).toBe(0);
    await checkA11y(father, 'личное приглашение');
    await father.getByLabel('Пароль', { exact: true }).fill('father-password-6');
    await father
      .getByRole('checkbox', {
        name: 'Принимаю правила школы и даю согласие на обработку персональных данных',
      })
      .check();
    await father.getByRole('button', { name: 'Сохранить пароль и войти' }).click();
    await father.getByRole('heading', { name: 'Вы в Parta' }).waitFor();
    await father.getByText('логин petrov.an').waitFor();
    await checkA11y(father, 'вы в Parta');
    await father.getByRole('link', { name: 'Перейти к чатам' }).click();
    await father.getByRole('link', { name: /3А — родители/ }).waitFor();
    // Used once, the personal link moves to the used and cancelled ones.
    await admin.reload();
    await admin.getByText('Истёкшие и отменённые').click();
    const used = admin.getByTestId('invite-row').filter({ hasText: 'лично: Петров Андрей Николаевич' });
    await used.getByText('1 из 1').waitFor();
    await used.getByText('использовано', { exact: true }).waitFor();
    await checkA11y(admin, 'истёкшие и отменённые приглашения');

    expect(adminErrors).toEqual([]);
    expect(firstErrors).toEqual([]);
    expect(secondErrors).toEqual([]);
    expect(fatherErrors).toEqual([]);
  });

  it('lets a teacher who is also a parent log in from the invite, and shows a new class teacher «Мой класс» at once', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const made = await school.adminClient.post<TCreatedPerson>('/api/people', {
      fullName: 'Морозова Елена Павловна',
      login: 'morozova',
      roles: ['teacher'],
    });
    await setPassword(stage.server.url, made.setPasswordLink.url, 'morozova-password-7');
    const invite = await school.teacherClient.post<{ url: string }>('/api/invites', {
      role: 'parent',
      classId: school.classId,
    });
    const token = new URL(invite.url).pathname.split('/').at(-1)!;
    const preview = await school.teacherClient.post<TInvitePreview>('/api/invites/preview', { token });
    expect(preview.className).toBe('3А');

    // «Уже есть учётная запись? Войти», then back on the invite, joining with that account.
    const { page, errors } = await open(phone);
    await page.goto(invite.url);
    await page.getByRole('heading', { name: 'Родители 3А класса', level: 1 }).waitFor();
    await checkA11y(page, 'приглашение в класс');
    // «Войти» is a finger's height on a phone (#14.5), not a line of text.
    expect((await page.getByRole('link', { name: 'Войти' }).boundingBox())!.height).toBeGreaterThanOrEqual(
      44,
    );
    await page.getByRole('link', { name: 'Войти' }).click();
    await page.getByText('После входа вы вернётесь к приглашению.').waitFor();
    await checkA11y(page, 'вход из приглашения');
    await page.getByLabel('Логин, e-mail или телефон').fill('morozova');
    await page.getByLabel('Пароль').fill('morozova-password-7');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByText('Вы вошли как Морозова Елена Павловна.').waitFor();
    expect(new URL(page.url()).pathname).toBe(new URL(invite.url).pathname);
    await checkA11y(page, 'приглашение после входа');
    await page.getByRole('radio', { name: 'Михаил П.' }).check();
    await page
      .getByRole('checkbox', {
        name: 'Принимаю правила школы и даю согласие на обработку персональных данных',
      })
      .check();
    await page.getByRole('button', { name: 'Присоединиться этой учётной записью' }).click();
    await page.getByRole('heading', { name: 'Заявка отправлена' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/joins/mine');
    await checkA11y(page, 'мои заявки');

    // Made class teacher of a new class while looking: «Мой класс» and «Заявки» appear without a reload.
    await page.evaluate('window.partaSamePage = true');
    expect(await page.getByRole('link', { name: 'Мой класс' }).count()).toBe(0);
    const class3b = await school.adminClient.post<TClassCard>('/api/classes', { grade: 3, letter: 'Б' });
    await school.adminClient.post(`/api/classes/${class3b.id}/class-teacher`, { teacherId: made.person.id });
    await page.getByRole('link', { name: 'Мой класс' }).waitFor();
    await page.getByRole('link', { name: 'Заявки' }).waitFor();
    expect(await page.evaluate('window.partaSamePage')).toBe(true);
    await checkA11y(page, 'мои заявки у классного руководителя');

    expect(errors).toEqual([]);
  });
});
