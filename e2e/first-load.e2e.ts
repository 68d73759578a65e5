import type { TClassCard } from '@parta/protocol';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type ApiClient, setUpSchool } from './support/api.js';
import { desktop, logIn, phone } from './support/browser.js';
import { useStage } from './support/stage.js';

const stage = useStage();
const open = stage.open;

/** The chunks of English words: fetched only by a reader who reads English. */
const english = /\/assets\/en-[\w-]+\.js$/;

describe('the first load', () => {
  let admin: Awaited<ReturnType<typeof setUpSchool>>['admin'];
  let adminClient: ApiClient;
  beforeAll(async () => {
    ({ admin, client: adminClient } = await setUpSchool(stage.server.url));
  });

  it('shows Parta in Russian before the scripts have arrived, then the login form', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { page, errors } = await open(phone);
    // The scripts are held on their way, as on a slow connection, until the page has been looked at.
    let arrived: () => void = () => {};
    let release: () => void = () => {};
    const first = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/assets/*.js', async (route) => {
      arrived();
      await released;
      await route.continue();
    });
    // Not until DOMContentLoaded: that waits for the module scripts.
    await page.goto('/login', { waitUntil: 'commit' });
    await first;
    await page.getByText('Открываем школьный мессенджер…').waitFor();
    await page.getByText('Parta', { exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await page.getByLabel('Логин, e-mail или телефон').count()).toBe(0);

    release();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await page.getByLabel('Логин, e-mail или телефон').fill('safina');
    expect(await page.getByText('Открываем школьный мессенджер…').count()).toBe(0);
    // The page's inline script and style ran under the strict CSP: a violation would be an error here.
    expect(errors).toEqual([]);
  });

  it('starts in Russian with only Russian words, switches to English on request and stays in it', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { page, errors } = await open(desktop);
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));

    await logIn(page, admin.login, admin.password);
    await page.getByRole('link', { name: 'Профиль' }).click();
    await page.getByRole('heading', { name: 'Профиль', level: 1 }).waitFor();
    expect(fetched.filter((file) => english.test(file))).toEqual([]);

    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Profile' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(fetched.filter((file) => english.test(file)).length).toBeGreaterThan(0);

    // Remembered on this device: the next visit opens in English.
    await page.reload();
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.getByRole('radio', { name: 'Русский' }).check();
    await page.getByRole('heading', { name: 'Профиль', level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(errors).toEqual([]);
  });

  it('opens an invite link for a newcomer and for someone already signed in on that phone', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const classId = (await adminClient.post<TClassCard>('/api/classes', { grade: 3, letter: 'А' })).id;
    const invite = await adminClient.post<{ url: string }>('/api/invites', { role: 'parent', classId });

    const newcomer = await open(phone);
    await newcomer.page.goto(invite.url);
    await newcomer.page.getByRole('heading', { name: 'Родители 3А класса', level: 1 }).waitFor();
    await newcomer.page.getByLabel('Фамилия, имя и отчество').waitFor();

    // Signed in already: what index.html asked for before the scripts lacked the session's CSRF token.
    const { page, errors } = await open(phone);
    await logIn(page, admin.login, admin.password);
    await page.goto(invite.url);
    await page.getByRole('heading', { name: 'Родители 3А класса', level: 1 }).waitFor();
    await page.getByText('Вы вошли как Сафина Гульнара Ильдаровна.', { exact: false }).waitFor();
    expect([...newcomer.errors, ...errors]).toEqual([]);
  });
});
