// The API description as served (GET /api/v1/openapi.json of the real
// binary) checked by an independent OpenAPI 3.1 validator from npm
// (@seriousme/openapi-schema-validator: the official 3.1 JSON Schema), plus
// what a schema validator does not see: every array schema says what its
// items are, and every staff operation documents its 401 and 403 answers.
// No browser: it lives here for the shared server harness and node_modules.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startServer } from './harness.mjs';

let server;
let doc;

before(async () => {
  server = await startServer();
  const r = await server.api('GET', '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  doc = r.json;
});
after(async () => server && server.stop());

/** Every array schema in `node`, with where it is. */
function arraysWithoutItems(node, where = '#', out = []) {
  if (Array.isArray(node)) node.forEach((v, i) => arraysWithoutItems(v, `${where}/${i}`, out));
  else if (node && typeof node === 'object') {
    if (node.type === 'array' && !('items' in node)) out.push(where);
    for (const [k, v] of Object.entries(node)) arraysWithoutItems(v, `${where}/${k}`, out);
  }
  return out;
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(doc);
    assert.deepEqual(result.errors ?? [], [], JSON.stringify(result.errors, null, 1));
    assert.equal(result.valid, true);
    assert.equal(doc.openapi, '3.1.0');
  });

  it('says what the items of every array are', () => {
    assert.deepEqual(arraysWithoutItems(doc), []);
  });

  it('documents 401 and 403 on every operation that needs a credential', () => {
    const missing = [];
    let staff = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (typeof op !== 'object' || !op.responses) continue;
        const security = op.security ?? doc.security ?? [];
        if (security.length === 0) continue;
        staff += 1;
        for (const code of ['401', '403']) if (!op.responses[code]) missing.push(`${method.toUpperCase()} ${path} ${code}`);
      }
    }
    assert.ok(staff > 20, `only ${staff} staff operations found`);
    assert.deepEqual(missing, []);
  });
});
