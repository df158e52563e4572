// The agency's one-stop clerk: finds a dossier the post delivered, makes the
// result shipment and prints its label, lists shipments, hands results over
// to the post office, which confirms them by scanning. Writes need the CSRF
// token.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  USERS,
  csrfToken,
  fetchInContext,
  hanoiTime,
  launchBrowser,
  login,
  newCitizen,
  newContext,
  newDossierCode,
  screenshot,
  startServer,
  trackingNumbersIn,
  uuid,
} from './harness.mjs';

let server;
let browser;
let clerk; // { context, page } of canbo.dx
const citizen = newCitizen();
const dossierCode = newDossierCode('UBND-DX');
let dossierTn; // delivered to UBND-DX with dossierCode
let anomalyTn; // delivered, then scanned again: one anomaly
let resultTn; // made by the clerk on the page
let handoverId;
let otherResultTn; // listed on the handover, never scanned by the post office

async function checkPdf(context, href, what) {
  const res = await fetchInContext(context, href);
  assert.equal(res.status, 200, `${what}: ${href}`);
  assert.match(res.type, /^application\/pdf/, `${what}: content-type`);
  assert.equal(res.body.subarray(0, 4).toString('latin1'), '%PDF', `${what}: a PDF`);
}

/** Every tracking number of a shipments list the API gives this context. */
async function apiShipmentNumbers(context, query) {
  const numbers = new Set();
  let cursor = null;
  do {
    const url = `/api/v1/shipments?${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await context.request.get(url);
    assert.equal(res.status(), 200, url);
    const body = await res.json();
    for (const s of body.items) numbers.add(s.tracking_number);
    cursor = body.next_cursor;
  } while (cursor);
  return numbers;
}

describe('clerk and handover pages', () => {
  before(async () => {
    server = await startServer();
    const dossier = await server.createDossier({ citizen });
    dossierTn = dossier.tracking_number;
    await server.scan(dossierTn, 'accepted', { secondsAgo: 4 * 3600 });
    await server.scan(dossierTn, 'dispatched', { secondsAgo: 3 * 3600 });
    await server.scan(dossierTn, 'arrived', { office: 'UBND-DX', secondsAgo: 2 * 3600 });
    await server.scan(dossierTn, 'delivered', { office: 'UBND-DX', secondsAgo: 3600, dossier_code: dossierCode });

    anomalyTn = (await server.createDossier()).tracking_number;
    await server.scan(anomalyTn, 'accepted', { secondsAgo: 3 * 3600 });
    await server.scan(anomalyTn, 'delivered', { office: 'UBND-DX', secondsAgo: 2 * 3600, dossier_code: newDossierCode() });
    const late = await server.scan(anomalyTn, 'arrived', { secondsAgo: 3600 });
    assert.equal(late.event.anomaly, true, 'an arrival after the delivery is an anomaly');

    otherResultTn = (await server.createResult()).tracking_number;

    browser = await launchBrowser();
    const context = await newContext(browser, server);
    clerk = { context, page: await context.newPage() };
  });

  after(async () => {
    await browser?.close();
    if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
  });

  it('the clerk logs in', async () => {
    const { page } = clerk;
    await page.goto('/staff/login');
    await screenshot(page, 'staff-login');
    await login(page, USERS.clerkDx);
    assert.equal(new URL(page.url()).pathname, '/staff');
    await screenshot(page, 'staff-clerk-home');
  });

  it('finds the delivered dossier by its code, creates the result and prints its label', async () => {
    const { page, context } = clerk;
    const res = await page.goto(`/staff/dossiers?code=${encodeURIComponent(dossierCode)}`);
    assert.equal(res.status(), 200);
    assert.ok(
      trackingNumbersIn(await page.locator('main').innerText()).includes(dossierTn),
      `the page shows the dossier ${dossierTn}`,
    );
    const form = page.locator('form#result-form');
    const values = await form.locator('input, textarea, select').evaluateAll((els) => els.map((e) => e.value));
    assert.ok(values.includes(citizen.name), `the form is prefilled with the citizen (${values.join(' | ')})`);
    assert.ok(values.includes(citizen.address.line), 'and the citizen’s address');
    await screenshot(page, 'staff-dossier');

    const token = await csrfToken(page);
    assert.ok(token, '<meta name="csrf-token">');
    const [post] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/shipments'),
      page.click('button#create-result'),
    ]);
    assert.equal(post.headers()['x-csrf-token'], token, 'the page sends X-CSRF-Token');
    const created = page.locator('#result-created');
    await created.waitFor();
    const shown = [...new Set(trackingNumbersIn(await created.innerText()))];
    assert.equal(shown.length, 1, `#result-created shows the new number: ${await created.innerText()}`);
    resultTn = shown[0];
    assert.notEqual(resultTn, dossierTn);

    const result = await server.shipment(resultTn);
    assert.equal(result.kind, 'result');
    assert.equal(result.agency.code ?? result.agency, 'UBND-DX');
    assert.equal(result.dossier_code, dossierCode);
    assert.equal(result.citizen.name, citizen.name);
    assert.ok(JSON.stringify(result.linked).includes(dossierTn), 'linked to its dossier');

    const href = await page.locator('#result-created a#print-label').evaluate((a) => a.href);
    assert.equal(new URL(href).pathname, `/api/v1/shipments/${resultTn}/label`);
    await checkPdf(context, href, 'label');
    await screenshot(page, 'staff-result-created');
  });

  /** The shipments a list page links to, checked against the API with the same filters. */
  async function checkList(query, apiQuery) {
    const { page, context } = clerk;
    const res = await page.goto(`/staff/shipments?${query}`);
    assert.equal(res.status(), 200);
    const links = await page
      .locator('table#shipments tbody tr a[href^="/staff/shipments/"]')
      .evaluateAll((as) => as.map((a) => new URL(a.href).pathname.split('/').pop()));
    const rows = await page.locator('table#shipments tbody tr').count();
    const allowed = await apiShipmentNumbers(context, apiQuery);
    assert.equal(links.length, rows, `${query}: one link a row`);
    const outside = links.filter((tn) => !allowed.has(tn));
    assert.equal(
      outside.length,
      0,
      `${query}: ${outside.length} of ${rows} rows do not match the filter (the API has ${allowed.size}), ` +
        `e.g. ${outside.slice(0, 3).join(', ')}`,
    );
    return { rows, allowed };
  }

  it('lists shipments filtered by kind and status', async () => {
    const { rows } = await checkList('kind=dossier&status=delivered', 'kind=dossier&status=delivered');
    assert.ok(rows >= 1, 'rows');
    await screenshot(clerk.page, 'staff-shipments');
  });

  it('the overdue filter (the form\'s checkbox) lists only overdue shipments', async () => {
    const { page } = clerk;
    await page.goto('/staff/shipments');
    await page.check('#f-overdue');
    await Promise.all([page.waitForURL(/overdue=true/), page.click('form.filters button[type=submit]')]);
    const query = new URL(page.url()).search.slice(1);
    await checkList(query, 'overdue=true');
  });

  it('shows a shipment with its timeline, anomalies, notifications and label links', async () => {
    const { page, context } = clerk;
    await page.goto(`/staff/shipments/${anomalyTn}`);
    const s = await server.shipment(anomalyTn);
    assert.equal(await page.locator('ol.timeline > li').count(), s.events.length, 'one li per event');
    assert.equal(
      await page.locator('ol.timeline > li.anomaly').count(),
      s.events.filter((e) => e.anomaly).length,
      'anomalies are marked',
    );
    assert.equal(await page.locator('table#notifications').count(), 1);
    for (const format of ['pdf', 'png', 'zpl']) {
      const href = await page.locator(`a.label-link[data-format="${format}"]`).evaluate((a) => a.href);
      const url = new URL(href);
      assert.equal(url.pathname, `/api/v1/shipments/${anomalyTn}/label`);
      assert.equal(url.searchParams.get('format'), format);
    }
    await checkPdf(context, await page.locator('a.label-link[data-format="pdf"]').evaluate((a) => a.href), 'label');
    const png = await fetchInContext(context, await page.locator('a.label-link[data-format="png"]').evaluate((a) => a.href));
    assert.equal(png.status, 200);
    assert.match(png.type, /^image\/png/);
    await screenshot(page, 'staff-shipment');
  });

  it('hands the results over to the post office on a list, with its document', async () => {
    const { page, context } = clerk;
    await page.goto('/staff/handovers/new');
    await screenshot(page, 'staff-handover-new');
    await page.selectOption('#handover-to', 'BK-TP');
    for (const [i, tn] of [resultTn, otherResultTn].entries()) {
      await page.click('#handover-code');
      await page.keyboard.type(tn);
      await page.keyboard.press('Enter');
      await page.locator('ul#handover-items li').nth(i).waitFor();
      const listed = (await page.locator('ul#handover-items li').allInnerTexts()).flatMap(trackingNumbersIn);
      assert.ok(listed.includes(tn), `${tn} listed: ${listed}`);
    }
    assert.equal(await page.locator('ul#handover-items li').count(), 2);
    await Promise.all([
      page.waitForURL((u) => /^\/staff\/handovers\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new')),
      page.click('button#handover-create'),
    ]);
    handoverId = new URL(page.url()).pathname.split('/').pop();

    const handover = await server.api('GET', `/api/v1/handovers/${handoverId}`);
    assert.equal(handover.status, 200, handover.text);
    assert.equal(handover.json.status, 'open');
    const listed = JSON.stringify(handover.json.items);
    assert.ok(listed.includes(resultTn) && listed.includes(otherResultTn), 'both results listed');
    assert.ok(JSON.stringify(handover.json).includes('BK-TP'), 'to BK-TP');

    const href = await page.locator('a#handover-document').evaluate((a) => a.href);
    await checkPdf(context, href, 'handover document');
    await screenshot(page, 'staff-handover');
  });

  it('the post office confirms what it received by scanning; the missing result is named', async () => {
    assert.ok(handoverId, 'a handover list was made');
    const context = await newContext(browser, server);
    try {
      const page = await context.newPage();
      await login(page, USERS.postalTp, `/staff/handovers/${handoverId}`);
      assert.equal(new URL(page.url()).pathname, `/staff/handovers/${handoverId}`, 'login goes back to ?next=');
      await page.click('#confirm-code');
      await page.keyboard.type(resultTn);
      await page.keyboard.press('Enter');
      await page.locator('ul#confirm-received li').first().waitFor();
      assert.equal(await page.locator('ul#confirm-received li').count(), 1);
      assert.ok(
        trackingNumbersIn(await page.locator('ul#confirm-received li').first().innerText()).includes(resultTn),
        'the scanned result is listed as received',
      );
      await page.click('button#confirm-submit');
      const result = page.locator('#confirm-result');
      await result.waitFor();
      const text = await result.innerText();
      assert.ok(trackingNumbersIn(text).includes(otherResultTn), `#confirm-result names the missing ${otherResultTn}: ${text}`);
      assert.ok(!trackingNumbersIn(text).includes(resultTn), `the received ${resultTn} is not missing: ${text}`);
      await screenshot(page, 'staff-handover-confirmed');

      const handover = await server.api('GET', `/api/v1/handovers/${handoverId}`);
      assert.equal(handover.json?.status, 'confirmed', handover.text);
      assert.equal((await server.shipment(resultTn)).status, 'accepted', 'the received result is accepted');
      assert.equal((await server.shipment(otherResultTn)).status, 'created', 'the missing one is not');
    } finally {
      await context.close();
    }
  });

  it('an API write with the session cookie but without X-CSRF-Token is refused with 403', async () => {
    const { page, context } = clerk;
    const tn = (await server.createResult()).tracking_number;
    await page.goto('/staff');
    const token = await csrfToken(page);
    const scan = () => ({
      event_id: uuid(),
      tracking_number: tn,
      type: 'accepted',
      office: 'UBND-DX',
      occurred_at: hanoiTime(60),
    });

    const refused = await context.request.post('/api/v1/scans', { data: scan() });
    assert.equal(refused.status(), 403, await refused.text());
    const wrong = await context.request.post('/api/v1/scans', { data: scan(), headers: { 'X-CSRF-Token': 'x' + token } });
    assert.equal(wrong.status(), 403, 'a wrong token is refused too');
    assert.equal((await server.shipment(tn)).events.length, 0, 'nothing recorded');

    const taken = await context.request.post('/api/v1/scans', { data: scan(), headers: { 'X-CSRF-Token': token } });
    assert.equal(taken.status(), 201, await taken.text());
    assert.equal((await server.shipment(tn)).events.length, 1);
  });
});
