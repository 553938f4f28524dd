// harness.mjs - starts a real lis (the ASan build) on the database named by LIS_TEST_DB
// (SQLite file or PostgreSQL URL) and talks to it over real HTTP, as a browser or an
// API client would.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

export const BIN = process.env.LIS_BIN || 'build/lis-debug';
export const DB = process.env.LIS_TEST_DB || '/tmp/lis-api-test.sqlite';
export const ENGINE = process.env.LIS_ENGINE || 'sqlite';
export const PASSWORD = 'demo-password-1';

export function lis(...args) {
  return execFileSync(BIN, [...args, '--db', DB], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function lisStatus(...args) {
  try {
    return { code: 0, out: lis(...args) };
  } catch (e) {
    return { code: e.status, out: (e.stdout || '') + (e.stderr || '') };
  }
}

// Runs SQL directly against the database, for tests that tamper with it as an attacker
// with database access would.
export function sql(statement) {
  if (DB.startsWith('postgres')) {
    const u = new URL(DB);
    return execFileSync('psql', ['-h', u.searchParams.get('host'), '-p', u.searchParams.get('port'),
      '-U', u.searchParams.get('user'), '-d', u.pathname.slice(1), '-At', '-c', statement], { encoding: 'utf8' });
  }
  return execFileSync('sqlite3', [DB, statement], { encoding: 'utf8' });
}

// True when a listener can be bound on 127.0.0.1:port right now.
function canListen(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

// `count` consecutive free ports for a lis to listen on. They are taken below the kernel's
// ephemeral range (32768 and up), where an outgoing connection of any test (PostgreSQL,
// fetch) may hold the same number at the moment lis binds it.
export async function freePorts(count = 1) {
  for (;;) {
    const first = 20000 + Math.floor(Math.random() * (32768 - 20000 - count));
    let ok = true;
    for (let i = 0; i < count && ok; i++) ok = await canListen(first + i);
    if (ok) return first;
  }
}

export async function startLis(extraArgs = []) {
  lis('demo', '--password', PASSWORD);
  let port = await freePorts();
  let proc, stderr = '';
  const spawnServer = async () => {
    stderr = '';
    proc = spawn(BIN, ['serve', '--db', DB, '--listen', `127.0.0.1:${port}`, '--threads', '2', ...extraArgs], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1' },
    });
    proc.stderr.on('data', (d) => { stderr += d; });
    for (let i = 0; i < 200; i++) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/health`);
        if (r.ok) return;
      } catch { /* not up yet */ }
      if (proc.exitCode !== null) {
        await new Promise((r) => setTimeout(r, 100)); // the last of its stderr
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`lis did not start: ${stderr}`);
  };
  // Another test may take the port between the check and lis's bind: start again on another.
  for (let attempt = 0; ; attempt++) {
    try {
      await spawnServer();
      break;
    } catch (e) {
      if (attempt >= 4 || !/cannot listen/.test(stderr)) throw e;
      port = await freePorts();
    }
  }
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    // Stops lis and fails when the sanitizers reported anything (leaks included).
    async stop() {
      proc.kill('SIGTERM');
      await once(proc, 'exit');
      assert.doesNotMatch(stderr, /ERROR: (Address|Leak)Sanitizer|runtime error:/, stderr);
      return stderr;
    },
    // Kills lis as a power cut or an OOM killer would, then starts it again.
    async crashAndRestart() {
      proc.kill('SIGKILL');
      await once(proc, 'exit');
      await spawnServer();
    },
  };
}

// The Set-Cookie headers of a response, also on Node 18 (no Headers.getSetCookie there):
// a comma followed by "name=" starts the next cookie. A name is any RFC 7230 token (the
// OpenID provider's "_interaction.sig" has a dot); an Expires date's comma is followed by a
// day number and a space, never by "=".
export function setCookies(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const joined = headers.get('set-cookie');
  return joined ? joined.split(/,\s*(?=[!#$%&'*+.^_`|~0-9A-Za-z-]+=)/) : [];
}

