// Connecting to namespaces: /, /custom, dynamic /dyn-<digits>, unknown
// namespaces, multiplexing on one Engine.IO connection, connectTimeout.
"use strict";

const assert = require("assert");
const h = require("./support/helpers");

describe("connect & namespaces", () => {
  it("connects to / and receives `auth` with {} when no auth is sent", async () => {
    const s = h.client("/");
    const auth = h.once(s, "auth");
    await h.connected(s);
    assert.strictEqual(typeof s.id, "string");
    assert.strictEqual(s.id.length, 20);
    h.assertArgs(await auth, [{}]);
  });

  it("sends the CONNECT payload back as `auth`, unchanged", async () => {
    const payload = { token: "abc", n: 1.5, nested: { list: [1, "2", null, true] } };
    const s = h.client("/", { auth: payload });
    const auth = h.once(s, "auth");
    await h.connected(s);
    h.assertArgs(await auth, [payload]);
  });

  it("connects to /custom and serves the same events there", async () => {
    const s = h.client("/custom", { auth: { where: "custom" } });
    const auth = h.once(s, "auth");
    await h.connected(s);
    h.assertArgs(await auth, [{ where: "custom" }]);
    assert.deepStrictEqual(await h.ack(s, "echo", "hi", 2), ["hi", 2]);
  });

  it("multiplexes / and /custom over one Engine.IO connection", async () => {
    const root = await h.connect("/");
    const custom = h.sibling(root, "/custom");
    await h.connected(custom);
    assert.notStrictEqual(root.id, custom.id);
    assert.notStrictEqual(root.id, root.io.engine.id, "socket id is not the engine sid");
    assert.deepStrictEqual(await h.ack(root, "echo", "root"), ["root"]);
    assert.deepStrictEqual(await h.ack(custom, "echo", "custom"), ["custom"]);
  });

  it("gives every connection a fresh socket id", async () => {
    const [a, b] = await h.connectMany(2);
    assert.notStrictEqual(a.id, b.id);
    const first = a.id;
    a.disconnect();
    a.connect();
    await h.connected(a);
    assert.notStrictEqual(a.id, first);
  });

  it("refuses an unknown namespace with `Invalid namespace` and keeps the connection", async () => {
    const root = await h.connect("/");
    const bad = h.sibling(root, "/nope");
    await assert.rejects(h.connected(bad), (err) => {
      assert.strictEqual(err.message, "Invalid namespace");
      return true;
    });
    assert.ok(root.connected);
    assert.deepStrictEqual(await h.ack(root, "echo", 1), [1]);
  });

  it("answers CONNECT to an unknown namespace byte for byte", async () => {
    const ws = h.rawSocket();
    assert.match(await ws.next(), /^0\{/);
    ws.send("40/random,");
    assert.strictEqual(await ws.next(), '44/random,{"message":"Invalid namespace"}');
  });

  it("accepts dynamic namespaces matching /dyn-<digits>", async () => {
    const s = h.client("/dyn-42", { auth: { d: 42 } });
    const auth = h.once(s, "auth");
    await h.connected(s);
    h.assertArgs(await auth, [{ d: 42 }]);
    assert.deepStrictEqual(await h.ack(s, "echo", "dyn"), ["dyn"]);
  });

  for (const nsp of ["/dyn-", "/dyn-abc", "/dyn-1x", "/dyn"]) {
    it(`refuses ${nsp}, which does not match the dynamic pattern`, async () => {
      await assert.rejects(h.connect(nsp), /Invalid namespace/);
    });
  }

  it("keeps namespaces apart: a broadcast in one reaches no other", async () => {
    const root = await h.connect("/");
    const custom = await h.connect("/custom");
    const dyn1 = await h.connect("/dyn-1");
    const dyn2 = await h.connect("/dyn-2");
    const seen = [root, custom, dyn1, dyn2].map((s) => h.collect(s, "news"));
    await h.call(custom, "emit-to", { event: "news", args: ["c"] });
    await h.call(dyn1, "emit-to", { event: "news", args: ["d1"] });
    await h.flush(root, [root]);
    await h.flush(custom, [custom]);
    await h.flush(dyn1, [dyn1]);
    await h.flush(dyn2, [dyn2]);
    assert.strictEqual(seen[0].length, 0, "/ got a /custom broadcast");
    assert.strictEqual(seen[1].length, 1);
    h.assertArgs(seen[1][0], ["c"]);
    assert.strictEqual(seen[2].length, 1);
    h.assertArgs(seen[2][0], ["d1"]);
    assert.strictEqual(seen[3].length, 0, "/dyn-2 got a /dyn-1 broadcast");
  });

  it("closes a connection that joins no namespace within connectTimeout", async () => {
    const ws = h.rawSocket();
    assert.match(await ws.next(), /^0\{/);
    const start = Date.now();
    const answerPings = (msg) => msg === "2" && ws.send("3");
    ws.on("message", (d) => answerPings(d.toString()));
    await h.within(2500, ws.closed, "close after connectTimeout");
    const elapsed = Date.now() - start;
    assert.ok(
      elapsed >= h.PROFILE.connectTimeout - 100 && elapsed < h.PROFILE.connectTimeout + 600,
      `closed after ${elapsed} ms`,
    );
  });

  it("keeps the Engine.IO connection after the client leaves its only namespace", async () => {
    const ws = h.rawSocket();
    assert.match(await ws.next(), /^0\{/);
    ws.send("40");
    assert.match(await ws.next(), /^40\{"sid":"/);
    h.assertArgs(JSON.parse((await ws.next()).slice(2)), ["auth", {}]);
    ws.send("41");
    // The heartbeat still arrives: the connection is alive with no namespace.
    assert.strictEqual(await ws.next(1000), "2");
    ws.send("3");
    ws.send("40/custom,");
    assert.match(await ws.next(), /^40\/custom,\{"sid":"/);
  });
});
