// bench/load.mjs - the load simulation of bench/multi.sh (issue 23 point 6): the people of
// many kommuner, each with their roles' daily mix, against several lis processes on one
// database; prints throughput and p50/p99 per request kind as a Markdown table.
//
//   LOAD_BASES=http://127.0.0.1:P1,http://127.0.0.1:P2   the lis processes
//   LOAD_USERS=FILE      one person a line: tenant code TAB e-mail TAB roles (comma-separated)
//   LOAD_SECONDS=30      how long the day lasts (the run stops by itself)
//   LOAD_CONCURRENCY=16  people at work at the same moment (each one request at a time)
//   LOAD_PASSWORD=demo-password-1
//
// A person logs in once (their first visit) and then makes visits of 5-15 clicks from
// their role's mix (reads of /home, lists, a record; now and then a write: an incident
// reported, an action's progress noted, a requirement answered). Each visit goes to one
// of the processes in turn, as a load balancer without sticky sessions would send it:
// the session lives in the database. Every person comes from an address of their own on
// loopback (127.x.y.z), as the people of different town halls would: login throttling
// counts per address. Only loopback is ever addressed.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const env = process.env;
const bases = (env.LOAD_BASES || '').split(',').filter(Boolean).map((b) => new URL(b));
const seconds = Number(env.LOAD_SECONDS || 30);
const concurrency = Number(env.LOAD_CONCURRENCY || 16);
const password = env.LOAD_PASSWORD || 'demo-password-1';
if (!bases.length || bases.some((b) => !/^127\./.test(b.hostname))) throw new Error('LOAD_BASES: loopback URLs');
if (!(seconds >= 1 && seconds <= 3600)) throw new Error('LOAD_SECONDS must be 1 to 3600');
const people = readFileSync(env.LOAD_USERS, 'utf8').trim().split('\n').map((line, i) => {
  const [tenant, email, roles] = line.split('\t');
  return { tenant, email, roles: (roles || '').split(','), i };
});

// The daily mix of each role: [weight, what]. A person with several roles uses the mix of
// the first role found in this order.
const mixes = {
  it_security: [[30, 'home'], [15, 'list /incidents'], [10, 'list /incidents/open'], [10, 'record incidents'],
    [10, 'list /risks'], [10, 'list /actions'], [5, 'record actions'], [4, 'update action'], [2, 'report incident'],
    [4, 'list /lagesbild']],
  coordinator: [[30, 'home'], [15, 'list /actions'], [10, 'record actions'], [10, 'list /classifications'],
    [10, 'list /inventory/coverage'], [10, 'list /systems'], [5, 'record systems'], [5, 'update action'],
    [5, 'answer requirement']],
  info_owner: [[35, 'home'], [20, 'list /classifications'], [10, 'list /systems'], [10, 'record systems'],
    [10, 'list /classification'], [10, 'list /actions'], [5, 'answer requirement']],
  info_manager: [[30, 'home'], [20, 'list /systems'], [15, 'record systems'], [15, 'list /classifications'],
    [10, 'list /actions'], [5, 'answer requirement'], [5, 'update action']],
  system_owner: [[35, 'home'], [25, 'list /systems'], [20, 'record systems'], [10, 'list /actions'],
    [10, 'answer requirement']],
  forum_member: [[40, 'home'], [20, 'list /documents'], [15, 'list /risks'], [15, 'list /lagesbild'],
    [10, 'list /actions']],
  employee: [[70, 'home'], [20, 'list /documents'], [7, 'list /incidents'], [3, 'report incident']],
};
mixes.ciso = mixes.it_security;
mixes.tenant_admin = mixes.coordinator;
mixes.ledning = mixes.forum_member;
mixes.auditor = mixes.info_manager.filter(([, what]) => !what.includes(' ') || what.startsWith('list') || what.startsWith('record'));
const order = Object.keys(mixes);
const mixOf = (p) => mixes[order.find((r) => p.roles.includes(r)) || 'employee'];
const pick = (arr) => arr[Math.floor(Math.random() * arr.length)];
function draw(mix) {
  let n = Math.random() * mix.reduce((s, [w]) => s + w, 0);
  for (const [w, what] of mix) if ((n -= w) < 0) return what;
  return mix[0][1];
}

