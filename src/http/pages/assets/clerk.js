// The clerk's result dispatch (/staff/dossiers): the form is filled from the
// dossier; creating sends POST /api/v1/shipments (kind result) and offers
// the label to print.
import { api, grouped, problemText } from './staff.js';

const form = document.getElementById('result-form');
if (form) {
  const $ = (id) => document.getElementById(id);
  const created = $('result-created');
  const error = $('result-error');
  const button = $('create-result');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const value = (name) => form.elements[name].value.trim();
    const notify = [];
    if (form.elements.sms.checked) notify.push('sms');
    if (form.elements.email_n.checked) notify.push('email');
    const citizen = {
      name: value('name'),
      // Two-tier (by code) when the dossier's address was; else as written.
      address: value('commune_code')
        ? { line: value('line'), commune_code: value('commune_code'), province_code: value('province_code') }
        : { line: value('line'), commune: value('commune'), province: value('province') },
    };
    if (value('phone')) citizen.phone = value('phone');
    if (value('email')) citizen.email = value('email');
    const body = {
      kind: 'result',
      agency: form.dataset.agency,
      route: value('route'),
      procedure: { code: form.dataset.procedureCode, name: value('procedure_name') },
      dossier_code: form.dataset.dossierCode,
      citizen,
      notify,
    };
    button.disabled = true;
    let answer;
    try {
      // One key per form: a double click or a retry creates one shipment.
      form.dataset.key ??= crypto.getRandomValues(new Uint32Array(4)).join('-');
      answer = await api('POST', '/api/v1/shipments', body, 'application/json', { 'Idempotency-Key': form.dataset.key });
    } catch {
      answer = { status: 0, body: null };
    }
    button.disabled = false;
    if (answer.status !== 201) {
      error.textContent = problemText(answer.body);
      error.hidden = false;
      return;
    }
    const tn = answer.body.tracking_number;
    created.replaceChildren();
    const title = document.createElement('p');
    const strong = document.createElement('strong');
    strong.className = 'tn';
    strong.textContent = grouped(tn);
    title.append(`${created.dataset.title}: `, strong);
    const print = document.createElement('a');
    print.id = 'print-label';
    print.className = 'button';
    print.href = `/api/v1/shipments/${tn}/label?format=pdf`;
    print.target = '_blank';
    print.rel = 'noopener';
    print.textContent = created.dataset.print;
    const open = document.createElement('a');
    open.href = `/staff/shipments/${tn}`;
    open.textContent = grouped(tn);
    created.append(title, print, ' ', open);
    created.dataset.trackingNumber = tn;
    created.hidden = false;
    form.hidden = true;
  });
}
