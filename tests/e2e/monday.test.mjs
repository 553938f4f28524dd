// Monday morning, per role, in the browser: a teacher (medarbetare) and the kommundirektör
// (ledning) log in on a laptop (1366 px) and on a phone (375 px). The teacher finds "Rapportera
// en incident" and a short menu; the kommundirektör sees where the kommun stands and reaches
// the lägesbild through the menu's "Uppföljning". The menu fits one line at 1366 px (also for
// the CISO, who has the most entries) and opens group by group on a phone, with and without
// JavaScript. Every page is checked with axe; screenshots go to LIS_E2E_SHOTS (or the
// system's temporary directory) to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { launch, newPage, login, visit, checkA11y } from './lib.mjs';

const SHOTS = process.env.LIS_E2E_SHOTS || join(tmpdir(), 'lis-e2e-shots');
mkdirSync(SHOTS, { recursive: true });
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 375, height: 740 };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function session(email, viewport, options = {}) {
  const s = await newPage(browser, { viewport, ...options });
  await login(s.page, email);
  return s;
}
const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

// On one line: every box's top within a few pixels of the first's (a link and a group's
// heading differ by their padding).
const oneLine = (boxes) => boxes.every((b) => Math.abs(b.top - boxes[0].top) < 8);
// The menu's top-level entries (Start, the groups) as boxes.
async function menuBoxes(page) {
  return page.locator('nav.main > ul > li').evaluateAll((lis) => lis.map((li) => {
    const r = li.getBoundingClientRect();
    return { text: li.querySelector('a, summary').textContent.trim(), top: r.top, bottom: r.bottom, right: r.right };
  }));
}
async function noSidewaysScroll(page, what) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= width, `${what} is ${scroll}px wide in a ${width}px window`);
}

test('a teacher on a laptop: "Rapportera en incident" first, a two-entry menu, no figures', async () => {
  const { context, page } = await session('medarbetare@exempelkommun.se', LAPTOP);
  try {
    await visit(page, '/home');
    await shot(page, 'monday-teacher-1366');
    const report = page.getByRole('link', { name: 'Rapportera en incident' }).first();
    assert.ok(await report.isVisible());
    assert.deepEqual((await menuBoxes(page)).map((b) => b.text), ['Start', 'Incidenter']);
    assert.equal(await page.locator('#figures').count(), 0, 'no figures for a teacher');
    assert.equal(await page.getByText('Öppna risker').count(), 0);
    assert.equal(await page.locator('a[href="/import"]').count(), 0);
    assert.ok(await page.getByRole('heading', { name: 'Att göra' }).isVisible());
    await Promise.all([page.waitForNavigation(), report.click()]);
    assert.equal(new URL(page.url()).pathname, '/incidents/new');
    await checkA11y(page, 'the report form');
  } finally {
    await context.close();
  }
});

test('the kommundirektör on a laptop: where the kommun stands, and the lägesbild through "Uppföljning"', async () => {
  const { context, page } = await session('ledning@exempelkommun.se', LAPTOP);
  try {
    await visit(page, '/home');
    const figures = page.locator('#figures');
    assert.ok(await figures.isVisible());
    assert.match(await figures.locator('h2').innerText(), /Läget: Hela organisationen/);
    assert.ok(await figures.locator('#fig-risks').isVisible());
    await shot(page, 'monday-ledning-1366');
    const boxes = await menuBoxes(page);
    assert.ok(oneLine(boxes), `one line: ${JSON.stringify(boxes)}`);
    const link = page.locator('nav.main a[href="/lagesbild"]');
    assert.equal(await link.isVisible(), false, 'the group is closed at first');
    await page.locator('nav.main summary', { hasText: 'Uppföljning' }).click();
    assert.ok(await link.isVisible());
    await checkA11y(page, 'the menu open');
    await shot(page, 'monday-ledning-1366-menu');
    await Promise.all([page.waitForNavigation(), link.click()]);
    assert.equal(new URL(page.url()).pathname, '/lagesbild');
    await checkA11y(page, 'the lägesbild');
    assert.equal(await page.locator('nav.main summary.current').innerText(), 'Uppföljning');
  } finally {
    await context.close();
  }
});

test('the CISO\'s menu, the longest, fits one line at 1366 px beside the brand and the tools', async () => {
  const { context, page } = await session('ciso@exempelkommun.se', LAPTOP);
  try {
    await visit(page, '/home');
    await shot(page, 'monday-ciso-1366');
    const boxes = await menuBoxes(page);
    assert.deepEqual(boxes.map((b) => b.text), ['Start', 'Arbete', 'Register', 'Uppföljning', 'Administration']);
    assert.ok(oneLine(boxes), `one line: ${JSON.stringify(boxes)}`);
    const tools = await page.locator('header.top .tools').boundingBox();
    assert.ok(tools.y < boxes[0].bottom && tools.x >= boxes.at(-1).right, 'the tools share the line');
    // opening one group closes another (with JavaScript)
    await page.locator('nav.main summary', { hasText: 'Arbete' }).click();
    await page.locator('nav.main summary', { hasText: 'Register' }).click();
    // details fire their toggle event after the click: wait for it rather than race it
    const openGroups = (n) => page.waitForFunction((k) => document.querySelectorAll('nav.main details[open]').length === k, n, { timeout: 5000 });
    await openGroups(1);
    assert.equal(await page.locator('nav.main details[open]').count(), 1);
    await page.keyboard.press('Escape');
    await openGroups(0);
    assert.equal(await page.locator('nav.main details[open]').count(), 0);
  } finally {
    await context.close();
  }
});

for (const [who, email] of [['teacher', 'medarbetare@exempelkommun.se'], ['ledning', 'ledning@exempelkommun.se']]) {
  for (const js of [true, false]) {
    test(`${who} on a phone${js ? '' : ' without JavaScript'}: a compact menu that opens group by group, nothing wider than the screen`, async () => {
      const { context, page } = await session(email, PHONE, js ? {} : { javaScriptEnabled: false });
      try {
        await visit(page, '/home');
        await noSidewaysScroll(page, `${who}'s start page`);
        const nav = await page.locator('nav.main').boundingBox();
        assert.ok(nav.height <= 80, `the menu is ${nav.height}px high on a phone`);
        if (js) await shot(page, `monday-${who}-phone`);
        const groups = page.locator('nav.main summary');
        if (await groups.count()) {
          const first = groups.first();
          await first.click();
          const panel = page.locator('nav.main details[open] > ul');
          assert.ok(await panel.isVisible());
          const box = await panel.boundingBox();
          assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `the open group fits: ${JSON.stringify(box)}`);
          await checkA11y(page, `${who}'s menu open on a phone`);
          if (js) await shot(page, `monday-${who}-phone-menu`);
          await noSidewaysScroll(page, `${who}'s open menu`);
        }
      } finally {
        await context.close();
      }
    });
  }
}
