// totp.mjs - RFC 6238 codes computed by the tests themselves (node's crypto, HMAC-SHA1,
// 30-second steps, 6 digits), so a test types what an authenticator app would show.
import { createHmac } from 'node:crypto';

export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const i = alphabet.indexOf(c);
    if (i < 0) throw new Error(`not base32: ${c}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The code of the step `offset` steps from now.
export function totp(secretBase32, offset = 0, now = Date.now()) {
  const step = Math.floor(now / 1000 / 30) + offset;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const at = mac[mac.length - 1] & 15;
  const number = (mac.readUInt32BE(at) & 0x7fffffff) % 1000000;
  return String(number).padStart(6, '0');
}

// Waits until the current step has at least `margin` seconds left, so a code typed now is
// still this step's when lis checks it (never a timing assertion: only a wait).
export async function freshStep(margin = 5) {
  const left = 30 - (Math.floor(Date.now() / 1000) % 30);
  if (left < margin) await new Promise((r) => setTimeout(r, left * 1000 + 200));
}
