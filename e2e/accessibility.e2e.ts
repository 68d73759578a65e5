import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y } from './support/a11y.js';
import { launchBrowser } from './support/browser.js';

/** The checker itself: a screen with a planted fault fails, naming the rule and the element. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the accessibility check every scenario runs', () => {
  it('passes a tidy page and fails one with an unnamed button, pale text in the dark theme, and no <main>', async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<html lang="ru"><title>Проверка</title><main><h1>Чаты</h1><button>Отправить</button></main></html>',
    );
    await checkA11y(page, 'аккуратная страница');

    await page.setContent(`<html lang="ru"><title>Проверка</title>
      <style>@media (prefers-color-scheme: dark) { body { background: #111; color: #333; } }</style>
      <div><h1>Чаты</h1><button id="unnamed"></button></div></html>`);
    const failure = await checkA11y(page, 'испорченная страница').then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toContain('Accessibility violations on «испорченная страница»');
    expect(failure).toContain('[light] button-name');
    expect(failure).toContain('#unnamed');
    expect(failure).toContain('[light] landmark-one-main');
    expect(failure).toContain('[dark] color-contrast');
    await page.close();
  });
});
