// Single sign-on in the browser: the tenant administrator sets the kommun's provider (a
// real OpenID Connect provider on loopback, tests/oidc/provider.mjs, whose redirect URI is
// this lis's), a bad issuer refused with the error said at the top, the provider tested;
// then Maja clicks "Logga in med Exempelkommun", logs in at the provider, consents, lands on
// her start page, and on logging out is offered the provider's logout. Every lis page on
// the way is axe-checked (the provider's own pages are not lis's).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, login, visit, submit, checkA11y, BASE } from './lib.mjs';
import { startProvider } from '../oidc/provider.mjs';

const CLIENT_ID = 'lis-e2e', CLIENT_SECRET = 'e2e-hemlighet-1';
let browser, provider;
before(async () => {
  browser = await launch();
  provider = await startProvider({
    clientId: CLIENT_ID, clientSecret: CLIENT_SECRET,
    redirectUri: `${BASE}/login/sso/callback`, postLogoutUri: `${BASE}/login`,
  });
});
after(async () => { await browser?.close(); await provider?.close(); });

test('the administrator sets the provider, and Maja logs in and out through it', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page);
    assert.equal(await page.locator('nav.main a[href="/settings/sso"]').count(), 1);
    await visit(page, '/settings/sso');
    await page.check('#enabled');
    await page.fill('#display_name', 'Exempelkommun');
    await page.fill('#issuer', 'http://idp.exempel.se');
    await page.fill('#client_id', CLIENT_ID);
    await page.fill('#client_secret', CLIENT_SECRET);
    await page.fill('#email_claim', 'email');
    await page.fill('#allowed_domains', 'exempelkommun.se');
    await page.check('#unknown-refuse');
    await submit(page, 'form[action="/settings/sso"] button[type=submit]', { label: 'a bad issuer' });
    assert.match(await page.locator('[role=alert]').innerText(), /Ange utfärdarens adress med https:\/\//);
    await page.fill('#issuer', provider.issuer);
    await page.fill('#client_secret', CLIENT_SECRET);
    await submit(page, 'form[action="/settings/sso"] button[type=submit]', { label: 'saved' });
    assert.match(await page.locator('[role=status]').innerText(), /Inställningarna är sparade/);
    assert.equal(await page.locator('#client_secret').inputValue(), '');
    await submit(page, '#test-provider', { label: 'provider tested' });
    assert.match(await page.locator('[role=status]').innerText(), /Leverantören svarar/);
    await submit(page, 'form[action="/logout"] button[type=submit]', { label: 'logged out' });

    // Maja, at the login page
    await visit(page, '/login');
    await Promise.all([page.waitForURL(`${provider.issuer}/**`), page.click('button:has-text("Logga in med Exempelkommun")')]);
    await page.fill('input[name=login]', 'medarbetare');
    await page.fill('input[name=password]', 'vad-som-helst');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    if (await page.locator('input[name=prompt][value=consent]').count()) {
      await Promise.all([page.waitForURL(`${BASE}/**`), page.click('button[type=submit]')]);
    }
    await page.waitForURL(`${BASE}/home`);
    await checkA11y(page, 'start page after single sign-on');
    await submit(page, 'form[action="/logout"] button[type=submit]', { label: 'signed out page' });
    assert.match(await page.locator('h1').innerText(), /Du är utloggad/);
    const href = await page.locator('#provider-logout').getAttribute('href');
    assert.ok(href.startsWith(provider.issuer), href);
  } finally {
    await context.close();
  }
});

// The provider dies with this file: the button goes with it, and the login page is as the
// other browser tests expect it.
test('the administrator switches the provider off again', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page);
    await visit(page, '/settings/sso');
    await page.uncheck('#enabled');
    await submit(page, 'form[action="/settings/sso"] button[type=submit]', { label: 'switched off' });
    assert.match(await page.locator('[role=status]').innerText(), /Inställningarna är sparade/);
    await submit(page, 'form[action="/logout"] button[type=submit]', { label: 'logged out' });
    await visit(page, '/login');
    assert.equal(await page.locator('button:has-text("Logga in med")').count(), 0);
  } finally {
    await context.close();
  }
});