// ---- one person's browser: cookies, the CSRF token, one connection, an address ----
const stats = new Map(); // kind -> { ms: [], errors, statuses }
const perBase = bases.map(() => 0);
let stopAt = 0;
function record(kind, ms, ok, status) {
  let s = stats.get(kind);
  if (!s) stats.set(kind, (s = { ms: [], errors: 0, statuses: new Map() }));
  s.ms.push(ms);
  if (!ok) {
    s.errors++;
    s.statuses.set(status, (s.statuses.get(status) || 0) + 1);
  }
}
class Person {
  constructor(p) {
    Object.assign(this, p);
    const n = p.i + 1;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1,
      localAddress: `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${(n & 255) || 1}` });
    this.cookies = new Map();
    this.csrf = '';
    this.ids = {}; // records seen in lists: kind -> [id]
    this.base = 0;
  }
  // A kept-alive connection lis closed after its idle timeout (60 s) while this person was
  // away is reset when reused: the request never reached lis, and a browser sends it again
  // on a new connection, as this does (once; Node's documented pattern, req.reusedSocket).
  request(method, path, form, retried = false) {
    const base = bases[this.base];
    const body = form ? new URLSearchParams({ _csrf: this.csrf, ...form }).toString() : null;
    const headers = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    return new Promise((resolve) => {
      const req = http.request({ host: base.hostname, port: base.port, method, path, headers, agent: this.agent,
        timeout: 30000 }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          for (const c of res.headers['set-cookie'] || []) {
            const [pair] = c.split(';');
            const eq = pair.indexOf('=');
            if (/Max-Age=0/i.test(c)) this.cookies.delete(pair.slice(0, eq));
            else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
          }
          const text = Buffer.concat(chunks).toString('utf8');
          const t = text.match(/name="_csrf" value="([^"]+)"/);
          if (t) this.csrf = t[1];
          resolve({ status: res.statusCode, text, location: res.headers.location });
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (err) => {
        if (!retried && req.reusedSocket && err.code === 'ECONNRESET')
          resolve(this.request(method, path, form, true));
        else resolve({ status: 0, text: '' });
      });
      if (body) req.write(body);
      req.end();
    });
  }
  async timed(kind, method, path, form, good = [200]) {
    const t0 = process.hrtime.bigint();
    const r = await this.request(method, path, form);
    record(kind, Number(process.hrtime.bigint() - t0) / 1e6, good.includes(r.status), r.status);
    perBase[this.base]++;
    return r;
  }
  async login() {
    const page = await this.timed('login (GET /login, POST /login)', 'GET', '/login');
    const pre = (page.text.match(/name="_pre" value="([^"]+)"/) || [])[1] || '';
    const r = await this.timed('login (GET /login, POST /login)', 'POST', '/login',
      { _pre: pre, email: this.email, password, next: '/home' }, [303]);
    this.loggedIn = r.status === 303;
  }
  remember(kind, text) {
    const ids = [...text.matchAll(new RegExp(`href="/${kind}/(\\d+)"`, 'g'))].map((m) => m[1]);
    if (ids.length) this.ids[kind] = ids;
  }
  async act(what) {
    const [verb, arg] = what.split(' ');
    if (verb === 'home') {
      await this.timed('/home', 'GET', '/home');
    } else if (verb === 'list') {
      const r = await this.timed(`list ${arg}`, 'GET', arg);
      this.remember(arg.slice(1), r.text);
    } else if (verb === 'record') {
      if (!this.ids[arg]) this.remember(arg, (await this.timed(`list /${arg}`, 'GET', `/${arg}`)).text);
      if (this.ids[arg]) await this.timed(`record /${arg}/ID`, 'GET', `/${arg}/${pick(this.ids[arg])}`);
    } else if (what === 'report incident') {
      await this.timed('write: report an incident (form)', 'GET', '/incidents/new');
      await this.timed('write: report an incident (form)', 'POST', '/incidents', {
        title: `Misstänkt nätfiske ${Date.now() % 100000}`, what_happened: 'Ett mejl bad mig logga in på en okänd sida.',
        discovered_at: new Date(Date.now() - 3600e3).toISOString().slice(0, 16), affected: 'E-post', contact: '' }, [303]);
    } else if (what === 'update action') {
      if (!this.ids.actions) this.remember('actions', (await this.timed('list /actions', 'GET', '/actions')).text);
      if (!this.ids.actions) return;
      const id = pick(this.ids.actions);
      // the action's page first: only those it offers an edit button to change it
      const page = await this.timed('record /actions/ID', 'GET', `/actions/${id}`);
      if (!page.text.includes(`href="/actions/${id}/edit"`)) return;
      const form = await this.timed('write: note an action\'s progress (edit form)', 'GET', `/actions/${id}/edit`);
      const fields = formFields(form.text, `/actions/${id}`);
      if (!fields) return;
      fields.progress = `${fields.progress || ''}\nLägesrapport ${new Date().toISOString().slice(0, 10)}`.slice(-7000);
      delete fields._csrf;
      await this.timed('write: note an action\'s progress (edit form)', 'POST', `/actions/${id}`, fields, [303]);
    } else if (what === 'answer requirement') {
      if (!this.ids.objects) this.remember('objects', (await this.timed('list /objects', 'GET', '/objects')).text);
      if (!this.ids.objects) return;
      let obj; // an object whose page offers its self-assessment (one with a protection need): up to three looked at
      for (let i = 0; i < 3 && !obj; i++) {
        const page = await this.timed('record /objects/ID', 'GET', `/objects/${pick(this.ids.objects)}`);
        obj = (page.text.match(/href="\/objects\/(\d+)\/requirements"/) || [])[1];
      }
      if (!obj) return;
      const page = await this.timed('write: answer a requirement (self-assessment)', 'GET', `/objects/${obj}/requirements`);
      const reqs = [...page.text.matchAll(/name="status_(\d+)"/g)].map((m) => m[1]);
      if (!reqs.length) return;
      await this.timed('write: answer a requirement (self-assessment)', 'POST', `/objects/${obj}/requirements`,
        { [`status_${pick(reqs)}`]: pick(['met', 'partly', 'not_met']) }, [303]);
    }
  }
}

