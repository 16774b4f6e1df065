// Many clients: 200 connected at once; a broadcast reaches each exactly once.
"use strict";

const assert = require("assert");
const h = require("./support/helpers");

const COUNT = 200;

describe("many clients", function () {
  this.timeout(5000);

  it(`a benchmark \`broadcast\` reaches each of ${COUNT} WebSocket members exactly once`, async () => {
    const nsp = h.freshNamespace();
    const sockets = await h.connectMany(COUNT, nsp);
    const logs = sockets.map((s) => h.collect(s, "msg"));
    await Promise.all(sockets.map((s) => h.call(s, "join", "bench")));
    await h.call(sockets[0], "broadcast", { hello: "everyone" });
    await h.flush(sockets[0], sockets);
    logs.forEach((log, i) => {
      assert.strictEqual(log.length, 1, `client ${i} got ${log.length} messages`);
      h.assertArgs(log[0], [{ hello: "everyone" }]);
    });
  });

  it(`a broadcast to two overlapping rooms reaches ${COUNT} mixed-transport clients once each`, async () => {
    const nsp = h.freshNamespace();
    // One in ten clients polls. They connect after the WebSocket ones so
    // their heartbeat (a POST per pong) does not compete with 180 handshakes.
    const POLLING = COUNT / 10;
    const ws = await h.connectMany(COUNT - POLLING, nsp);
    const polling = await h.connectMany(POLLING, nsp, { transports: ["polling"] });
    const sockets = [...polling, ...ws];
    const logs = sockets.map((s) => h.collect(s, "news"));
    // i % 4: 0 -> A, 1 -> B, 2 -> A and B, 3 -> neither
    const ids = (keep) => sockets.filter((_, i) => keep(i % 4)).map((s) => s.id);
    await h.call(sockets[3], "sockets-join", { rooms: ids((k) => k === 0 || k === 2), room: "A" });
    await h.call(sockets[3], "sockets-join", { rooms: ids((k) => k === 1 || k === 2), room: "B" });
    await h.call(sockets[3], "emit-to", { rooms: ["A", "B"], event: "news", args: [Buffer.from([7]), "union"] });
    await h.flush(sockets[3], sockets);
    logs.forEach((log, i) => {
      const expected = i % 4 === 3 ? 0 : 1;
      const kind = i < POLLING ? "polling" : "websocket";
      assert.strictEqual(log.length, expected, `${kind} client ${i} got ${log.length} messages`);
      if (expected) h.assertArgs(log[0], [Buffer.from([7]), "union"]);
    });
  });

  it(`${COUNT} clients echo concurrently and each gets its own ack`, async () => {
    const sockets = await h.connectMany(COUNT, h.freshNamespace());
    const results = await Promise.all(sockets.map((s, i) => h.ack(s, "echo", i, s.id)));
    results.forEach((r, i) => assert.deepStrictEqual(r, [i, sockets[i].id]));
  });

  it(`fetch-sockets lists all ${COUNT} sockets of a namespace`, async () => {
    const sockets = await h.connectMany(COUNT, h.freshNamespace());
    const list = await h.call(sockets[0], "fetch-sockets");
    assert.deepStrictEqual(
      list.map((s) => s.id),
      sockets.map((s) => s.id).sort(),
    );
  });
});
