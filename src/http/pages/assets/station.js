// The scan station (/staff): the event and office are chosen once, then
// every code the wedge scanner types (and Enter) is recorded at once, with a
// sound, a coloured cue and a line in the running list. Without network the
// scan waits in the offline queue (queue.js) and is sent when it returns.
import { api, beep, checkS10, cue, grouped, onScan, problemText, t, uuid } from './staff.js';
import * as queue from './queue.js';

const $ = (id) => document.getElementById(id);
const form = $('scan-form');
const type = $('scan-type');
const office = $('scan-office');
const reason = $('scan-reason');
const code = $('scan-code');
const photo = $('scan-photo');
const cueBox = $('scan-cue');
const log = $('scan-log');
const count = $('queue-count');
const netState = $('net-state');
const LOG_LIMIT = 200;  // lines kept on screen
// Whether the server answered the last request: a phone can be "online" with
// a mobile link that carries nothing.
let reachable = true;

form.addEventListener('submit', (e) => e.preventDefault());

function showFields() {
  $('reason-field').hidden = type.value !== 'delivery_failed';
  $('recipient').hidden = type.value !== 'delivered';
}
type.addEventListener('change', () => { showFields(); code.focus(); });
office.addEventListener('change', () => code.focus());
showFields();

function logLine(eventId, tn, result, message, eventType = type.value) {
  let li = eventId ? log.querySelector(`li[data-event-id="${eventId}"]`) : null;
  if (!li) {
    li = document.createElement('li');
    if (eventId) li.dataset.eventId = eventId;
    li.dataset.trackingNumber = tn;
    const strong = document.createElement('strong');
    strong.textContent = grouped(tn);
    const what = document.createElement('span');
    what.textContent = t(`event.${eventType}`);
    const msg = document.createElement('span');
    msg.className = 'msg';
    li.append(strong, what, msg);
    log.prepend(li);
    while (log.children.length > LOG_LIMIT) log.lastElementChild.remove();
  }
  li.dataset.result = result;
  li.querySelector('.msg').textContent = message;
}

function showQueue() {
  const waiting = queue.size();
  count.textContent = String(waiting);
  const offline = !navigator.onLine || !reachable;
  netState.textContent = offline ? t('offline_note') : t('online');
  netState.parentElement.classList.toggle('offline', offline);
}

function scanBody(tn) {
  const body = {
    event_id: uuid(),
    tracking_number: tn,
    type: type.value,
    office: office.value,
    occurred_at: new Date().toISOString(),
  };
  if (type.value === 'delivery_failed') body.reason = reason.value;
  if (type.value === 'delivered') {
    const name = $('recipient-name').value.trim();
    if (name) {
      body.recipient = { name, relation: $('recipient-relation').value, id_type: $('recipient-id-type').value };
    }
  }
  return body;
}

function enqueue(body) {
  queue.push(body);
  logLine(body.event_id, body.tracking_number, 'queued', t('cue.queued'));
  cue(cueBox, 'queued', `${grouped(body.tracking_number)} · ${t('cue.queued')}`);
  showQueue();
}

async function record(raw) {
  const checked = checkS10(raw);
  if (!checked.ok) {
    const why = t(`cue.${checked.why}`);
    logLine(null, checked.code, 'refused', why);
    cue(cueBox, 'error', `${checked.code} · ${why}`);
    return;
  }
  const body = scanBody(checked.code);
  // Keep the order: while scans wait, new ones queue behind them.
  if (!navigator.onLine || queue.size() > 0) {
    enqueue(body);
    syncNow();
    return;
  }
  logLine(body.event_id, body.tracking_number, 'pending', '…');
  let answer;
  try {
    answer = await api('POST', '/api/v1/scans', body);
  } catch {
    reachable = false;
    queue.push(body);
    logLine(body.event_id, body.tracking_number, 'queued', t('cue.queued'));
    cue(cueBox, 'queued', `${grouped(body.tracking_number)} · ${t('cue.queued')}`);
    showQueue();
    return;
  }
  reachable = true;
  if (answer.status === 201 || answer.status === 200) {
    const result = answer.status === 201 ? 'recorded' : 'duplicate';
    const text = t(answer.status === 201 ? 'cue.ok' : 'cue.duplicate');
    logLine(body.event_id, body.tracking_number, result, text);
    cue(cueBox, 'ok', `${grouped(body.tracking_number)} · ${text}`);
  } else if (answer.status === 401) {
    window.location.assign(`/staff/login?next=${encodeURIComponent('/staff')}`);
  } else if (answer.status >= 500 || answer.status === 429) {
    enqueue(body);  // the server is busy or not ready: try again later
  } else {
    const text = problemText(answer.body);
    logLine(body.event_id, body.tracking_number, 'refused', text);
    cue(cueBox, 'error', `${grouped(body.tracking_number)} · ${text}`);
  }
}

async function syncNow() {
  if (!navigator.onLine || queue.size() === 0) {
    showQueue();
    return;
  }
  let synced = 0;
  const outcome = await queue.sync(api, (eventId, status, problem) => {
    const li = log.querySelector(`li[data-event-id="${eventId}"]`);
    const tn = li?.dataset.trackingNumber ?? '';
    if (status === 200 || status === 201) {
      synced += 1;
      logLine(eventId, tn, 'synced', t('cue.synced'));
    } else {
      logLine(eventId, tn, 'refused', problemText(problem));
      beep(false);
    }
  });
  reachable = outcome.reached;
  if (synced > 0 && queue.size() === 0) cue(cueBox, 'ok', `${t('cue.synced')}: ${synced}`);
  showQueue();
}

onScan(code, record);

// The camera: the photo goes to the decode endpoint; a tracking number
// found in it is recorded like a scan.
photo.addEventListener('change', async () => {
  const file = photo.files?.[0];
  photo.value = '';
  if (!file) return;
  try {
    const answer = await api('POST', '/api/v1/barcodes/decode', file, file.type || 'image/jpeg');
    const found = answer.body?.barcodes?.find((b) => b.tracking_number);
    if (answer.status === 200 && found) {
      await record(found.tracking_number);
    } else {
      cue(cueBox, 'error', answer.status === 200 ? t('cue.no_barcode') : problemText(answer.body));
    }
  } catch {
    cue(cueBox, 'error', t('offline_note'));
  }
  code.focus();
});

// The page itself stays on the device too (sw.js): a reload without network
// still opens the station. Service workers need HTTPS (or localhost).
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/staff/sw.js', { scope: '/staff' }).catch(() => {});
}

window.addEventListener('online', syncNow);
window.addEventListener('offline', showQueue);
setInterval(syncNow, 5000);
// Scans left by an earlier visit (a reload while offline) are shown and sent.
for (const s of queue.load()) logLine(s.event_id, s.tracking_number, 'queued', t('cue.queued'), s.type);
showQueue();
syncNow();
code.focus();
