import type { TFileSettings } from '@parta/protocol';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { logIn, phone, screenshot } from './support/browser.js';
import { type ParentsClass, seedParentsClass } from './support/messaging.js';
import { useStage } from './support/stage.js';

/*
 * Issue #15: the school's file rules — the largest file of each kind, the
 * formats it takes, the space for all files — in «Школа → Настройки».
 */
const stage = useStage();
let school: ParentsClass;

beforeAll(async () => {
  school = await seedParentsClass(stage.server.url);
});

describe('the school’s file rules, in «Настройки»', () => {
  it('the admin lowers the photo limit, takes HEIC off, sets a quota, and it stays after a reload', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { page, errors } = await stage.open(phone);
    await logIn(page, school.admin.login, school.admin.password);
    await page.goto('/school/settings');
    const card = page.getByRole('region', { name: 'Файлы' });
    await card.getByText('Файлы школы занимают 0 Б (0 шт.).').waitFor();
    await card.getByLabel('Фото, МБ').fill('10');
    await card.getByRole('checkbox', { name: 'HEIC' }).uncheck();
    await card.getByLabel('Место для всех файлов школы, ГБ').fill('5');
    await card.getByRole('button', { name: 'Сохранить правила для файлов' }).click();
    await card.getByRole('status').getByText('Сохранено.').waitFor();
    await screenshot(page, 'файлы школы — настройки, телефон');

    const saved = await school.adminClient.get<TFileSettings>('/api/school/files');
    expect(saved.rules.limits.image).toBe(10 * 1024 * 1024);
    expect(saved.rules.formats).not.toContain('heic');
    expect(saved.rules.quotaBytes).toBe(5 * 1024 ** 3);
    await page.reload();
    await expect.poll(() => card.getByLabel('Фото, МБ').inputValue()).toBe('10');
    expect(await card.getByRole('checkbox', { name: 'HEIC' }).isChecked()).toBe(false);
    expect(errors).toEqual([]);
  });
});
