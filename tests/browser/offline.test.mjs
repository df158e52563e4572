// The scan station loses its network: scans queue on the device, and when
// the network comes back they sync through POST /api/v1/scans/batch, each
// recorded exactly once.
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
  wedgeScan,
} from './harness.mjs';

const COUNT = 20;
const SYNC_WAIT_MS = 60_000;

let server;
let browser;

describe('scan station offline', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
  });

  it(`queues ${COUNT} scans while offline and syncs each exactly once when back online`, async () => {
    const numbers = [];
    for (let i = 0; i < COUNT; i++) numbers.push((await server.createDossier()).tracking_number);

    const context = await newContext(browser, server);
    try {
      const page = await context.newPage();
      const batches = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/scans/batch') batches.push(r);
      });
      await login(page, USERS.postalTp);
      await chooseScanType(page, 'accepted');
      assert.equal((await page.locator('#queue-count').innerText()).trim(), '0', 'nothing queued at first');

      await context.setOffline(true);
      for (const tn of numbers) {
        assert.ok(await scanFieldFocused(page), `#scan-code has the focus before ${tn}`);
        const scan = await wedgeScan(page, tn, { offline: true });
        assert.deepEqual([scan.trackingNumber, scan.result], [tn, 'queued'], JSON.stringify(scan));
        await page.locator('#scan-cue[data-state="queued"]').waitFor();
      }
      assert.equal((await page.locator('#queue-count').innerText()).trim(), String(COUNT));
      await screenshot(page, 'staff-scan-offline');
      for (const tn of numbers) {
        assert.equal((await server.shipment(tn)).events.length, 0, `${tn} not recorded while offline`);
      }

      const backOnline = Date.now();
      await context.setOffline(false);
      await page.waitForFunction(
        () => document.querySelector('#queue-count')?.textContent.trim() === '0',
        undefined,
        { timeout: SYNC_WAIT_MS },
      );
      for (const tn of numbers) {
        await page
          .locator(`#scan-log > li[data-tracking-number="${tn}"][data-result="synced"]`)
          .waitFor({ timeout: SYNC_WAIT_MS });
      }
      assert.equal(
        await page.locator('#scan-log > li[data-result="queued"]').count(),
        0,
        'nothing is left queued',
      );
      assert.ok(batches.length >= 1, 'the queue went through POST /api/v1/scans/batch');
      await screenshot(page, 'staff-scan-synced');

      const eventIds = new Set();
      for (const tn of numbers) {
        const s = await server.shipment(tn);
        const accepted = s.events.filter((e) => e.type === 'accepted');
        assert.equal(s.events.length, 1, `${tn}: exactly one event`);
        assert.equal(accepted.length, 1, `${tn}: exactly one accepted event`);
        assert.equal(accepted[0].office, 'BK-TP');
        assert.equal(s.status, 'accepted');
        assert.ok(
          Date.parse(accepted[0].occurred_at) <= backOnline + 1000,
          `${tn}: occurred_at ${accepted[0].occurred_at} is the time of the scan, not of the sync`,
        );
        eventIds.add(accepted[0].event_id);
      }
      assert.equal(eventIds.size, COUNT, 'each scan has its own event_id');
    } finally {
      await context.close();
    }
  });

  it('reopens without network from the service worker, with its queue, and syncs when the server is back', async () => {
    const numbers = [];
    for (let i = 0; i < 3; i++) numbers.push((await server.createDossier()).tracking_number);
    const context = await newContext(browser, server);
    try {
      const page = await context.newPage();
      await login(page, USERS.postalTp);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await page.reload();  // controlled by the worker now, which keeps a copy of the page
      await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
      await chooseScanType(page, 'accepted');

      // The network is really gone: the server is down (the browser still
      // believes it is online, as on a phone with a dead mobile link).
      assert.equal(await server.down(), 0, 'the server stops cleanly');
      for (const tn of numbers) {
        const scan = await wedgeScan(page, tn, { offline: true });
        assert.deepEqual([scan.trackingNumber, scan.result], [tn, 'queued'], JSON.stringify(scan));
      }
      await page.reload();  // without a server: the page comes from the service worker
      await page.locator('#scan-code').waitFor();
      assert.equal((await page.locator('#queue-count').innerText()).trim(), String(numbers.length));
      for (const tn of numbers) {
        await page.locator(`#scan-log > li[data-tracking-number="${tn}"][data-result="queued"]`).waitFor();
      }
      await screenshot(page, 'staff-scan-reopened-offline');

      await server.up();
      await page.waitForFunction(() => document.querySelector('#queue-count')?.textContent.trim() === '0', undefined, {
        timeout: SYNC_WAIT_MS,
      });
      for (const tn of numbers) {
        const s = await server.shipment(tn);
        assert.equal(s.events.length, 1, `${tn}: recorded exactly once`);
        assert.equal(s.events[0].type, 'accepted');
      }
    } finally {
      await context.close();
    }
  });
});
