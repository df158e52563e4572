// What the staff pages' scripts share: the page texts, calls to our API
// with the session's CSRF token, the S10 check digit, event ids, and the
// success / error sounds of a scan.

export const lang = document.documentElement.lang === 'en' ? 'en' : 'vi';

const textsElement = document.getElementById('page-texts');
const texts = textsElement ? JSON.parse(textsElement.textContent) : {};
export function t(key) { return texts[key] ?? key; }

const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

// fetch() with the CSRF token; resolves {status, body} for any HTTP answer
// and rejects only when the network is gone (TypeError from fetch).
export async function api(method, path, body, contentType = 'application/json', extraHeaders = {}) {
  const headers = { 'X-CSRF-Token': csrf, 'Accept-Language': lang, ...extraHeaders };
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    payload = contentType === 'application/json' ? JSON.stringify(body) : body;
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  let data = null;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try { data = await response.json(); } catch { data = null; }
  }
  return { status: response.status, body: data };
}

// The problem+json detail (or title) of a refused request.
export function problemText(body) {
  if (!body) return t('cue.error');
  const field = body.errors?.[0]?.message;
  return body.detail || field || body.title || t('cue.error');
}

// S10: two letters, 8 digits, a check digit, two letters. The same
// normalisation as the server: upper case, spaces, tabs and dashes dropped.
export function checkS10(raw) {
  const code = raw.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(code)) return { ok: false, code, why: 'not_s10' };
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += weights[i] * Number(code[2 + i]);
  let check = 11 - (sum % 11);
  if (check === 10) check = 0;
  if (check === 11) check = 5;
  if (check !== Number(code[10])) return { ok: false, code, why: 'bad_check_digit' };
  return { ok: true, code };
}

// A UUID v4 from crypto.getRandomValues (randomUUID needs a secure context,
// which a scan station on a plain-HTTP intranet is not).
export function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// "EC 136 431 858 VN", as printed under the barcode.
export function grouped(code) {
  if (code.length !== 13) return code;
  return `${code.slice(0, 2)} ${code.slice(2, 5)} ${code.slice(5, 8)} ${code.slice(8, 11)} ${code.slice(11)}`;
}

let audio;
// One high beep for success, two low ones for an error: the worker hears
// the result without looking at the screen.
export function beep(ok) {
  try {
    audio ??= new AudioContext();
    const tones = ok ? [[880, 0, 0.12]] : [[220, 0, 0.15], [220, 0.22, 0.15]];
    for (const [freq, at, length] of tones) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      osc.type = ok ? 'sine' : 'square';
      gain.gain.value = 0.2;
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + at);
      osc.stop(audio.currentTime + at + length);
    }
  } catch {
    // No audio device: the visual cue is still there.
  }
}

// Shows a cue: data-state ok | error | queued, and its text.
export function cue(element, state, text) {
  element.dataset.state = state;
  element.textContent = text;
  if (state !== 'queued') beep(state === 'ok');
}

// Reads the wedge scanner: it types the code, then Enter, into the field.
export function onScan(input, handler) {
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const value = input.value.trim();
    input.value = '';
    if (value) handler(value);
  });
}
