// The scan station (/staff) driven like a postal counter: a keyboard-wedge
// scanner types each code and presses Enter, fifty in a row; refusals on the
// spot and from the server; a failed delivery with its reason; a delivery
// with the recipient's details.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  USERS,
  chooseScanType,
  launchBrowser,
  login,
  newContext,
  scanFieldFocused,
  screenshot,
  startServer,
  unknownTrackingNumber,
  wedgeScan,
  withWrongCheckDigit,
} from './harness.mjs';

let server;
let browser;
let context;
let page;
const scanRequests = []; // POST /api/v1/scans… the page made

/** The number of scan requests the page sent while `fn` ran. */
async function requestsDuring(fn) {
  const n = scanRequests.length;
  const value = await fn();
  return { value, requests: scanRequests.length - n };
}

describe('scan station', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser, server);
    page = await context.newPage();
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/api/v1/scans')) scanRequests.push(r.url());
    });
  });

  after(async () => {
    await browser?.close();
    if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
  });

  it('a staff page without a session redirects to the login page, which knows where to go back', async () => {
    for (const target of ['/staff', '/staff/shipments?status=delivered&kind=dossier', '/staff/handovers/new']) {
      const res = await server.api('GET', target, undefined, { token: null, redirect: 'manual' });
      assert.equal(res.status, 303, target);
      const location = new URL(res.headers.get('location'), server.url);
      assert.equal(location.pathname, '/staff/login', target);
      assert.equal(location.searchParams.get('next'), target);
    }
  });

  it('a wrong password shows an error on the login page', async () => {
    await page.goto('/staff/login');
    await page.fill('#username', USERS.postalTp.username);
    await page.fill('#password', 'not-the-password');
    await page.click('#login-form button[type=submit]');
    await page.locator('.error').waitFor();
    assert.ok((await page.locator('.error').innerText()).trim().length > 0);
    assert.equal(new URL(page.url()).pathname.startsWith('/staff/login'), true);
    await screenshot(page, 'staff-login-error');
  });

  it('logs in and lands on the scan station at the user’s office', async () => {
    await login(page, USERS.postalTp);
    assert.equal(new URL(page.url()).pathname, '/staff');
    assert.equal(await page.inputValue('#scan-office'), 'BK-TP');
    const types = await page.locator('#scan-type option').evaluateAll((os) => os.map((o) => o.value));
    for (const t of ['accepted', 'dispatched', 'arrived', 'out_for_delivery', 'delivered', 'delivery_failed', 'held', 'returned']) {
      assert.ok(types.includes(t), `#scan-type offers ${t}`);
    }
    assert.equal(await page.getAttribute('#scan-photo', 'type'), 'file');
    assert.ok(await scanFieldFocused(page), '#scan-code has the focus when the page opens');
    assert.ok(await page.locator('meta[name="csrf-token"]').getAttribute('content'), 'a CSRF token');
  });

  it('records fifty dossiers scanned one after another as accepted', async () => {
    const numbers = [];
    for (let i = 0; i < 50; i++) numbers.push((await server.createDossier()).tracking_number);

    await chooseScanType(page, 'accepted');
    for (const tn of numbers) {
      assert.ok(await scanFieldFocused(page), `#scan-code has the focus before ${tn}`);
      assert.equal(await page.inputValue('#scan-code'), '', 'the field is empty for the next code');
      const scan = await wedgeScan(page, tn);
      assert.deepEqual([scan.trackingNumber, scan.result], [tn, 'recorded'], JSON.stringify(scan));
      await page.locator('#scan-cue[data-state="ok"]').waitFor();
    }
    const logged = await page.locator('#scan-log > li').evaluateAll((lis) =>
      lis.slice(0, 50).map((li) => li.getAttribute('data-tracking-number')),
    );
    assert.deepEqual(logged, [...numbers].reverse(), 'the log lists the newest first');

    for (const tn of numbers) {
      const s = await server.shipment(tn);
      assert.equal(s.status, 'accepted', tn);
      assert.equal(s.events.length, 1, `${tn}: one event`);
      assert.equal(s.events[0].type, 'accepted');
      assert.equal(s.events[0].office, 'BK-TP');
      assert.equal(s.events[0].recorded_by, USERS.postalTp.username, 'recorded as the logged-in user');
    }
    await screenshot(page, 'staff-scan-station');
  });

  it('refuses a mistyped check digit on the spot, without asking the server', async () => {
    const tn = (await server.createDossier()).tracking_number;
    const wrong = withWrongCheckDigit(tn);
    await chooseScanType(page, 'accepted');
    const { value: scan, requests } = await requestsDuring(() => wedgeScan(page, wrong));
    assert.equal(scan.result, 'refused', JSON.stringify(scan));
    await page.locator('#scan-cue[data-state="error"]').waitFor();
    assert.equal(requests, 0, 'no request for a number that fails its check digit');
    assert.equal((await server.shipment(tn)).events.length, 0);
    await screenshot(page, 'staff-scan-refused');
  });

  it('refuses a valid number that the server does not know', async () => {
    await chooseScanType(page, 'accepted');
    const unknown = unknownTrackingNumber();
    const { value: scan, requests } = await requestsDuring(() => wedgeScan(page, unknown));
    assert.deepEqual([scan.trackingNumber, scan.result], [unknown, 'refused'], JSON.stringify(scan));
    await page.locator('#scan-cue[data-state="error"]').waitFor();
    assert.ok(requests >= 1, 'the server was asked');
  });

  it('shows the reason only for a failed delivery and the recipient only for a delivery', async () => {
    const visible = async () => ({
      reason: await page.locator('#scan-reason').isVisible(),
      recipient: await page.locator('#recipient').isVisible(),
      name: await page.locator('#recipient-name').isVisible(),
    });
    for (const [type, wanted] of [
      ['accepted', { reason: false, recipient: false, name: false }],
      ['delivery_failed', { reason: true, recipient: false, name: false }],
      ['delivered', { reason: false, recipient: true, name: true }],
      ['out_for_delivery', { reason: false, recipient: false, name: false }],
    ]) {
      await page.selectOption('#scan-type', type);
      assert.deepEqual(await visible(), wanted, `fields shown for ${type}`);
      assert.ok(await scanFieldFocused(page), `choosing ${type} gives the focus back to #scan-code`);
    }
  });

  it('records a failed delivery with its reason', async () => {
    const tn = (await server.createResult()).tracking_number;
    await server.scan(tn, 'accepted', { secondsAgo: 3600 });
    await server.scan(tn, 'out_for_delivery', { secondsAgo: 1800 });

    await page.selectOption('#scan-type', 'delivery_failed');
    await page.locator('#scan-reason').waitFor({ state: 'visible' });
    await page.selectOption('#scan-reason', 'addressee_absent');
    await page.click('#scan-code');
    const scan = await wedgeScan(page, tn);
    assert.deepEqual([scan.trackingNumber, scan.result], [tn, 'recorded'], JSON.stringify(scan));
    await page.locator('#scan-cue[data-state="ok"]').waitFor();

    const s = await server.shipment(tn);
    assert.equal(s.status, 'delivery_failed');
    const last = s.events.at(-1);
    assert.equal(last.type, 'delivery_failed');
    assert.equal(last.reason, 'addressee_absent');
    await screenshot(page, 'staff-scan-delivery-failed');
  });

  it('records a delivered result with the recipient’s name, relation and ID type', async () => {
    const tn = (await server.createResult()).tracking_number;
    await server.scan(tn, 'accepted', { secondsAgo: 3600 });
    await server.scan(tn, 'out_for_delivery', { secondsAgo: 1800 });

    await page.selectOption('#scan-type', 'delivered');
    await page.locator('#recipient').waitFor({ state: 'visible' });
    await page.fill('#recipient-name', 'Trần Thị Bình');
    await page.selectOption('#recipient-relation', 'proxy');
    await page.selectOption('#recipient-id-type', 'cccd');
    await page.click('#scan-code');
    const scan = await wedgeScan(page, tn);
    assert.deepEqual([scan.trackingNumber, scan.result], [tn, 'recorded'], JSON.stringify(scan));
    await page.locator('#scan-cue[data-state="ok"]').waitFor();

    const s = await server.shipment(tn);
    assert.equal(s.status, 'delivered');
    const last = s.events.at(-1);
    assert.equal(last.type, 'delivered');
    assert.deepEqual(
      { name: last.recipient?.name, relation: last.recipient?.relation, id_type: last.recipient?.id_type },
      { name: 'Trần Thị Bình', relation: 'proxy', id_type: 'cccd' },
    );
    await screenshot(page, 'staff-scan-delivered');
  });
});
