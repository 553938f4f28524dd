// Crash safety: writes through the API and through forms while lis is killed with
// SIGKILL at random moments and restarted. Every write that was answered with success
// must be there afterwards, and the audit chain must still verify.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLis, loggedIn, apiClient, lisStatus } from './harness.mjs';

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
