// Handover lists: making one by scanning each item into the bag
// (/staff/handovers/new), and confirming an incoming bag by scanning what
// is really in it (/staff/handovers/{id}).
import { api, checkS10, cue, grouped, onScan, problemText, t } from './staff.js';

const $ = (id) => document.getElementById(id);

// A scanned list: each code once, refused on the spot when mistyped.
function scannedList(input, list, counter, cueBox) {
  const codes = [];
  onScan(input, (raw) => {
    const checked = checkS10(raw);
    if (!checked.ok) {
      cue(cueBox, 'error', `${checked.code} · ${t(`cue.${checked.why}`)}`);
      return;
    }
    if (codes.includes(checked.code)) {
      cue(cueBox, 'error', `${grouped(checked.code)} · ${t('cue.duplicate')}`);
      return;
    }
    codes.push(checked.code);
    const li = document.createElement('li');
    li.dataset.trackingNumber = checked.code;
    li.textContent = grouped(checked.code);
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'secondary';
    remove.textContent = t('remove');
    remove.addEventListener('click', () => {
      codes.splice(codes.indexOf(checked.code), 1);
      li.remove();
      counter.textContent = String(codes.length);
      input.focus();
    });
    li.append(' ', remove);
    list.prepend(li);
    counter.textContent = String(codes.length);
    cue(cueBox, 'ok', `${grouped(checked.code)} · ${t('cue.ok')}`);
  });
  return codes;
}

const newForm = $('handover-form');
if (newForm) {
  const codes = scannedList($('handover-code'), $('handover-items'), $('handover-count'), $('scan-cue'));
  newForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = $('handover-error');
    error.hidden = true;
    let answer;
    try {
      answer = await api('POST', '/api/v1/handovers',
        { from_office: newForm.dataset.from, to_office: $('handover-to').value, tracking_numbers: codes });
    } catch {
      answer = { status: 0, body: null };
    }
    if (answer.status === 201) {
      window.location.assign(`/staff/handovers/${answer.body.id}`);
      return;
    }
    const lines = (answer.body?.errors ?? []).map((e) => `${e.field}: ${e.message}`);
    error.textContent = [problemText(answer.body), ...lines].join(' · ');
    error.hidden = false;
  });
}

const confirmForm = $('confirm-form');
if (confirmForm) {
  const codes = scannedList($('confirm-code'), $('confirm-received'), $('confirm-count'), $('scan-cue'));
  $('confirm-code').focus();
  confirmForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = $('confirm-result');
    let answer;
    try {
      answer = await api('POST', `/api/v1/handovers/${confirmForm.dataset.handover}/confirm`,
        { received: codes, occurred_at: new Date().toISOString(), received_by: document.querySelector('.who span')?.textContent ?? '' });
    } catch {
      answer = { status: 0, body: null };
    }
    result.hidden = false;
    if (answer.status !== 200) {
      result.className = 'notice error';
      result.textContent = problemText(answer.body);
      return;
    }
    result.className = 'notice ok';
    result.replaceChildren();
    const done = document.createElement('p');
    done.textContent = t('confirmed_ok');
    result.append(done);
    for (const key of ['missing', 'unexpected']) {
      const items = answer.body[key] ?? [];
      if (items.length === 0) continue;
      const heading = document.createElement('h3');
      heading.textContent = `${t(key)}: ${items.length}`;
      const list = document.createElement('ul');
      list.className = `log ${key}`;
      for (const tn of items) {
        const li = document.createElement('li');
        li.dataset.trackingNumber = tn;
        li.textContent = grouped(tn);
        list.append(li);
      }
      result.append(heading, list);
    }
    confirmForm.hidden = true;
    const badge = $('h-facts');
    badge.textContent = t('handover.confirmed');
    badge.className = 'status-word small tone-done';
    badge.closest('section').dataset.status = 'confirmed';
  });
}
