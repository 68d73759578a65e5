import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { checkA11y } from './a11y.js';
import { repoRoot } from './server.js';

export const artifactsDir = path.join(repoRoot, 'e2e/artifacts');

const flags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const phone = { width: 360, height: 640 };
export const desktop = { width: 1280, height: 800 };

/** Debian's chromium with exactly these flags (`headless: false` so Playwright adds no headless flag of its own). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PARTA_CHROMIUM ?? '/usr/bin/chromium',
    headless: false,
    args: flags,
  });
}

/** A person's browser: Russian locale, the given screen, clipboard allowed for «Скопировать». */
export async function openContext(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    deviceScaleFactor: 1,
    hasTouch: viewport.width < 600,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  // Chromium logs a blocked inline script but not a blocked eval that the page caught: the event has both.
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) =>
      console.error('Content Security Policy violation: ' + event.violatedDirective + ' ' + event.blockedURI + ' at ' + event.sourceFile + ':' + event.lineNumber + ':' + event.columnNumber));`,
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Checks the screen with axe (see a11y.ts), then keeps a picture of it. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await checkA11y(page, name);
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The texts of the messages on screen, top to bottom. */
export async function messageTexts(page: Page): Promise<string[]> {
  return page.getByTestId('message-body').allInnerTexts();
}

/** Logs in through the login page and waits for the chat list. */
export async function logIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Вход' }).waitFor();
  await checkA11y(page, 'вход');
  await page.getByLabel('Логин, e-mail или телефон').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: 'Чаты', level: 1 }).waitFor();
  await checkA11y(page, 'чаты после входа');
}

/**
 * Uncaught errors of a page, and what it broke of the server's
 * Content-Security-Policy (Chromium logs each violation as a console error);
 * a scenario ends by checking there were none.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      errors.push(message.text());
    }
  });
  return errors;
}
