// Crash safety: writes through the API and through forms while lis is killed with
// SIGKILL at random moments and restarted. Every write that was answered with success
// must be there afterwards, and the audit chain must still verify.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, lisStatus, sql } from './harness.mjs';

let server;
before(async () => { server = await startLis(); });
after(async () => { await server.stop(); });

test('every acknowledged write survives SIGKILL, and the audit chain holds', async () => {
  const api = await apiClient(server.base, 'admin@exempelkommun.se');
  const browser = await loggedIn(server.base, 'admin@exempelkommun.se');
  const parent = (await api.post('/api/v1/units', { name: `Crash ${Date.now()}`, kind: 'forvaltning', parent_id: 3 })).json;
  const acknowledged = [];
  let attempts = 0, running = true;
  const seed = Date.now();
  const worker = async (w) => {
    for (let i = 0; running; i++) {
      const name = `w${w}-${seed}-${i}`;
      attempts++;
      try {
        if (i % 2) {
          const r = await api.post('/api/v1/units', { name, kind: 'avdelning', parent_id: parent.id });
          if (r.status === 201) acknowledged.push(name);
        } else {
          const r = await browser.post('/units', { name, kind: 'avdelning', parent_id: String(parent.id) });
          if (r.status === 303) acknowledged.push(name);
        }
      } catch {
        // the connection died with lis: the outcome is unknown, so nothing is claimed
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const workers = [0, 1, 2, 3].map(worker);
  for (let k = 0; k < 6; k++) {
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
    await server.crashAndRestart();
  }
  await new Promise((r) => setTimeout(r, 300));
  running = false;
  await Promise.all(workers);
  assert.ok(acknowledged.length > 20, `only ${acknowledged.length} of ${attempts} writes acknowledged`);
  console.log(`${acknowledged.length} of ${attempts} writes acknowledged across 6 SIGKILLs`);
  const stored = new Set((await api.all(`/api/v1/units?parent_id=${parent.id}&limit=500`)).map((u) => u.name));
  const lost = acknowledged.filter((n) => !stored.has(n));
  assert.deepEqual(lost, [], `acknowledged but lost after SIGKILL: ${lost.join(', ')}`);
  const v = lisStatus('audit', 'verify');
  assert.equal(v.code, 0, v.out);
  // each stored unit has its audit row
  const audited = await api.all('/api/v1/audit?entity=units&action=create&limit=500');
  const ids = new Set(audited.map((x) => x.entity_id));
  for (const u of await api.all(`/api/v1/units?parent_id=${parent.id}&limit=500`))
    assert.ok(ids.has(String(u.id)), `unit ${u.id} has no audit row`);
});

// A self-assessment save writes many answers, their audit rows and the object's tally in one
// transaction. Killed at any moment, the object must show exactly one whole save — the last
// acknowledged one or the one in flight — and its tally must agree with its answers.
test('a self-assessment save is all or nothing across SIGKILL; the tally agrees', async () => {
  const coord = await loggedIn(server.base, 'admin@exempelkommun.se');
  const api = await apiClient(server.base, 'admin@exempelkommun.se');
  const object = (await api.get('/api/v1/objects?q=Ekonomi')).json.items[0];
  assert.ok(object, 'the demo object Ekonomi');
  const page = (await coord.get(`/objects/${object.id}/requirements`)).text;
  const area = page.match(/id="area-behorighet"[\s\S]*?<\/section>/)[0];
  const ids = [...area.matchAll(/name="status_(\d+)"/g)].map((m) => m[1]);
  assert.ok(ids.length >= 3, 'the area has requirements to answer');
  const statuses = ['met', 'partly', 'not_met', 'na'];
  // Every save tried since the last acknowledged one may have committed before its answer was
  // lost to the kill (later tries may meet a closed port), so any of them is a whole save.
  let acknowledged = null, running = true, saves = 0;
  let tried = [];
  const worker = async () => {
    for (let i = 0; running; i++) {
      // every save gives every requirement of the area a new status, so saves differ entirely
      const want = Object.fromEntries(ids.map((id, k) => [id, statuses[(i + k) % 4]]));
      const form = { area: 'behorighet' };
      for (const [id, s] of Object.entries(want)) form[`status_${id}`] = s;
      tried.push(want);
      try {
        const r = await coord.post(`/objects/${object.id}/requirements`, form);
        if (r.status === 303) { acknowledged = want; tried = []; saves++; }
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const w = worker();
  for (let k = 0; k < 4; k++) {
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 500));
    await server.crashAndRestart();
  }
  running = false;
  await w;
  assert.ok(saves > 3, `only ${saves} saves acknowledged`);
  const stored = Object.fromEntries((await api.all(`/api/v1/answers?object_id=${object.id}&limit=500`))
    .filter((a) => ids.includes(String(a.requirement_id))).map((a) => [String(a.requirement_id), a.status]));
  const same = (x) => x && ids.every((id) => stored[id] === x[id]);
  assert.ok(same(acknowledged) || tried.some(same), `a mixed state after SIGKILL: ${JSON.stringify(stored)}`);
  const drift = sql(`SELECT COUNT(*) FROM answer_tally t WHERE t.answered <> (SELECT COUNT(*) FROM answer a WHERE a.tenant_id = t.tenant_id AND a.object_id = t.object_id) OR t.met <> (SELECT COUNT(*) FROM answer a WHERE a.tenant_id = t.tenant_id AND a.object_id = t.object_id AND a.status = 'met')`).trim();
  assert.equal(drift, '0', 'every tally equals its answers');
  assert.equal(lisStatus('audit', 'verify').code, 0);
});
