// Shared helpers of the browser tests: the real dossier-tracker server on a
// fresh demo database and port 0, the API with the admin token, Chromium
// (Debian's /usr/bin/chromium driven by playwright-core), screenshots and the
// staff login. Everything talks to 127.0.0.1 only.
//
// Environment: TRACKER_BIN (the dossier-tracker binary), SCREENSHOT_DIR
// (where screenshots go), CHROMIUM (default /usr/bin/chromium).
import { spawn, execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TRACKER_BIN =
  process.env.TRACKER_BIN || path.resolve(here, '../../build/src/cli/dossier-tracker');
export const SCREENSHOT_DIR =
  process.env.SCREENSHOT_DIR || path.join(tmpdir(), 'dossier-tracker-screenshots');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** How long a page gets to show what a test waits for. */
export const WAIT_MS = 20_000;

// Demo users made by `dossier-tracker demo`.
export const USERS = {
  postalTp: { username: 'buudien.tp', password: 'buudien-demo', office: 'BK-TP' },
  postalCm: { username: 'buudien.cm', password: 'buudien-demo', office: 'BK-CM' },
  clerkDx: { username: 'canbo.dx', password: 'canbo-demo', office: 'UBND-DX' },
  clerkSc: { username: 'canbo.sc', password: 'canbo-demo', office: 'UBND-SC' },
  supervisorTp: { username: 'giamsat.tp', password: 'giamsat-demo', office: 'BK-TP' },
};
export const AGENCY_CODES = { 'UBND-DX': '000.00.19.H12', 'UBND-SC': '000.00.20.H12' };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- S10 numbers

const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/** The UPU S10 check digit of an 8-digit serial. */
export function checkDigit(serial) {
  const sum = [...serial].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

/** The same number with a wrong check digit (a typing mistake). */
export function withWrongCheckDigit(tn) {
  const wrong = (Number(tn[10]) + 1) % 10;
  return tn.slice(0, 10) + wrong + tn.slice(11);
}

/** A valid S10 that the server never issued (it counts up from EC000000…). */
export function unknownTrackingNumber(serial = '98765432') {
  return `EC${serial}${checkDigit(serial)}VN`;
}

/** "ec 000 002 797 vn": how a citizen might type a number. */
export function spacedLowerCase(tn) {
  return `${tn.slice(0, 2)} ${tn.slice(2, 5)} ${tn.slice(5, 8)} ${tn.slice(8, 11)} ${tn.slice(11)}`.toLowerCase();
}

/** Tracking numbers in a text, whether written whole or in groups. */
export function trackingNumbersIn(text) {
  const re = /\b[A-Z]{2} ?\d{3} ?\d{3} ?\d{3} ?[A-Z]{2}\b/g;
  return [...text.matchAll(re)].map((m) => m[0].replace(/ /g, ''));
}

// ---------------------------------------------------------------- times, codes

/** RFC 3339 in Asia/Ho_Chi_Minh time, `secondsAgo` before now. */
export function hanoiTime(secondsAgo = 0) {
  const t = new Date(Date.now() - secondsAgo * 1000 + 7 * 3600 * 1000);
  return t.toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

let dossierSequence = 1000 + Math.floor(Math.random() * 8000);
/** A fresh Circular 01/2018 dossier code of the agency, dated today. */
export function newDossierCode(agency = 'UBND-DX') {
  const yymmdd = hanoiTime().slice(2, 10).replace(/-/g, '');
  dossierSequence += 1;
  return `${AGENCY_CODES[agency]}-${yymmdd}-${String(dossierSequence).padStart(4, '0')}`;
}

let citizenCounter = 0;
/** A citizen with a distinct name and phone. */
export function newCitizen() {
  citizenCounter += 1;
  const n = String(citizenCounter).padStart(4, '0');
  return {
    name: 'Nguyễn Văn An',
    phone: `091234${n}`,
    address: { line: `Tổ ${citizenCounter}`, commune_code: '01840', province_code: '19' },  // phường Đức Xuân, tỉnh Thái Nguyên
  };
}

// ---------------------------------------------------------------- the server

// While someone rebuilds, the binary may be missing or half written for a
// moment: these errors mean "try again shortly", not "the test failed".
const REBUILDING = new Set(['ENOENT', 'EACCES', 'ETXTBSY', 'ENOEXEC']);
const BINARY_WAIT_MS = 180_000;

async function retryWhileRebuilding(fn) {
  const deadline = Date.now() + BINARY_WAIT_MS;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (!REBUILDING.has(e.code) || Date.now() > deadline) throw e;
      await sleep(1000);
    }
  }
}

/** Waits until the binary exists, has not changed for 2 s and answers --version. */
async function waitForBinary() {
  await retryWhileRebuilding(async () => {
    const age = existsSync(TRACKER_BIN) ? Date.now() - statSync(TRACKER_BIN).mtimeMs : -1;
    if (age < 2000) throw Object.assign(new Error(`no finished dossier-tracker at ${TRACKER_BIN}`), { code: 'ENOENT' });
    await promisify(execFile)(TRACKER_BIN, ['--version'], { timeout: 30_000 });
  });
}

async function runTool(args) {
  await waitForBinary();
  const { stdout } = await retryWhileRebuilding(() =>
    promisify(execFile)(TRACKER_BIN, args, { timeout: 120_000 }),
  );
  return stdout;
}

const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `dossier-tracker serve` on a fresh demo database and port 0.
 * Returns { url, token, api, stop, … }; stop() sends SIGTERM and resolves
 * with the exit code (0 expected).
 */
/** `dossier-tracker serve` on port 0; resolves once it prints its address. */
async function spawnServe(db, listen = '127.0.0.1:0') {
  await waitForBinary();
  const child = spawn(
    TRACKER_BIN,
    ['serve', '--db', db, '--listen', listen, '--public-url', 'http://127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-20_000);
  });
  let spawnError = null;
  const exited = new Promise((resolve) => {
    child.on('error', (e) => {
      spawnError = e;
      running.delete(child);
      resolve(e.code);
    });
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal);
    });
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not listen in 30 s:\n${stderr}`));
    }, 30_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(spawnError ?? new Error(`server exited (${code}) before listening:\n${stderr}`));
    });
  });
  child.stdout.resume();
  return { child, url, exited, stderr: () => stderr };
}

export async function startServer() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tracker-browser-'));
  const db = path.join(dir, 't.db');
  let token;
  let serve;
  try {
    await runTool(['demo', '--db', db]);
    token = (await runTool(['admin-token', '--db', db])).trim();
    if (!/^\S+$/.test(token)) throw new Error(`admin-token printed ${JSON.stringify(token)}`);
    serve = await retryWhileRebuilding(() => spawnServe(db));
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let { child, exited } = serve;
  const { url, stderr } = serve;
  const server = {
    url,
    token,
    db,
    dir,
    stderr,
    /** fetch with the admin token; returns { status, headers, text, json }. */
    api: (method, apiPath, body, options = {}) => request(url, method, apiPath, body, { token, ...options }),
    /** The network is gone for real: the server stops (SIGTERM), keeping its database. */
    async down() {
      child.kill('SIGTERM');
      return exited;
    },
    /** …and comes back on the same port and database. */
    async up() {
      const again = await spawnServe(db, new URL(url).host);
      child = again.child;
      exited = again.exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
  Object.assign(server, domainHelpers(server));
  return server;
}

/** fetch against the server; `token` adds the bearer, `headers` more. */
export async function request(base, method, apiPath, body, { token, headers = {}, redirect = 'follow' } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await fetch(base + apiPath, {
    method,
    headers: h,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, text, json };
}

function expectStatus(res, wanted, what) {
  if (res.status !== wanted) {
    throw new Error(`${what}: HTTP ${res.status} (wanted ${wanted}): ${res.text.slice(0, 800)}`);
  }
  return res.json;
}

// Shipments and scans made with the admin token, for the tests' setup.
function domainHelpers(server) {
  const { api } = server;
  return {
    /** A dossier shipment (citizen → agency) taken in at `office`. */
    async createDossier({ agency = 'UBND-DX', office = 'BK-TP', citizen = newCitizen(), dossierCode } = {}) {
      const body = {
        kind: 'dossier',
        agency,
        office,
        route: 'same_commune',
        procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
        citizen,
        documents: [{ name: 'Tờ khai đăng ký khai sinh', original: true, copies: 1 }],
        notify: [],
      };
      if (dossierCode) body.dossier_code = dossierCode;
      return expectStatus(await api('POST', '/api/v1/shipments', body), 201, 'create dossier');
    },
    /** A result shipment (agency → citizen) for a dossier code. */
    async createResult({ agency = 'UBND-DX', dossierCode = newDossierCode(agency), citizen = newCitizen() } = {}) {
      const body = {
        kind: 'result',
        agency,
        route: 'same_commune',
        procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
        dossier_code: dossierCode,
        citizen,
        documents: [{ name: 'Giấy khai sinh', original: true, copies: 1 }],
        notify: [],
      };
      return expectStatus(await api('POST', '/api/v1/shipments', body), 201, 'create result');
    },
    /** Records a scan; `secondsAgo` sets occurred_at. */
    async scan(tn, type, { office = 'BK-TP', secondsAgo = 0, ...extra } = {}) {
      const body = {
        event_id: randomUUID(),
        tracking_number: tn,
        type,
        office,
        occurred_at: hanoiTime(secondsAgo),
        ...extra,
      };
      return expectStatus(await api('POST', '/api/v1/scans', body), 201, `scan ${type} ${tn}`);
    },
    async shipment(tn) {
      return expectStatus(await api('GET', `/api/v1/shipments/${tn}`), 200, `shipment ${tn}`);
    },
  };
}

// ---------------------------------------------------------------- the browser

/** Debian's Chromium, headless, with nothing that calls out. */
export function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A browser context on the server (relative URLs work), with short waits. */
export async function newContext(browser, server, options = {}) {
  const context = await browser.newContext({ baseURL: server.url, ...options });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(60_000);
  return context;
}

/** Saves `<name>-360.png` and `<name>-1280.png` (full page) in SCREENSHOT_DIR. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize();
  for (const [width, height] of [
    [360, 740],
    [1280, 900],
  ]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

/** Logs in through the login form; resolves on the page it lands on. */
export async function login(page, user, next) {
  await page.goto(next ? `/staff/login?next=${encodeURIComponent(next)}` : '/staff/login');
  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/staff/login')),
    page.click('#login-form button[type=submit]'),
  ]);
}

/** The CSRF token a staff page carries. */
export function csrfToken(page) {
  return page.getAttribute('meta[name="csrf-token"]', 'content');
}

/** Fetches `href` within the context (with its cookies); { status, type, body }. */
export async function fetchInContext(context, href) {
  const res = await context.request.get(href);
  return { status: res.status(), type: res.headers()['content-type'] ?? '', body: await res.body() };
}

/** A new UUID, as a scanning device makes for event_id. */
export const uuid = () => randomUUID();

// ---------------------------------------------------------------- the scan station

/**
 * The values of #scan-log > li[data-result] that end a scan: online, the
 * server's answer; offline, `queued` (the page may also show `queued` while a
 * scan is on its way, so online it is not taken as an answer).
 */
export const SCAN_RESULTS = {
  online: ['recorded', 'duplicate', 'refused', 'synced'],
  offline: ['queued', 'refused'],
};

/** True when the scan station's code field has the focus (a wedge scanner types there). */
export function scanFieldFocused(page) {
  return page.evaluate(() => document.activeElement?.id === 'scan-code');
}

/**
 * A keyboard-wedge scanner: types `code` into the focused field and presses
 * Enter; waits for a new first (newest) #scan-log entry with a result and
 * returns { trackingNumber, result, cue: {state, text} }.
 */
export async function wedgeScan(page, code, { offline = false } = {}) {
  const finals = offline ? SCAN_RESULTS.offline : SCAN_RESULTS.online;
  const before = await page.locator('#scan-log > li').count();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  try {
    const handle = await page.waitForFunction(
      ([n, wanted]) => {
        const lis = document.querySelectorAll('#scan-log > li');
        if (lis.length <= n) return null;
        const li = lis[0];
        const result = li.getAttribute('data-result');
        if (!wanted.includes(result)) return null;
        const cue = document.querySelector('#scan-cue');
        return {
          trackingNumber: li.getAttribute('data-tracking-number'),
          result,
          cue: { state: cue?.getAttribute('data-state') ?? null, text: cue?.textContent.trim() ?? '' },
        };
      },
      [before, finals],
    );
    return await handle.jsonValue();
  } catch (e) {
    const newest = await page
      .locator('#scan-log > li')
      .first()
      .evaluate((li) => li.outerHTML)
      .catch(() => 'none');
    throw new Error(`scan ${code}: no data-result in ${finals} on the newest #scan-log li (${newest}): ${e.message}`);
  }
}

/** Chooses the scan type (and what it needs) and gives the code field the focus. */
export async function chooseScanType(page, type) {
  await page.selectOption('#scan-type', type);
  await page.click('#scan-code');
}
