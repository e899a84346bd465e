// The test servers' own start-up: a port taken between choosing it and binding it never fails a
// run or connects a test to somebody else's server; a fixed port that is taken is a clear error.
'use strict';
const assert = require('node:assert/strict');
const net = require('node:net');
const fs = require('node:fs');
const path = require('node:path');
const { startCodeServer, newRunDir, freePort } = require('../support/codeServer');

describe('test servers start on a port of their own', function () {
  /** @type {net.Server} */
  let squatter;
  let taken = 0;
  before(async () => {
    squatter = net.createServer((c) => c.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    await new Promise((r) => squatter.listen(0, '127.0.0.1', () => r(undefined)));
    taken = /** @type {net.AddressInfo} */ (squatter.address()).port;
  });
  after(() => squatter.close());

  it('a free port that something else binds first is replaced by a new one, and the server found is ours', async () => {
    const runDir = newRunDir('port-race');
    const handed = [taken];
    const logs = [];
    const server = await startCodeServer({ runDir, pickPort: async () => handed.shift() ?? freePort(), log: (m) => logs.push(m) });
    try {
      assert.notEqual(server.port, taken);
      assert.ok(logs.some((m) => m.includes(`port ${taken} was taken`)), logs.join('\n'));
      const r = await fetch(`${server.url}/healthz`);
      assert.equal(r.status, 200);
      assert.match(await r.text(), /status/);
      assert.match(fs.readFileSync(path.join(runDir, 'code-server.log'), 'utf8'), new RegExp(`listening on http://127\\.0\\.0\\.1:${server.port}/`));
    } finally {
      await server.stop();
    }
  });

  it('a fixed port that is taken is an error naming the port, not a server that seems to run', async () => {
    const runDir = newRunDir('port-fixed');
    await assert.rejects(startCodeServer({ runDir, port: taken }), new RegExp(`port ${taken} on 127\\.0\\.0\\.1 is in use`));
  });
});
