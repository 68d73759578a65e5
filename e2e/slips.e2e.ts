import type { TJoinRequest, TSchoolStructure } from '@parta/protocol';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { desktop, logIn, messageTexts, phone, screenshot } from './support/browser.js';
import { type ClassSchool, inviteParentsOnClassCard, seedClassSchool } from './support/invites.js';
import { useStage } from './support/stage.js';

let school: ClassSchool;
const stage = useStage();
const open = stage.open;

beforeAll(async () => {
  school = await seedClassSchool(stage.server.url);
});

describe('the short code of a printed slip', () => {
  it('joins the class when a parent types it from paper, in small letters and with spaces', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const { page: teacher, errors: teacherErrors } = await open(desktop);
    // A phone's share sheet, as Chromium on a desktop has none: what it was handed is kept.
    await teacher.addInitScript(`
      window.partaShared = [];
      Object.defineProperty(navigator, 'share', { value: async (data) => { window.partaShared.push(data); } });
    `);
    await logIn(teacher, school.teacher.login, school.teacher.password);
    const url = await inviteParentsOnClassCard(teacher);
    const code = (await teacher.getByTestId('created-code').textContent()) ?? '';
    expect(code).toMatch(/^[ACEHKMPTXY34679]{3}-[ACEHKMPTXY34679]{3}-[ACEHKMPTXY34679]{3}$/);
    const host = new URL(url).host;

    // «Поделиться» hands the link and the code to the phone's share sheet.
    await teacher.getByRole('button', { name: 'Поделиться' }).click();
    await expect.poll(() => teacher.evaluate('window.partaShared.length')).toBe(1);
    expect(await teacher.evaluate('window.partaShared[0]')).toEqual({
      title: 'Родители 3А',
      text: `Приглашение в Parta: Родители 3А. Если ссылка не открывается: ${host}/join, код ${code}.`,
      url,
    });
    await screenshot(teacher, 'desktop-created-invite-code');

    // The slips: the code big, the page to type it on, the school's page and code as the way in after it.
    const { school: structure } = await school.adminClient.get<TSchoolStructure>('/api/school/structure');
    const schoolCode = `${structure.joinCode.slice(0, 4)} ${structure.joinCode.slice(4)}`;
    await teacher.getByRole('link', { name: 'Распечатать для собрания' }).click();
    await teacher.getByRole('heading', { name: 'Листки для собрания', level: 1 }).waitFor();
    const slip = teacher.getByTestId('slip').first();
    expect(await slip.getByTestId('slip-code').textContent()).toBe(code);
    const text = (await slip.textContent()) ?? '';
    expect(text).toContain(`Наведите камеру телефона на QR-код или откройте ${host}/join и наберите код:`);
    expect(text).toContain(`Код не подходит? Откройте ${host}/school, код школы ${schoolCode}.`);
    await checkA11y(teacher, 'листки с кодом');
    await screenshot(teacher, 'desktop-slips-code');
    await teacher.emulateMedia({ media: 'print' });
    await screenshot(teacher, 'desktop-slips-code-paper');
    await teacher.emulateMedia({ media: 'screen' });
    await teacher.setViewportSize(phone);
    await screenshot(teacher, 'phone-slips-code');

    // A parent without a camera opens the printed page and types what the slip says.
    const { page: parent, errors: parentErrors } = await open(phone);
    await parent.goto('/join');
    await parent.getByRole('heading', { name: 'Ввести код с листочка', level: 1 }).waitFor();
    await checkA11y(parent, 'код с листочка');
    const field = parent.getByLabel('Код с листочка');
    await field.fill('K7M 4PX');
    await parent.getByRole('button', { name: 'Открыть приглашение' }).click();
    await parent.getByText('В коде 9 знаков — буквы и цифры, как на листке.').waitFor();
    // The school's code typed here instead leads to the school's page, with the code filled in.
    await field.fill(schoolCode);
    await parent.getByRole('button', { name: 'Открыть приглашение' }).click();
    await parent.getByRole('heading', { name: 'Присоединиться к школе', level: 1 }).waitFor();
    expect(await parent.getByLabel('Код школы').inputValue()).toBe(structure.joinCode);
    await parent.goBack();
    await parent.getByRole('heading', { name: 'Ввести код с листочка', level: 1 }).waitFor();
    // A code no invite has: said plainly; the code for support stays folded under «Подробнее».
    await field.fill(code.startsWith('AAA') ? 'CCC-CCC-CCC' : 'AAA-AAA-AAA');
    await parent.getByRole('button', { name: 'Открыть приглашение' }).click();
    await parent.getByText('Такого кода нет.', { exact: false }).waitFor();
    expect(await parent.getByText('Код для поддержки: invites.code_invalid').isVisible()).toBe(false);
    await checkA11y(parent, 'код не подходит');
    await screenshot(parent, 'phone-slip-code-wrong');
    await parent.getByText('Подробнее').click();
    await parent.getByText('Код для поддержки: invites.code_invalid').waitFor();

    await field.fill(` ${code.replaceAll('-', ' ').toLowerCase()} `);
    await screenshot(parent, 'phone-slip-code-typed');
    await parent.getByRole('button', { name: 'Открыть приглашение' }).click();
    await parent.getByRole('heading', { name: 'Родители 3А класса', level: 1 }).waitFor();
    await parent.getByText('Гимназия № 5 г. Казани').waitFor();
    await checkA11y(parent, 'приглашение по коду');
    await parent.getByRole('radio', { name: 'Тимур С.' }).check();
    await parent.getByLabel('Фамилия, имя и отчество').fill('Сабирова Гульнара Фаритовна');
    await parent.getByLabel('Пароль', { exact: true }).fill('family-password-7');
    await parent
      .getByRole('checkbox', {
        name: 'Принимаю правила школы и даю согласие на обработку персональных данных',
      })
      .check();
    await parent.getByRole('button', { name: 'Отправить заявку' }).click();
    await parent.getByRole('heading', { name: 'Заявка отправлена' }).waitFor();
    // The login Parta suggested from her name, which she may never have looked at.
    await parent.getByText('Ваш логин для входа: sabirova.gf.', { exact: false }).waitFor();
    await checkA11y(parent, 'заявка по коду отправлена');
    await screenshot(parent, 'phone-slip-code-sent');

    // The class teacher approves; the parent is in the class chat.
    const { requests } = await school.teacherClient.get<{ requests: TJoinRequest[] }>('/api/joins');
    const request = requests.find((item) => item.applicant.fullName === 'Сабирова Гульнара Фаритовна')!;
    expect(request.inviteId).not.toBeNull();
    await school.teacherClient.post(`/api/joins/${request.id}/approve`, {});
    await parent.getByRole('heading', { name: 'Вас приняли' }).waitFor();
    await parent.getByRole('link', { name: 'Перейти к чатам' }).click();
    await parent.getByRole('link', { name: /3А — родители/ }).click();
    await expect.poll(() => messageTexts(parent)).toEqual([school.earlierMessage]);

    // The code in the address works too: `/j/<code>`.
    const { page: other, errors: otherErrors } = await open(phone);
    await other.goto(`/j/${code.toLowerCase()}`);
    await other.getByRole('heading', { name: 'Родители 3А класса', level: 1 }).waitFor();
    // The login page names the school too.
    await other.goto('/login');
    await other.getByRole('heading', { name: 'Вход', level: 1 }).waitFor();
    await other.getByText('Гимназия № 5 г. Казани').waitFor();
    await checkA11y(other, 'вход');
    await screenshot(other, 'phone-login-school');

    expect(teacherErrors).toEqual([]);
    expect(parentErrors).toEqual([]);
    expect(otherErrors).toEqual([]);
  });
});
