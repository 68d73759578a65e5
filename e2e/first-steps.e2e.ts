import type { TClassSummary, TSchoolStructure } from '@parta/protocol';
import { describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { setUpSchool } from './support/api.js';
import { desktop, logIn, phone, screenshot } from './support/browser.js';
import { useStage } from './support/stage.js';

const stage = useStage();

describe('first steps: from an empty school to its grid of classes', () => {
  it('guides the admin through «Первые шаги», creates 1–11 × А–В in one form, and goes away', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { admin, client } = await setUpSchool(stage.server.url);
    const { page, errors } = await stage.open(desktop);
    await logIn(page, admin.login, admin.password);

    // The home screen, right after the first run: the checklist, nothing done yet.
    const steps = page.getByRole('region', { name: 'Первые шаги' });
    await steps.waitFor();
    await steps.getByText('Сделано 0 из 3').waitFor();
    await screenshot(page, 'desktop-first-steps');

    // Its next step leads to «Школа», where the whole grid is one form.
    await steps.getByRole('link', { name: 'Создать классы' }).click();
    await page.getByRole('heading', { name: 'Классы', level: 1 }).waitFor();
    await page.getByText('Здесь появятся классы школы').waitFor();
    await page.getByRole('button', { name: 'Создать классы' }).click();
    const dialog = page.getByRole('dialog', { name: 'Классы школы' });
    await dialog.getByRole('button', { name: 'Создать 22 класса' }).waitFor();
    await dialog.getByRole('checkbox', { name: 'В', exact: true }).check();
    await dialog.getByText('Будет 33 класса, от 1А до 11В.', { exact: false }).waitFor();
    await checkA11y(page, 'классы школы одной формой');
    await screenshot(page, 'desktop-classes-form');
    await dialog.getByRole('button', { name: 'Создать 33 класса' }).click();
    await page.getByText('Создано 33 класса.', { exact: false }).waitFor();
    await page.getByRole('heading', { name: '11-е классы' }).waitFor();
    await page.getByText('33 класса', { exact: true }).waitFor();
    await expect.poll(() => page.locator('.class-grid > *').count()).toBe(33);
    await steps.getByText('Сделано 1 из 3').waitFor();
    await steps.getByText('Классные руководители есть в 0 из 33 классов').waitFor();
    await screenshot(page, 'desktop-classes-grid');

    // Sending the same grid again creates nothing.
    await page.getByRole('button', { name: 'Создать классы' }).click();
    await dialog.getByRole('checkbox', { name: 'В', exact: true }).check();
    await dialog.getByRole('button', { name: 'Создать 33 класса' }).click();
    await page.getByText('Все эти классы уже есть.').waitFor();
    const structure = await client.get<TSchoolStructure>('/api/school/structure');
    expect(structure.classes.map((item) => item.name)).toHaveLength(33);

    // On a phone: the checklist on the home screen shows the progress; «Скрыть» puts it away for good.
    const { page: phonePage, errors: phoneErrors } = await stage.open(phone);
    await logIn(phonePage, admin.login, admin.password);
    const phoneSteps = phonePage.getByRole('region', { name: 'Первые шаги' });
    await phoneSteps.getByText('Сделано 1 из 3').waitFor();
    // Compact on a phone: only the next step is open, the done one is a line, and the chats show below.
    expect((await phoneSteps.boundingBox())!.height).toBeLessThan(360);
    expect(await phoneSteps.getByText('Создано 33 класса').isVisible()).toBe(false);
    await phoneSteps.getByRole('link', { name: 'Добавить учителей' }).waitFor();
    await screenshot(phonePage, 'phone-first-steps');
    await phonePage.getByRole('link', { name: 'Школа' }).click();
    await phonePage.getByRole('button', { name: 'Создать классы' }).click();
    await phonePage.getByRole('dialog', { name: 'Классы школы' }).waitFor();
    await screenshot(phonePage, 'phone-classes-form');
    await phonePage.getByRole('button', { name: 'Отмена' }).click();
    await phoneSteps.getByRole('button', { name: 'Скрыть' }).click();
    await expect.poll(() => phoneSteps.count()).toBe(0);
    await phonePage.reload();
    await phonePage.getByRole('heading', { name: 'Классы', level: 1 }).waitFor();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Чаты', level: 1 }).waitFor();
    expect(await steps.count()).toBe(0);

    // Shown again, it stays until every step is done: then it is gone by itself.
    await client.post('/api/school/settings', { firstStepsHidden: false });
    await page.reload();
    await steps.getByText('Сделано 1 из 3').waitFor();
    const teacher = await client.post<{ person: { id: number } }>('/api/people', {
      fullName: 'Галиева Алсу Ринатовна',
      login: 'galieva',
      roles: ['teacher'],
    });
    const classes: TClassSummary[] = structure.classes;
    for (const item of classes) {
      await client.post(`/api/classes/${item.id}/class-teacher`, { teacherId: teacher.person.id });
    }
    await page.getByRole('link', { name: 'Школа' }).click();
    await steps.getByText('Сделано 2 из 3').waitFor();
    await steps.getByRole('link', { name: 'Пригласить родителей' }).click();
    await page.getByRole('heading', { name: 'Приглашения', level: 1 }).waitFor();
    await client.post('/api/invites', { role: 'parent', classId: classes[0]!.id });
    await page.getByRole('link', { name: 'Чаты' }).click();
    await page.getByRole('heading', { name: 'Чаты', level: 1 }).waitFor();
    await expect.poll(() => steps.count()).toBe(0);
    await checkA11y(page, 'чаты без первых шагов');

    // «Настройки»: the school's name and time zone; the other open tab hears of it at once.
    await page.getByRole('link', { name: 'Школа' }).click();
    await page.getByRole('link', { name: 'Настройки' }).click();
    await page.getByRole('heading', { name: 'Настройки', level: 1 }).waitFor();
    await page.getByLabel('Название школы').fill('Гимназия № 5 имени Габдуллы Тукая');
    await page.getByLabel('Часовой пояс').selectOption('Asia/Yekaterinburg');
    await checkA11y(page, 'настройки школы');
    await page.getByRole('region', { name: 'Школа' }).getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Сохранено. Новое название и время уже видят все.').waitFor();
    await page.getByText('Гимназия № 5 имени Габдуллы Тукая', { exact: true }).waitFor();
    await screenshot(page, 'desktop-school-settings');
    // (on a narrow phone the school's name under the title gives way to the year, so it is read, not seen)
    await expect
      .poll(() => phonePage.locator('.page__school').textContent())
      .toBe('Гимназия № 5 имени Габдуллы Тукая');
    const me = await client.get<{ school: { name: string; timeZone: string } }>('/api/me');
    expect(me.school).toMatchObject({
      name: 'Гимназия № 5 имени Габдуллы Тукая',
      timeZone: 'Asia/Yekaterinburg',
    });

    expect(errors).toEqual([]);
    expect(phoneErrors).toEqual([]);
  });
});