// The fields a form would send as it stands: inputs, checked boxes, selected options, texts.
function formFields(html, action) {
  const form = [...html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)]
    .find(([, open]) => open.includes(`action="${action}"`))?.[2];
  if (!form) return null;
  const fields = {};
  const attr = (tag, a) => (tag.match(new RegExp(`\\s${a}="([^"]*)"`)) || [])[1];
  const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const name = attr(tag, 'name'), type = attr(tag, 'type') || 'text';
    if (!name || type === 'submit' || ((type === 'checkbox' || type === 'radio') && !/\schecked/.test(tag))) continue;
    fields[name] = unescape(attr(tag, 'value') || '');
  }
  for (const [, open, inner] of form.matchAll(/<select([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attr(open, 'name');
    const sel = inner.match(/<option[^>]*value="([^"]*)"[^>]*\sselected/);
    if (name) fields[name] = unescape(sel ? sel[1] : '');
  }
  for (const [, open, inner] of form.matchAll(/<textarea([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attr(open, 'name');
    if (name) fields[name] = unescape(inner.replace(/^\n/, ''));
  }
  return fields;
}

// ---- the day: CONCURRENCY people at work at once, each visit by the next person in line ----
const queue = people.map((p) => new Person(p)).sort(() => Math.random() - 0.5);
let next = 0, visits = 0, turn = 0;
async function worker() {
  while (Date.now() < stopAt) {
    const p = queue[next++ % queue.length];
    if (p.busy) continue;
    p.busy = true;
    p.base = turn++ % bases.length;
    if (!p.loggedIn) await p.login();
    if (p.loggedIn) {
      const clicks = 5 + Math.floor(Math.random() * 11);
      for (let i = 0; i < clicks && Date.now() < stopAt; i++) await p.act(draw(mixOf(p)));
      visits++;
    }
    p.busy = false;
    if (!p.loggedIn) await new Promise((r) => setTimeout(r, 10));
  }
}
const started = Date.now();
stopAt = started + seconds * 1000;
await Promise.all(Array.from({ length: Math.min(concurrency, people.length) }, worker));
const elapsed = (Date.now() - started) / 1000;

const q = (sorted, f) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * f) - 1)] : 0;
const fmt = (v) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
let total = 0, errors = 0;
const rows = [...stats].sort((a, b) => b[1].ms.length - a[1].ms.length).map(([kind, s]) => {
  const ms = s.ms.sort((a, b) => a - b);
  total += ms.length;
  errors += s.errors;
  const why = [...s.statuses].map(([st, n]) => `${n}× ${st || 'no answer'}`).join(', ');
  return `| ${kind} | ${ms.length} | ${(ms.length / elapsed).toFixed(1)} | ${fmt(q(ms, 0.5))} | ${fmt(q(ms, 0.99))} | ${s.errors}${why ? ` (${why})` : ''} |`;
});
const all = [...stats.values()].flatMap((s) => s.ms).sort((a, b) => a - b);
const tenants = new Set(queue.filter((p) => p.loggedIn).map((p) => p.tenant)).size;
console.log(`| request kind | requests | req/s | p50 ms | p99 ms | errors |`);
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
console.log(`| **all** | ${total} | ${(total / elapsed).toFixed(1)} | ${fmt(q(all, 0.5))} | ${fmt(q(all, 0.99))} | ${errors} |`);
console.log();
console.log(`${elapsed.toFixed(0)} s, ${Math.min(concurrency, people.length)} people at work at once out of ` +
  `${people.length} (${queue.filter((p) => p.loggedIn).length} logged in, of ${tenants} kommuner), ${visits} visits; ` +
  `requests per process: ${perBase.join(' / ')}.`);
process.exitCode = errors > total / 100 ? 1 : 0;
