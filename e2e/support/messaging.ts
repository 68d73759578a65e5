import type { TChat, TChatList, TClassCard, TCreatedPerson } from '@parta/protocol';
import type { Locator, Page } from 'playwright-core';
import { type ApiClient, setPassword, setUpSchool } from './api.js';

export interface Person {
  login: string;
  password: string;
  fullName: string;
}

export interface ParentsClass {
  admin: Person;
  adminClient: ApiClient;
  teacher: Person;
  teacherClient: ApiClient;
  parents: Person[];
  chat: TChat;
}

/**
 * Class 5А with its class teacher and three families, each parent with a
 * password: «5А — родители» has the teacher and the three parents. Built
 * through the admin's API.
 */
export async function seedParentsClass(
  baseUrl: string,
  options: { studyHours?: boolean } = {},
): Promise<ParentsClass> {
  const { admin, client: adminClient } = await setUpSchool(baseUrl, options);
  const classId = (await adminClient.post<TClassCard>('/api/classes', { grade: 5, letter: 'А' })).id;
  const teacher = { login: 'galieva', password: 'teacher-password-2', fullName: 'Галиева Алсу Ринатовна' };
  const made = await adminClient.post<TCreatedPerson>('/api/people', {
    fullName: teacher.fullName,
    login: teacher.login,
    roles: ['teacher'],
  });
  await adminClient.post(`/api/classes/${classId}/class-teacher`, { teacherId: made.person.id });
  const teacherClient = await setPassword(baseUrl, made.setPasswordLink.url, teacher.password);

  const families = [
    ['Иванов Артём Сергеевич', 'Иванова Мария Петровна'],
    ['Петрова Алия Олеговна', 'Петров Олег Иванович'],
    ['Сабиров Тимур Ильдарович', 'Сабирова Гузель Ринатовна'],
  ] as const;
  const parents: Person[] = [];
  for (const [index, [childName, parentName]] of families.entries()) {
    const child = await adminClient.post<TCreatedPerson>('/api/people', {
      fullName: childName,
      login: `pupil${index + 1}`,
      roles: ['student'],
    });
    await adminClient.post(`/api/people/${child.person.id}/class`, { classId });
    const parent = await adminClient.post<TCreatedPerson>('/api/people', {
      fullName: parentName,
      login: `parent${index + 1}`,
      roles: ['parent'],
    });
    await adminClient.post(`/api/people/${child.person.id}/guardians`, { parentId: parent.person.id });
    const password = `parent-password-${index + 1}`;
    await setPassword(baseUrl, parent.setPasswordLink.url, password);
    parents.push({ login: `parent${index + 1}`, password, fullName: parentName });
  }
  const chats = await teacherClient.get<TChatList>('/api/chats');
  const chat = chats.chats.find((item) => item.title === '5А — родители')!;
  return { admin, adminClient, teacher, teacherClient, parents, chat };
}

/** The message on screen whose text contains `text`. */
export function messageWith(page: Page, text: string | RegExp): Locator {
  return page
    .getByTestId('message')
    .filter({ has: page.getByTestId('message-body').filter({ hasText: text }) });
}

/** Opens a message's menu with its ⋯ button (what a keyboard or a screen reader uses). */
export async function openMenu(page: Page, message: Locator): Promise<Locator> {
  await message.hover();
  await message.getByRole('button', { name: /^Меню сообщения/ }).click();
  const menu = page.getByRole('dialog', { name: 'Действия' });
  await menu.waitFor();
  return menu;
}

export async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Сообщение' }).fill(text);
  await submitMessage(page);
}

/**
 * Sends what the composer holds as its person would: Enter on a computer, the
 * button on a phone (where Enter makes a new line).
 */
export async function submitMessage(
  page: Page,
  field: Locator = page.locator('.composer textarea'),
): Promise<void> {
  if (page.viewportSize()!.width < 600) await page.locator('.composer__send').click();
  else await field.press('Enter');
}
