import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { logIn, phone, screenshot } from './support/browser.js';
import {
  messageWith,
  openMenu,
  type ParentsClass,
  type Person,
  seedParentsClass,
  submitMessage,
} from './support/messaging.js';
import { useStage } from './support/stage.js';

const stage = useStage();
let school: ParentsClass;
const CHAT = '5А — родители';
const TEXT = 'Фото с экскурсии и заявление';

/** A photo of noise (so it does not compress away): big enough to watch its upload on a slow line. */
const photo = (width: number, height: number) =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .jpeg({ quality: 92 })
    .toBuffer();

/** A valid, empty PDF padded with a comment to about 1.2 MB. */
const pdf = Buffer.from(
  `%PDF-1.4\n%${'x'.repeat(1_250_000)}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
);

async function openChat(person: Person) {
  const side = await stage.open(phone);
  await logIn(side.page, person.login, person.password);
  await side.page.getByRole('link', { name: new RegExp(CHAT) }).click();
  await side.page.getByRole('heading', { name: CHAT, level: 1 }).waitFor();
  return side;
}

beforeAll(async () => {
  school = await seedParentsClass(stage.server.url);
});

describe('photos and documents in «5А — родители»', () => {
  it('upload with progress, show in the teacher’s chat and gallery, and vanish with the message', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const parent = await openChat(school.parents[0]!);
    const p = parent.page;

    // A slow line, so each file's progress is on screen while it goes.
    const cdp = await parent.context.newCDPSession(p);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 100,
      downloadThroughput: 1_000_000,
      uploadThroughput: 250_000,
    });
    await p.getByRole('button', { name: 'Прикрепить файл' }).waitFor();
    await p.getByTestId('attach-input').setInputFiles([
      { name: 'Экскурсия 1.jpg', mimeType: 'image/jpeg', buffer: await photo(640, 480) },
      { name: 'Экскурсия 2.jpg', mimeType: 'image/jpeg', buffer: await photo(360, 480) },
      { name: 'Заявление.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);
    const bars = p.getByRole('progressbar');
    await p.getByRole('progressbar', { name: 'Заявление.pdf' }).waitFor();
    expect(await bars.count()).toBeGreaterThanOrEqual(1);
    expect(Number(await bars.first().getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(0);
    await p.getByRole('button', { name: 'Отменить загрузку: Заявление.pdf' }).waitFor();
    expect(await p.locator('.composer__send').isDisabled()).toBe(true);
    await screenshot(p, 'phone-attach-uploading');

    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await bars.first().waitFor({ state: 'detached', timeout: 60_000 });
    expect(await p.getByText(/^Готово к отправке/).count()).toBe(3);
    await p.getByRole('textbox', { name: 'Сообщение' }).fill(TEXT);
    await screenshot(p, 'phone-attach-ready');
    await submitMessage(p);
    const sent = messageWith(p, TEXT);
    await sent.getByTestId('attachment-document').waitFor();
    expect(await p.getByTestId('upload').count()).toBe(0);

    // The teacher sees the two photos as a grid and the PDF as a card.
    const teacher = await openChat(school.teacher);
    const t = teacher.page;
    const message = messageWith(t, TEXT);
    await message.getByTestId('attachment-image').nth(1).waitFor();
    const card = message.getByTestId('attachment-document');
    expect(await card.textContent()).toContain('Заявление.pdf');
    expect(await card.textContent()).toMatch(/PDF · 1,2 МБ/);
    await message
      .locator('img')
      .nth(1)
      .evaluate((img: any) => img.decode());
    await screenshot(t, 'phone-attachments-teacher');

    // The gallery: the first photo, the next one, closed with Esc. (The server orders a
    // message's files by upload, not by `attachmentIds`: which photo is first is not asserted.)
    await message
      .getByRole('button', { name: /^Открыть фото Экскурсия/ })
      .first()
      .click();
    const gallery = t.getByRole('dialog', { name: 'Фото · 1 из 2' });
    await gallery.waitFor();
    await gallery.locator('img').evaluate((img: any) => img.decode());
    await screenshot(t, 'phone-gallery');
    await gallery.getByRole('button', { name: 'Следующее' }).click();
    await t.getByRole('dialog', { name: 'Фото · 2 из 2' }).waitFor();
    expect(await t.getByRole('link', { name: 'Скачать' }).getAttribute('download')).toMatch(
      /^Экскурсия \d\.jpg$/,
    );
    await t.keyboard.press('Escape');
    await t.getByTestId('gallery').waitFor({ state: 'detached' });
    await checkA11y(t, 'фото закрыто');

    // Only the chat's members have the files; once the message is deleted, nobody does.
    const href = (await card.getAttribute('href'))!;
    expect((await t.request.get(href)).status()).toBe(200);
    await expect(school.adminClient.get(href)).rejects.toThrow(': 404');
    const menu = await openMenu(p, sent);
    await menu.getByRole('button', { name: 'Удалить' }).click();
    const confirm = p.getByRole('dialog', { name: 'Удалить сообщение?' });
    await confirm.getByRole('button', { name: 'Удалить' }).click();
    await confirm.waitFor({ state: 'detached' });
    await t.getByTestId('message').filter({ hasText: 'Сообщение удалено' }).waitFor();
    expect((await t.request.get(href)).status()).toBe(404);
    expect(parent.errors).toEqual([]);
    expect(teacher.errors).toEqual([]);
  });

  it('say why a file is refused, offer «Повторить» after a lost connection; a lone photo keeps its shape before it loads', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const parent = await openChat(school.parents[1]!);
    const p = parent.page;
    const input = p.getByTestId('attach-input');

    // A program named like a document: the server's words and «×» (another try would be refused too).
    await input.setInputFiles([
      { name: 'Задание.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00program') },
    ]);
    const refused = p.getByTestId('upload');
    await refused.getByRole('alert').waitFor();
    expect(await refused.getByRole('alert').textContent()).toMatch(/PDF/);
    expect(await refused.getByRole('button', { name: 'Повторить' }).count()).toBe(0);
    expect(await p.locator('.composer__send').isDisabled()).toBe(true);
    await screenshot(p, 'phone-attach-refused');
    await refused.getByRole('button', { name: 'Убрать файл: Задание.exe' }).click();
    await refused.waitFor({ state: 'detached' });

    // Without a connection: «Повторить», which sends it once the connection is back.
    await parent.context.setOffline(true);
    await input.setInputFiles([
      { name: 'Расписание.jpg', mimeType: 'image/jpeg', buffer: await photo(300, 600) },
    ]);
    const lost = p.getByTestId('upload');
    await lost.getByText('Не удалось загрузить файл: нет соединения.').waitFor();
    await screenshot(p, 'phone-attach-offline');
    await parent.context.setOffline(false);
    await lost.getByRole('button', { name: 'Повторить' }).click();

    // A tall photo alone, with no text: its frame has the photo's shape from the start.
    await p.getByText(/^Готово к отправке/).waitFor();
    await submitMessage(p);
    const tile = p.getByRole('button', { name: 'Открыть фото Расписание.jpg' });
    const box = (await tile.boundingBox())!;
    expect(Math.abs(box.height / box.width - 2)).toBeLessThan(0.05);
    await tile.locator('img').evaluate((img: any) => img.decode());
    await screenshot(p, 'phone-attach-one-photo');
    expect(parent.errors).toEqual([]);
  });

  it('show a video as its poster with ▶ and its length, played in the viewer, and a voice message with a player', async () => {
    onTestFailed(() => console.error(`Parta's output:\n${stage.server.output()}`));
    const dir = mkdtempSync(path.join(tmpdir(), 'parta-media-'));
    const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...args]);
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'testsrc=duration=2:size=320x240:rate=10',
      '-pix_fmt',
      'yuv420p',
      path.join(dir, 'v.mp4'),
    );
    ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=3', '-c:a', 'libopus', path.join(dir, 'a.ogg'));
    const parent = await openChat(school.parents[2]!);
    const p = parent.page;
    await p.getByTestId('attach-input').setInputFiles([
      { name: 'Репетиция.mp4', mimeType: 'video/mp4', buffer: readFileSync(path.join(dir, 'v.mp4')) },
      { name: 'Голос.ogg', mimeType: 'audio/ogg', buffer: readFileSync(path.join(dir, 'a.ogg')) },
    ]);
    await p
      .getByText(/^Готово к отправке/)
      .nth(1)
      .waitFor();
    await submitMessage(p);
    const video = p.getByRole('button', { name: 'Смотреть видео Репетиция.mp4, 0:02' });
    await video.waitFor();
    const audio = p.getByTestId('attachment-audio');
    expect(await audio.textContent()).toContain('Голосовое сообщение · 0:03');
    expect(await audio.locator('audio').getAttribute('src')).toMatch(/^\/api\/files\/\d+$/);
    await video.locator('img').evaluate((img: any) => img.decode());
    await screenshot(p, 'phone-attach-video-voice');
    await video.click();
    const viewer = p.getByRole('dialog', { name: 'Видео' });
    await viewer.locator('video[controls]').waitFor();
    await checkA11y(p, 'видео');
    await p.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    expect(parent.errors).toEqual([]);
  });
});
