import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2.1 A and AA, plus two best practices the app keeps: every screen has
 * one `<main>`, and all its content sits in landmarks.
 */
const everything: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  rules: { region: { enabled: true }, 'landmark-one-main': { enabled: true } },
  resultTypes: ['violations'],
};
/** What the theme changes: the same screen again in dark colours. */
const colours: RunOptions = {
  runOnly: { type: 'rule', values: ['color-contrast', 'link-in-text-block'] },
  resultTypes: ['violations'],
};

type Violations = AxeResults['violations'];

/** Strings, not functions, go to `evaluate`: the e2e code is typed for Node, not the DOM. */
async function runAxe(page: Page, options: RunOptions): Promise<Violations> {
  if (!(await page.evaluate("'axe' in window"))) await page.evaluate(axeSource);
  const results = (await page.evaluate(`axe.run(${JSON.stringify(options)})`)) as AxeResults;
  return results.violations;
}

function describe(theme: string, violations: Violations): string[] {
  return violations.map((violation) => {
    const nodes = violation.nodes
      .map(
        (node) =>
          `    ${node.target.join(' ')}  ${node.html.slice(0, 160)}\n      ${node.failureSummary?.replaceAll('\n', '\n      ')}`,
      )
      .join('\n');
    return `  [${theme}] ${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
  });
}

/**
 * Runs axe-core on what the page shows now, in the light and the dark theme,
 * and throws on any violation, naming the screen, each rule, its help and the
 * elements it found.
 *
 * axe goes in through `page.evaluate`, which Chromium runs over the DevTools
 * protocol outside the page's Content-Security-Policy: no script tag, no
 * `bypassCSP`, so the server's strict `script-src 'self'` stays in force for
 * the app and browser.ts still catches every violation the app itself causes.
 */
export async function checkA11y(page: Page, screen: string): Promise<void> {
  const light = await runAxe(page, everything);
  // Without motion the buttons change colour at once, not over 0.15 s while axe reads them.
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  const dark = await runAxe(page, colours).finally(async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate('document.body.offsetHeight');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
  });
  const report = [...describe('light', light), ...describe('dark', dark)];
  if (report.length === 0) return;
  throw new Error(`Accessibility violations on «${screen}» (${page.url()}):\n${report.join('\n')}`);
}