// A browser: keeps cookies, never follows redirects by itself.
export class Browser {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
    this.csrf = null;
  }
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async request(method, path, { form, body, headers = {} } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    let payload = body;
    if (form) {
      h['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(form).toString();
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const cookies = setCookies(res.headers);
    for (const c of cookies) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const k = pair.slice(0, eq), v = pair.slice(eq + 1);
      if (/Max-Age=0/.test(c)) this.cookies.delete(k); else this.cookies.set(k, v);
    }
    // raw bytes: a BOM at the start of a CSV must stay visible to the tests
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    const m = text.match(/name="_csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1];
    return { status: res.status, headers: res.headers, cookies, text, location: res.headers.get('location') };
  }
  get(path) { return this.request('GET', path); }
  // Posts a form the way the page would, with the CSRF token of the last page seen.
  async post(path, form = {}) {
    if (!this.csrf) await this.get('/home');
    return this.request('POST', path, { form: { _csrf: this.csrf, ...form } });
  }
  // Posts a form with a file, as multipart/form-data: fields plus { file: [name, bytes] }.
  async upload(path, fields, fileField, filename, bytes) {
    if (!this.csrf) await this.get('/home');
    const fd = new FormData();
    fd.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    fd.append(fileField, new Blob([bytes], { type: 'text/csv' }), filename);
    return this.request('POST', path, { body: fd });
  }
  async login(email, password = PASSWORD) {
    const page = await this.get('/login');
    const pre = page.text.match(/name="_pre" value="([^"]+)"/)[1];
    const res = await this.request('POST', '/login', { form: { _pre: pre, email, password, next: '/home' } });
    if (res.status === 303) await this.get('/home');
    return res;
  }
}

export async function loggedIn(base, email, password = PASSWORD) {
  const b = new Browser(base);
  const res = await b.login(email, password);
  assert.equal(res.status, 303, `login as ${email}: ${res.status}`);
  return b;
}

// Creates a personal API token through the UI, as a user would, and returns a client.
export async function apiClient(base, email) {
  const b = await loggedIn(base, email);
  const page = await b.post('/tokens', { name: `test ${Date.now()}` });
  assert.equal(page.status, 200, page.text);
  const token = page.text.match(/id="new-token">([^<]+)</)[1];
  return new Api(base, token);
}

export class Api {
  constructor(base, token) {
    this.base = base;
    this.token = token;
  }
  async call(method, path, body, { contentType = 'application/json', raw } = {}) {
    const headers = { authorization: `Bearer ${this.token}` };
    let payload;
    if (raw !== undefined) { payload = raw; headers['content-type'] = contentType; }
    else if (body !== undefined) { payload = JSON.stringify(body); headers['content-type'] = contentType; }
    const res = await fetch(this.base + path, { method, headers, body: payload });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, json, text, headers: res.headers };
  }
  get(p) { return this.call('GET', p); }
  post(p, b) { return this.call('POST', p, b ?? {}); }
  patch(p, b) { return this.call('PATCH', p, b); }
  delete(p) { return this.call('DELETE', p); }
  // Every page of a list, following the keyset cursor.
  async all(p) {
    const items = [];
    let next = null;
    do {
      const sep = p.includes('?') ? '&' : '?';
      const r = await this.get(next ? `${p}${sep}after=${encodeURIComponent(next)}` : p);
      assert.equal(r.status, 200, r.text);
      items.push(...r.json.items);
      next = r.json.next;
    } while (next);
    return items;
  }
}

export function unique(prefix) {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

// A PDF page's text as pdftotext reads it (-layout keeps columns side by side, -raw keeps
// each cell's lines together in drawing order), after checking it is a PDF.
export async function pdfText(browser, path, mode = '-layout') {
  return execFileSync('pdftotext', [mode, await pdfFile(browser, path), '-'], { encoding: 'utf8' });
}

// The PDF at path saved to a temporary file (after checking it is a PDF); its name.
export async function pdfFile(browser, path) {
  const res = await fetch(browser.base + path, { headers: { cookie: browser.cookieHeader() } });
  assert.equal(res.status, 200, path);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const file = join(mkdtempSync(join(tmpdir(), 'lis-pdf-')), 'doc.pdf');
  writeFileSync(file, bytes);
  return file;
}

// What a screen reader gets from a tagged PDF: pdfinfo's facts (Tagged, Pages, Title) and
// the structure tree as text (one element per line, indented by depth, text in quotes).
export function pdfStructure(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const fact = (name) => (info.match(new RegExp(`^${name}:\\s*(.*)$`, 'm')) || [])[1];
  const tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
  return { tagged: fact('Tagged'), pages: Number(fact('Pages')), title: fact('Title'), tree };
}
