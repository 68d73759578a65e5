import { randomUUID } from 'node:crypto';
import type { TChatList, TClassCard, TCreatedPerson } from '@parta/protocol';
import type { Page } from 'playwright-core';
import { checkA11y } from './a11y.js';
import { type ApiClient, setPassword, setUpSchool } from './api.js';

export interface ClassSchool {
  admin: { login: string; password: string; fullName: string };
  adminClient: ApiClient;
  teacher: { login: string; password: string; fullName: string };
  teacherClient: ApiClient;
  classId: number;
  students: string[];
  /** what the class teacher wrote to the parents' chat before anyone joined */
  earlierMessage: string;
}

/**
 * A school with class 3А, its class teacher (with a password) and three
 * students, no parents yet; the teacher has already written to «3А — родители».
 */
export async function seedClassSchool(baseUrl: string): Promise<ClassSchool> {
  const { admin, client: adminClient } = await setUpSchool(baseUrl);
  const teacher = { login: 'galieva', password: 'teacher-password-2', fullName: 'Галиева Алсу Ринатовна' };
  const classId = (await adminClient.post<TClassCard>('/api/classes', { grade: 3, letter: 'А' })).id;
  const made = await adminClient.post<TCreatedPerson>('/api/people', {
    fullName: teacher.fullName,
    login: teacher.login,
    roles: ['teacher'],
  });
  await adminClient.post(`/api/classes/${classId}/class-teacher`, { teacherId: made.person.id });
  const teacherClient = await setPassword(baseUrl, made.setPasswordLink.url, teacher.password);
  const students = ['Петров Михаил Андреевич', 'Иванова Алия Маратовна', 'Сабиров Тимур Ильдарович'];
  let login = 0;
  for (const fullName of students) {
    login += 1;
    const student = await adminClient.post<TCreatedPerson>('/api/people', {
      fullName,
      login: `pupil${login}`,
      roles: ['student'],
    });
    await adminClient.post(`/api/people/${student.person.id}/class`, { classId });
  }
  const chats = await teacherClient.get<TChatList>('/api/chats');
  const parentsChat = chats.chats.find((chat) => chat.title === '3А — родители')!;
  const earlierMessage = 'Добрый вечер. Родительское собрание в четверг в 18:00, кабинет 21.';
  await teacherClient.post(`/api/chats/${parentsChat.id}/messages`, {
    clientId: randomUUID(),
    body: earlierMessage,
  });
  return { admin, adminClient, teacher, teacherClient, classId, students, earlierMessage };
}

/** The class teacher's «Пригласить родителей 3А» on the class card; returns the link shown once. */
export async function inviteParentsOnClassCard(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Мой класс' }).click();
  await page.getByRole('heading', { name: '3А класс', level: 1 }).waitFor();
  await checkA11y(page, 'мой класс');
  await page.getByRole('button', { name: 'Пригласить родителей 3А' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Пригласить родителей 3А' });
  await dialog.waitFor();
  await checkA11y(page, 'пригласить родителей');
  await dialog.getByRole('button', { name: 'Создать ссылку' }).click();
  await dialog.waitFor({ state: 'detached' });
  const created = page.getByTestId('created-invite');
  await created.getByText('Ссылку видно только сейчас').waitFor();
  await checkA11y(page, 'ссылка-приглашение создана');
  return created.getByLabel('Ссылка-приглашение').inputValue();
}

/** A parent on a phone: the invite page, a new account, the child, the rules, «Отправить заявку». */
export async function requestToJoin(
  page: Page,
  url: string,
  parent: { fullName: string; child: string; password: string },
): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Родители 3А класса', level: 1 }).waitFor();
  await checkA11y(page, 'приглашение родителей');
  await page.getByRole('radio', { name: parent.child }).check();
  await page.getByLabel('Фамилия, имя и отчество').fill(parent.fullName);
  await page.getByLabel('Пароль', { exact: true }).fill(parent.password);
  await page
    .getByRole('checkbox', { name: 'Принимаю правила школы и даю согласие на обработку персональных данных' })
    .check();
  await checkA11y(page, 'заявка заполнена');
  await page.getByRole('button', { name: 'Отправить заявку' }).click();
  await page.getByRole('heading', { name: 'Заявка отправлена' }).waitFor();
  await checkA11y(page, 'заявка отправлена');
}
