// lib.mjs - shared helpers for the browser tests: launching Debian's Chromium through
// playwright-core, logging in, and running axe-core on every page a test visits.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE = (process.env.LIS_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
export const PASSWORD = process.env.LIS_DEMO_PASSWORD || 'demo-password-1';
export const ADMIN = 'admin@exempelkommun.se';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.LIS_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const noScript = new WeakSet(); // contexts made with javaScriptEnabled: false

// A page in a fresh context (its own cookies). bypassCSP lets axe's script in despite the
// pages' strict "script-src 'self'"; the pages themselves are unchanged. The locale is
// Swedish, as for the municipalities' own staff: lis picks its language from
// Accept-Language until a user chooses one.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ baseURL: BASE, bypassCSP: true, locale: 'sv-SE', ...options });
  if (options.javaScriptEnabled === false) noScript.add(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  return { context, page };
}

// Runs axe-core on the page as it is now and fails with a readable list of violations.
// axe cannot run in a page without JavaScript, so such a page is checked as a copy of its
// HTML (with the real stylesheet) shown in a scratch page that has JavaScript.
export async function checkA11y(page, label = '') {
  const where = `${label ? label + ' ' : ''}${page.url()}`;
  const target = noScript.has(page.context()) ? await scratchCopy(page) : page;
  await target.addScriptTag({ path: AXE });
  const result = await target.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  const text = result.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.map((n) => `    at ${n.target}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`).join('\n')).join('\n');
  assert.equal(result.length, 0, `axe found ${result.length} accessibility violation(s) on ${where}:\n${text}`);
}

const scratches = new WeakMap(); // browser -> { page, html }

async function scratchCopy(page) {
  const browser = page.context().browser();
  let s = scratches.get(browser);
  if (!s) {
    const context = await browser.newContext({ baseURL: BASE, bypassCSP: true, locale: 'sv-SE' });
    s = { page: await context.newPage(), html: '' };
    await s.page.route(`${BASE}/__e2e_copy__`, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: s.html }));
    scratches.set(browser, s);
  }
  s.html = await page.content();
  await s.page.goto('/__e2e_copy__');
  return s.page;
}

// Navigates and checks the response status and accessibility.
export async function visit(page, path, { status = 200, label } = {}) {
  const res = await page.goto(path);
  assert.equal(res.status(), status, `GET ${path}: status ${res.status()}`);
  await checkA11y(page, label);
  return res;
}

export async function login(page, email = ADMIN, password = PASSWORD) {
  await visit(page, '/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await submit(page, 'form[action="/login"] button[type=submit]', { label: `after login as ${email}` });
  assert.equal(new URL(page.url()).pathname, '/home', `login as ${email} should lead to /home`);
}

// The language button in the header (or on the login page).
export async function switchLanguage(page) {
  return submit(page, 'form[action="/lang"] button[name=lang]', { label: 'after switching language' });
}

// Submits a form by clicking its button, waits for the page it leads to (after any
// redirect) and checks that page's accessibility. Returns the final response.
export async function submit(page, buttonSelector, { label } = {}) {
  const [res] = await Promise.all([page.waitForNavigation(), page.click(buttonSelector)]);
  await checkA11y(page, label);
  return res;
}

// The menu's words in order: its links and its groups' headings, also those of closed
// groups (whose links are not shown until the group is opened).
export function navTexts(page) {
  return page.locator('header.top nav a, header.top nav summary').evaluateAll((els) => els.map((e) => e.textContent.trim()));
}
