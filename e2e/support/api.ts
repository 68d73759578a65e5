import type { TChat, TCreatedPerson, TMe } from '@parta/protocol';
import { E2E_SETUP_TOKEN } from './server.js';

/** A script talking to Parta's API like a browser tab: cookie, CSRF token, JSON. */
export class ApiClient {
  #cookie: string | null = null;
  #csrf: string | null = null;

  constructor(readonly baseUrl: string) {}

  async get<T>(path: string): Promise<T> {
    const response = await fetch(this.baseUrl + path, {
      headers: this.#cookie ? { cookie: this.#cookie } : {},
    });
    const data = (await response.json()) as T;
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(data)}`);
    return data;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.#cookie) headers.cookie = this.#cookie;
    if (this.#csrf) headers['x-csrf-token'] = this.#csrf;
    const response = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('parta_session='));
    if (cookie) this.#cookie = cookie.split(';')[0]!;
    const data = (await response.json()) as T & { csrfToken?: string };
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(data)}`);
    if (data.csrfToken) this.#csrf = data.csrfToken;
    return data;
  }
}

export interface Seeded {
  admin: { login: string; password: string; fullName: string };
  teacher: { login: string; password: string; fullName: string };
  chat: TChat;
}

/**
 * A fresh server set up through the API: the school and its admin, logged in
 * as `client`. Scenarios not about the working hours run on the real clock at
 * any hour, so their school has no study chats (nothing written in the
 * evening waits for 07:30); `studyHours` keeps the school's default ones.
 */
export async function setUpSchool(
  baseUrl: string,
  { studyHours = false }: { studyHours?: boolean } = {},
): Promise<{ admin: Seeded['admin']; client: ApiClient }> {
  const admin = { login: 'safina', password: 'admin-password-1', fullName: 'Сафина Гульнара Ильдаровна' };
  const client = new ApiClient(baseUrl);
  await client.post<TMe>('/api/setup', {
    schoolName: 'Гимназия № 5 г. Казани',
    timeZone: 'Europe/Moscow',
    adminName: admin.fullName,
    login: admin.login,
    password: admin.password,
    setupToken: E2E_SETUP_TOKEN,
  });
  if (!studyHours) await client.post('/api/hours', { studyKinds: [] });
  return { admin, client };
}

/** Follows a one-time link as its owner would: sets the password (and logs that client in). */
export async function setPassword(baseUrl: string, linkUrl: string, newPassword: string): Promise<ApiClient> {
  const token = new URL(linkUrl).pathname.split('/').at(-1)!;
  const client = new ApiClient(baseUrl);
  await client.post<TMe>('/api/auth/reset', { token, newPassword });
  return client;
}

/** A school with its admin, one teacher with a password, and a chat of the two — through the API. */
export async function seedSchool(baseUrl: string, chatTitle: string): Promise<Seeded> {
  const teacher = { login: 'galieva', password: 'teacher-password-2', fullName: 'Галиева Алсу Ринатовна' };
  const { admin, client: adminClient } = await setUpSchool(baseUrl);
  const created = await adminClient.post<TCreatedPerson>('/api/people', {
    fullName: teacher.fullName,
    login: teacher.login,
    roles: ['teacher'],
  });
  await setPassword(baseUrl, created.setPasswordLink.url, teacher.password);
  const chat = await adminClient.post<TChat>('/api/chats', {
    title: chatTitle,
    memberIds: [created.person.id],
  });
  return { admin, teacher, chat };
}
