// Disconnect reasons as the server records them (`last-disconnect`), rooms
// still readable while disconnecting, and protocol violations that close.
"use strict";

const assert = require("assert");
const h = require("./support/helpers");

// Polls `last-disconnect` until the server has a record of socket `id`.
async function waitRecord(observer, id) {
  const deadline = Date.now() + 2000;
  for (;;) {
    const rec = await h.call(observer, "last-disconnect", id);
    if (rec !== null) return rec;
    if (Date.now() > deadline) throw new Error(`no disconnect record for ${id}`);
    await h.sleep(20);
  }
}

// A raw WebSocket client connected to `/`; resolves with its socket id.
async function rawConnected(ws) {
  assert.match(await ws.next(), /^0\{/);
  ws.send("40");
  const reply = await ws.next();
  assert.match(reply, /^40\{/);
  await ws.next(); // `auth`
  return JSON.parse(reply.slice(2)).sid;
}

describe("disconnect reasons", () => {
  let observer;
  beforeEach(async () => {
    observer = await h.connect("/");
  });

  it("answers null for a socket it has no record of", async () => {
    assert.strictEqual(await h.call(observer, "last-disconnect", "no-such-socket-id-00"), null);
  });

  it("records `client namespace disconnect` with the rooms held while disconnecting", async () => {
    const s = await h.connect("/");
    const id = s.id;
    await h.call(s, "join", "r-one");
    await h.call(s, "join", "a-two");
    s.disconnect();
    assert.deepStrictEqual(await waitRecord(observer, id), {
      id,
      nsp: "/",
      reason: "client namespace disconnect",
      rooms: [id, "a-two", "r-one"].sort(),
    });
  });

  it("answers the most recent record when asked without an id", async () => {
    const s = await h.connect("/custom");
    const id = s.id;
    s.disconnect();
    await waitRecord(observer, id);
    assert.deepStrictEqual(await h.call(observer, "last-disconnect"), {
      id,
      nsp: "/custom",
      reason: "client namespace disconnect",
      rooms: [id],
    });
  });

  it("records `transport close` when the client drops the connection", async () => {
    const s = await h.connect("/");
    const id = s.id;
    await h.call(s, "join", "kept");
    s.io.engine.close();
    const rec = await waitRecord(observer, id);
    assert.strictEqual(rec.reason, "transport close");
    assert.deepStrictEqual(rec.rooms, [id, "kept"].sort());
  });

  it("records `server namespace disconnect` for server-disconnect", async () => {
    const s = await h.connect("/");
    const id = s.id;
    s.emit("server-disconnect");
    const rec = await waitRecord(observer, id);
    assert.strictEqual(rec.reason, "server namespace disconnect");
  });

  it("records `server namespace disconnect` for every namespace of server-disconnect with close", async () => {
    const s = await h.connect("/");
    const other = h.sibling(s, "/custom");
    await h.connected(other);
    const ids = [s.id, other.id];
    s.emit("server-disconnect", { close: true });
    const recs = [await waitRecord(observer, ids[0]), await waitRecord(observer, ids[1])];
    assert.deepStrictEqual(
      recs.map((r) => [r.nsp, r.reason]),
      [
        ["/", "server namespace disconnect"],
        ["/custom", "server namespace disconnect"],
      ],
    );
  });

  it("records `server namespace disconnect` for disconnect-sockets", async () => {
    const s = await h.connect("/");
    const id = s.id;
    const room = h.uniq("kick");
    await h.call(s, "join", room);
    await h.call(observer, "disconnect-sockets", { rooms: [room] });
    const rec = await waitRecord(observer, id);
    assert.strictEqual(rec.reason, "server namespace disconnect");
    assert.deepStrictEqual(rec.rooms, [id, room].sort());
  });

  it("records `forced close` for close-transport", async () => {
    const s = await h.connect("/");
    const id = s.id;
    s.emit("close-transport");
    const rec = await waitRecord(observer, id);
    assert.strictEqual(rec.reason, "forced close");
  });

  it("records `ping timeout` for a client that stops answering pings", async () => {
    const ws = h.rawSocket(); // never answers `2`
    const id = await rawConnected(ws);
    const start = Date.now();
    await h.within(2000, ws.closed, "close on ping timeout");
    const elapsed = Date.now() - start;
    const budget = h.PROFILE.pingInterval + h.PROFILE.pingTimeout;
    assert.ok(elapsed >= budget - 100 && elapsed < budget + 400, `closed after ${elapsed} ms`);
    const rec = await waitRecord(observer, id);
    assert.strictEqual(rec.reason, "ping timeout");
  });

  it("records `parse error` for an invalid Engine.IO packet", async () => {
    const ws = h.rawSocket();
    const id = await rawConnected(ws);
    ws.send("zzz");
    await h.within(1000, ws.closed, "close on parse error");
    const rec = await waitRecord(observer, id);
    assert.strictEqual(rec.reason, "parse error");
  });

  describe("invalid Socket.IO packets close the connection", () => {
    const cases = {
      "an EVENT whose payload is not an array": '42{"a":1}',
      "an unknown packet type": "4abc",
      "garbage where the ack id belongs": '42abc["echo"]',
      "an EVENT with an empty array": "42[]",
      "a reserved event name": '42["disconnect"]',
      "a packet for a namespace not joined": '42/custom,["echo"]',
      "a DISCONNECT for a namespace not joined": "41/custom,",
      "a second CONNECT to a joined namespace": "40",
      "a CONNECT_ERROR from the client": '44{"message":"x"}',
      "a binary attachment nobody announced": Buffer.from([1, 2, 3]),
      "text while an attachment is pending": ['451-["echo",{"_placeholder":true,"num":0}]', '42["echo"]'],
    };
    for (const [name, packets] of Object.entries(cases)) {
      it(name, async () => {
        const ws = h.rawSocket();
        await rawConnected(ws);
        for (const p of [].concat(packets)) ws.send(p, { binary: Buffer.isBuffer(p) });
        await h.within(1500, ws.closed, "close");
      });
    }
  });
});
