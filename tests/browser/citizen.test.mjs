// The citizen's pages: the lookup form on / and the timeline on /track/{code},
// in Vietnamese and English, with and without JavaScript, on a 360-px phone
// and over a slow 3G line.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  launchBrowser,
  newDossierCode,
  newContext,
  screenshot,
  spacedLowerCase,
  startServer,
  unknownTrackingNumber,
  withWrongCheckDigit,
} from './harness.mjs';

const CITIZEN = {
  name: 'Nguyễn Văn An',
  phone: '0912345678',
  address: { line: 'Tổ 5', commune_code: '01840', province_code: '19' },  // phường Đức Xuân, tỉnh Thái Nguyên
};
const PHONE_LAST4 = '5678';
const MASKED_NAME = 'Nguyễn V. A.';

let server;
let browser;
let tn; // a dossier in transit: accepted, then dispatched
let publicView; // GET /api/v1/track/{tn}: what the page must show

/** dd/mm/yyyy of an RFC 3339 time in +07:00 (the server writes +07:00). */
const vnDate = (rfc3339) => `${rfc3339.slice(8, 10)}/${rfc3339.slice(5, 7)}/${rfc3339.slice(0, 4)}`;

async function withPage(options, fn) {
  const context = await newContext(browser, server, options);
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** Checks the timeline section of `tn` on a /track page. */
async function checkShipmentSection(page, { lang }) {
  const section = page.locator(`section.shipment[data-tracking-number="${tn}"]`);
  assert.equal(await section.count(), 1, 'one section.shipment for the number');
  assert.equal(await section.getAttribute('data-status'), 'in_transit');
  const word = (await section.locator('.status-word').innerText()).trim();
  assert.ok(word.includes(lang === 'en' ? 'In transit' : 'Đang vận chuyển'), `status word: ${word}`);
  const due = (await section.locator('.due').innerText()).trim();
  assert.ok(due.length > 0, '.due is shown');
  if (lang === 'vi') assert.ok(due.includes(vnDate(publicView.due_at)), `.due "${due}" shows ${publicView.due_at}`);
  assert.ok((await section.locator('.next-step').innerText()).trim().length > 0, '.next-step is shown');

  const items = section.locator('ol.timeline > li');
  assert.equal(await items.count(), publicView.events.length, 'one li per event');
  const times = await items.evaluateAll((lis) =>
    lis.map((li) => li.querySelector('time[datetime]')?.getAttribute('datetime') ?? null),
  );
  for (const t of times) assert.ok(t && !Number.isNaN(Date.parse(t)), `<time datetime="${t}">`);
  const ms = times.map((t) => Date.parse(t));
  for (let i = 1; i < ms.length; i++) assert.ok(ms[i - 1] >= ms[i], `newest first: ${times}`);
  if (lang === 'vi') {
    // The same words as the public API, newest first.
    const newestFirst = [...publicView.events].sort((a, b) => Date.parse(b.occurred_at) - Date.parse(a.occurred_at));
    const texts = await items.allInnerTexts();
    newestFirst.forEach((e, i) => assert.ok(texts[i].includes(e.text), `li ${i} "${texts[i]}" says "${e.text}"`));
  }
}

/** Nothing personal on a page without the phone check. */
async function checkNoPersonalData(page) {
  const text = await page.locator('body').innerText();
  assert.ok(!text.includes(CITIZEN.name), 'the full name is never shown');
  assert.ok(!text.includes(CITIZEN.phone.slice(1)), 'the phone number is not shown');
  assert.ok(!text.includes(CITIZEN.address.line), 'the address is not shown');
}

describe('citizen pages', () => {
  before(async () => {
    server = await startServer();
    const dossier = await server.createDossier({ citizen: CITIZEN });
    tn = dossier.tracking_number;
    await server.scan(tn, 'accepted', { secondsAgo: 3 * 3600 });
    await server.scan(tn, 'dispatched', { secondsAgo: 3600 });
    const res = await server.api('GET', `/api/v1/track/${tn}`, undefined, { token: null });
    assert.equal(res.status, 200, res.text);
    publicView = res.json.shipments.find((s) => s.tracking_number === tn);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
  });

  it('the home page is Vietnamese, accessible, and its form finds a number typed in lower case with spaces', async () => {
    await withPage({}, async (page) => {
      const res = await page.goto('/');
      assert.equal(res.status(), 200);
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
      assert.equal(await page.locator('main').count(), 1, 'one <main> landmark');
      assert.ok((await page.locator('h1').count()) >= 1, 'an h1');
      const form = page.locator('form#lookup-form');
      assert.equal((await form.getAttribute('method'))?.toLowerCase(), 'get');
      assert.equal(await form.getAttribute('action'), '/track');
      assert.equal(await page.getAttribute('input#code', 'name'), 'code');
      assert.ok((await page.locator('label[for="code"]').innerText()).trim().length > 0, 'input#code has a label');
      assert.equal(await page.getAttribute('input#phone_last4', 'name'), 'phone_last4');
      assert.ok(await page.getByLabel(/.+/).and(page.locator('#phone_last4')).count(), 'input#phone_last4 has a label');
      await screenshot(page, 'citizen-home');

      await page.fill('#code', spacedLowerCase(tn));
      await Promise.all([page.waitForURL((u) => u.pathname === `/track/${tn}`), page.click('#lookup-submit')]);
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
      assert.equal(await page.locator('main').count(), 1, 'one <main> landmark');
      assert.ok((await page.locator('h1').count()) >= 1, 'an h1');
      await checkShipmentSection(page, { lang: 'vi' });
      await checkNoPersonalData(page);
      await screenshot(page, 'citizen-track');
    });
  });

  it('/track?code= answers 303 to the normalised number, keeping lang and phone_last4', async () => {
    const res = await server.api(
      'GET',
      `/track?code=${encodeURIComponent(spacedLowerCase(tn))}&phone_last4=${PHONE_LAST4}&lang=en`,
      undefined,
      { token: null, redirect: 'manual' },
    );
    assert.equal(res.status, 303);
    const location = new URL(res.headers.get('location'), server.url);
    assert.equal(location.pathname, `/track/${tn}`);
    assert.equal(location.searchParams.get('lang'), 'en');
    assert.equal(location.searchParams.get('phone_last4'), PHONE_LAST4);
  });

  it('switches to English with the hreflang link and looks up in English', async () => {
    await withPage({}, async (page) => {
      await page.goto('/');
      await Promise.all([
        page.waitForURL((u) => u.searchParams.get('lang') === 'en'),
        page.click('a[hreflang="en"]'),
      ]);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.fill('#code', tn);
      await Promise.all([page.waitForURL((u) => u.pathname === `/track/${tn}`), page.click('#lookup-submit')]);
      assert.equal(new URL(page.url()).searchParams.get('lang'), 'en', 'the redirect keeps lang=en');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await checkShipmentSection(page, { lang: 'en' });
      await screenshot(page, 'citizen-track-en');
    });
  });

  it('the last four digits of the phone show the masked name, never the full name', async () => {
    await withPage({}, async (page) => {
      await page.goto(`/track/${tn}?phone_last4=${PHONE_LAST4}`);
      const masked = page.locator(`section.shipment[data-tracking-number="${tn}"] .masked-name`);
      assert.ok((await masked.innerText()).includes(MASKED_NAME), 'masked name shown');
      await checkNoPersonalData(page);

      await page.goto(`/track/${tn}?phone_last4=0000`);
      assert.equal(await page.locator('.masked-name').count(), 0, 'a wrong phone_last4 shows no name');
      await checkNoPersonalData(page);
    });
  });

  it('works without JavaScript: the form submits, redirects and shows the timeline', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto('/');
      await page.fill('#code', spacedLowerCase(tn));
      await page.fill('#phone_last4', PHONE_LAST4);
      await Promise.all([page.waitForURL((u) => u.pathname === `/track/${tn}`), page.click('#lookup-submit')]);
      await checkShipmentSection(page, { lang: 'vi' });
      assert.ok((await page.locator('.masked-name').innerText()).includes(MASKED_NAME));
      await checkNoPersonalData(page);
    });
  });

  it('a dossier code shows the dossier and its result', async () => {
    const code = newDossierCode('UBND-DX');
    const dossier = (await server.createDossier({ citizen: CITIZEN })).tracking_number;
    await server.scan(dossier, 'accepted', { secondsAgo: 2 * 3600 });
    await server.scan(dossier, 'delivered', { office: 'UBND-DX', secondsAgo: 3600, dossier_code: code });
    const result = (await server.createResult({ dossierCode: code, citizen: CITIZEN })).tracking_number;
    await withPage({}, async (page) => {
      await page.goto('/');
      await page.fill('#code', code);
      await Promise.all([page.waitForURL((u) => u.pathname === `/track/${code}`), page.click('#lookup-submit')]);
      const shown = await page.locator('section.shipment').evaluateAll((ss) => ss.map((s) => s.dataset.trackingNumber));
      assert.deepEqual(shown.sort(), [dossier, result].sort());
      assert.equal(
        await page.locator(`section.shipment[data-tracking-number="${dossier}"]`).getAttribute('data-status'),
        'delivered',
      );
      await checkNoPersonalData(page);
      await screenshot(page, 'citizen-track-dossier-code');
    });
  });

  it("the agency's request for more documents reads in plain words with what to do, in both languages", async () => {
    const code = newDossierCode('UBND-DX');
    const dossier = (await server.createDossier({ citizen: CITIZEN, dossierCode: code })).tracking_number;
    await server.scan(dossier, 'accepted', { secondsAgo: 2 * 3600 });
    await server.scan(dossier, 'delivered', { office: 'UBND-DX', secondsAgo: 3600 });
    // What the agency's system posts (the admin may post for it).
    const posted = await server.api('POST', `/api/v1/dossiers/${code}/events`, {
      event_id: randomUUID(),
      status: 'supplement_requested',
      occurred_at: new Date(Date.now() - 60_000).toISOString(),
      note: 'Thiếu bản sao giấy chứng sinh',
    });
    assert.equal(posted.status, 201, posted.text);
    for (const [lang, title, text, advice] of [
      ['vi', 'Tại cơ quan giải quyết', 'Cơ quan yêu cầu bổ sung hồ sơ', 'nộp giấy tờ còn thiếu'],
      ['en', 'At the agency', 'The agency asks for more documents', 'hand in the missing documents'],
    ]) {
      await withPage({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } }, async (page) => {
        const res = await page.goto(`/track/${dossier}?lang=${lang}`);
        assert.equal(res.status(), 200);
        const block = page.locator(`section.shipment[data-tracking-number="${dossier}"] .agency-status`);
        assert.equal(await block.getAttribute('data-agency-status'), 'supplement_requested');
        const shown = await block.innerText();
        for (const words of [title, text, advice]) assert.ok(shown.includes(words), `${lang}: "${words}" in ${shown}`);
        assert.ok(!(await page.content()).includes('giấy chứng sinh'), "the agency's note is not public");
        await screenshot(page, `citizen-agency-status-${lang}`);
      });
    }
  });

  it('a mistyped check digit gets a 422 page that says so, in both languages', async () => {
    const wrong = withWrongCheckDigit(tn);
    await withPage({}, async (page) => {
      const res = await page.goto(`/track/${wrong}`);
      assert.equal(res.status(), 422);
      assert.match(await page.locator('h1').first().innerText(), /chữ số kiểm tra/i);
      assert.equal(await page.locator('main').count(), 1);
      await screenshot(page, 'citizen-bad-check-digit');

      // The same from the form.
      await page.goto('/');
      await page.fill('#code', spacedLowerCase(wrong));
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().isNavigationRequest() && r.status() !== 303),
        page.click('#lookup-submit'),
      ]);
      assert.equal(answer.status(), 422, answer.url());
      await page.waitForLoadState();
      assert.match(await page.locator('h1').first().innerText(), /chữ số kiểm tra/i);

      // In English (last: the page may remember the language asked for).
      const en = await page.goto(`/track/${wrong}?lang=en`);
      assert.equal(en.status(), 422);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match(await page.locator('h1').first().innerText(), /check digit/i);
    });
  });

  it('a valid number that does not exist gets a 404 page', async () => {
    await withPage({}, async (page) => {
      const res = await page.goto(`/track/${unknownTrackingNumber()}`);
      assert.equal(res.status(), 404);
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
      assert.ok((await page.locator('h1').count()) >= 1, 'an h1');
      assert.equal(await page.locator('section.shipment').count(), 0);
    });
  });

  it('a 360-px wide phone needs no horizontal scrolling', async () => {
    await withPage({ viewport: { width: 360, height: 740 } }, async (page) => {
      for (const url of ['/', `/track/${tn}`, `/track/${tn}?lang=en&phone_last4=${PHONE_LAST4}`, `/track/${withWrongCheckDigit(tn)}`]) {
        await page.goto(url);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 360, `${url}: scrollWidth ${width} > 360`);
      }
    });
  });

  it('a tracking page over slow 3G without cache stays under 100 KB', async () => {
    const context = await newContext(browser, server);
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      // Chrome DevTools' "Slow 3G" profile.
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 2000,
        downloadThroughput: 50_000,
        uploadThroughput: 50_000,
      });
      const started = new Set();
      const finished = new Map();
      cdp.on('Network.requestWillBeSent', (e) => started.add(e.requestId));
      cdp.on('Network.loadingFinished', (e) => finished.set(e.requestId, e.encodedDataLength));
      cdp.on('Network.loadingFailed', (e) => finished.set(e.requestId, 0));

      const res = await page.goto(`/track/${tn}`, { waitUntil: 'load', timeout: 120_000 });
      assert.equal(res.status(), 200);
      // Everything the page asked for before `load` has finished (or failed).
      const deadline = Date.now() + 60_000;
      while ([...started].some((id) => !finished.has(id)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return { dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
      });
      const bytes = [...finished.values()].reduce((a, b) => a + b, 0);
      console.log(
        `slow 3G /track/${tn}: ${bytes} bytes in ${started.size} requests; ` +
          `DOMContentLoaded ${Math.round(timing.dcl)} ms, load ${Math.round(timing.load)} ms`,
      );
      assert.ok(bytes < 100 * 1024, `${bytes} bytes transferred`);
      await checkShipmentSection(page, { lang: 'vi' });
    } finally {
      await context.close();
    }
  });
});
