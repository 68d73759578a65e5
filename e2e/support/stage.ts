import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { collectPageErrors, launchBrowser, openContext } from './browser.js';
import { type RunningServer, type ServerOptions, startServer } from './server.js';

export interface Stage {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** a new browser context (another person, another device), closed after the file */
  context(viewport: { width: number; height: number }): Promise<BrowserContext>;
  /** a page in a new context, with the page's errors collected */
  open(viewport: {
    width: number;
    height: number;
  }): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
}

/**
 * One built Parta and one Chromium for a test file: started before its tests,
 * stopped after them together with every context the tests opened.
 */
export function useStage(serverOptions: ServerOptions = {}): Stage {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer(serverOptions);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  const stage: Stage = {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
    async context(viewport) {
      const context = await openContext(browser!, server!.url, viewport);
      contexts.push(context);
      return context;
    },
    async open(viewport) {
      const context = await stage.context(viewport);
      const page = await context.newPage();
      return { context, page, errors: collectPageErrors(page) };
    },
  };
  return stage;
}
