import { beforeAll, describe, expect, it } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { desktop, logIn, phone, screenshot } from './support/browser.js';
import { type ParentsClass, seedParentsClass } from './support/messaging.js';
import { useStage } from './support/stage.js';

/** «Профиль» (#14): a parent who left the school computer logged in ends that one session from the phone. */
const stage = useStage();
let school: ParentsClass;

beforeAll(async () => {
  school = await seedParentsClass(stage.server.url);
});

describe('where one is logged in', () => {
  it('ends one other device from the phone, leaving this one', async () => {
    const parent = school.parents[0]!;
    const { page: computer } = await stage.open(desktop);
    await logIn(computer, parent.login, parent.password);
    const { page } = await stage.open(phone);
    await logIn(page, parent.login, parent.password);

    await page.goto('/profile');
    const card = page.getByRole('region', { name: 'Где выполнен вход' });
    const rows = card.getByRole('listitem');
    // the set-password link logged the parent in once already: three in all, the computer seen last
    await expect.poll(() => rows.count()).toBe(3);
    await rows.first().getByText('это устройство').waitFor();
    // the headless browser names no known browser: the device is said in Russian, never «unknown»
    expect(await card.textContent()).not.toMatch(/unknown/i);
    await checkA11y(page, 'профиль: где выполнен вход');
    await screenshot(page, 'phone-profile-sessions');

    const end = rows.nth(1).getByRole('button', { name: /^Завершить/ });
    const box = await end.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await end.click();
    await card.getByText('Завершён 1 сеанс.').waitFor();
    await expect.poll(() => rows.count()).toBe(2);

    await computer.reload();
    await computer.getByRole('button', { name: 'Войти' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Профиль' }).waitFor();
  });
});
