// Reconnection and connection state recovery (maxDisconnectionDuration
// 2000 ms): same id, rooms and data back, missed broadcasts replayed before
// the CONNECT reply, `recovered` event; no recovery after a clean disconnect
// or once the session expired.
"use strict";

const assert = require("assert");
const h = require("./support/helpers");

const ID = /^[A-Za-z0-9_-]{20}$/;

// Parses `42[...]` into the argument list (event name first).
const eventOf = (msg) => {
  assert.match(msg, /^42\[/);
  return JSON.parse(msg.slice(2));
};

// Drops the socket's transport from the server side and waits until the
// client noticed. The client must have `reconnection: false`.
async function dropTransport(s) {
  const gone = h.once(s, "disconnect");
  s.emit("close-transport");
  const [reason] = await gone;
  assert.strictEqual(reason, "transport close");
}

// Reconnects by hand and returns the events seen from the reconnect on,
// in order: [name, args] pairs, `connect` included.
async function reconnect(s, watch) {
  const seen = [];
  const handlers = watch.map((ev) => [ev, (...args) => seen.push([ev, args])]);
  for (const [ev, fn] of handlers) s.on(ev, fn);
  s.connect();
  await h.connected(s);
  // `auth` and `recovered` follow the CONNECT reply; an echo round trip
  // guarantees they have arrived.
  await h.ack(s, "echo");
  for (const [ev, fn] of handlers) s.off(ev, fn);
  return seen;
}

describe("reconnection & recovery", () => {
  it("answers CONNECT with sid and pid and appends an offset to server events", async () => {
    const ws = h.rawSocket();
    assert.match(await ws.next(), /^0\{/);
    ws.send("40");
    const reply = JSON.parse((await ws.next()).slice(2));
    assert.deepStrictEqual(Object.keys(reply).sort(), ["pid", "sid"]);
    assert.match(reply.sid, ID);
    assert.match(reply.pid, ID);
    assert.notStrictEqual(reply.sid, reply.pid);
    const auth = eventOf(await ws.next());
    assert.strictEqual(auth.length, 3);
    assert.deepStrictEqual(auth.slice(0, 2), ["auth", {}]);
    assert.strictEqual(typeof auth[2], "string");
  });

  it("recovers id, rooms and data after the server drops the transport", async () => {
    const s = await h.connect("/");
    const id = s.id;
    const room = h.uniq("kept");
    await h.call(s, "join", room);
    await h.call(s, "set-data", { who: "me" });
    await dropTransport(s);
    const seen = await reconnect(s, ["connect", "recovered", "auth"]);
    assert.strictEqual(s.recovered, true);
    assert.strictEqual(s.id, id);
    assert.deepStrictEqual(seen.map(([ev]) => ev), ["connect", "auth", "recovered"]);
    h.assertArgs(seen[2][1], [id]);
    assert.deepStrictEqual(await h.call(s, "rooms"), [id, room].sort());
    const [me] = await h.call(s, "fetch-sockets", { rooms: [id] });
    assert.deepStrictEqual(me.data, { who: "me" });
  });

  it("replays broadcasts missed while away, in order, before the CONNECT reply", async () => {
    const [s, other] = await h.connectMany(2);
    const room = h.uniq("news");
    const elsewhere = h.uniq("elsewhere");
    await h.call(s, "join", room);
    await dropTransport(s);
    await h.call(other, "emit-to", { rooms: [room], event: "news", args: [1] });
    await h.call(other, "emit-to", { rooms: [elsewhere], event: "news", args: ["not for s"] });
    await h.call(other, "emit-to", { event: "news", args: [2, { b: true }] });
    await h.call(other, "emit-to", { rooms: [room], volatile: true, event: "news", args: ["volatile"] });
    await h.call(other, "emit-to", { rooms: [room], except: [room], event: "news", args: ["excluded"] });
    await h.call(other, "emit-to", { rooms: [room], event: "news", args: [3] });
    const seen = await reconnect(s, ["connect", "news"]);
    assert.strictEqual(s.recovered, true);
    assert.deepStrictEqual(seen.map(([ev]) => ev), ["news", "news", "news", "connect"]);
    h.assertArgs(seen[0][1], [1]);
    h.assertArgs(seen[1][1], [2, { b: true }]);
    h.assertArgs(seen[2][1], [3]);
  });

  it("does not replay what the client already received", async () => {
    const [s, other] = await h.connectMany(2);
    const room = h.uniq("seen");
    await h.call(s, "join", room);
    const got = h.once(s, "news");
    await h.call(other, "emit-to", { rooms: [room], event: "news", args: ["before"] });
    await got;
    await dropTransport(s);
    await h.call(other, "emit-to", { rooms: [room], event: "news", args: ["after"] });
    const seen = await reconnect(s, ["news"]);
    assert.deepStrictEqual(seen.map(([, args]) => args[0]), ["after"]);
  });

  it("reconnects and recovers on its own after a transport drop", async () => {
    const s = await h.connect("/", { reconnection: true, reconnectionDelay: 100, randomizationFactor: 0 });
    const id = s.id;
    const recovered = h.once(s, "recovered", 3000);
    s.emit("close-transport");
    const [reason] = await h.once(s, "disconnect");
    assert.strictEqual(reason, "transport close");
    await h.once(s, "connect", 3000);
    assert.strictEqual(s.recovered, true);
    assert.strictEqual(s.id, id);
    h.assertArgs(await recovered, [id]);
  });

  it("recovers a session dropped by a ping timeout (raw client)", async () => {
    const ws = h.rawSocket(); // never answers pings
    assert.match(await ws.next(), /^0\{/);
    ws.send("40");
    const { sid, pid } = JSON.parse((await ws.next()).slice(2));
    const auth = eventOf(await ws.next());
    const offset = auth[auth.length - 1];
    await h.within(2000, ws.closed, "ping timeout");

    const again = h.rawSocket();
    assert.match(await again.next(), /^0\{/);
    again.send(`40${JSON.stringify({ pid, offset })}`);
    assert.strictEqual(await again.next(), `40{"sid":"${sid}","pid":"${pid}"}`);
    const auth2 = eventOf(await again.next());
    assert.deepStrictEqual(auth2.slice(0, 2), ["auth", { pid, offset }]);
    const rec = eventOf(await again.next());
    assert.deepStrictEqual(rec.slice(0, 2), ["recovered", sid]);
  });

  it("starts a fresh session for an unknown pid", async () => {
    const ws = h.rawSocket();
    assert.match(await ws.next(), /^0\{/);
    ws.send('40{"pid":"AAAAAAAAAAAAAAAAAAAA","offset":"x"}');
    const reply = JSON.parse((await ws.next()).slice(2));
    assert.notStrictEqual(reply.pid, "AAAAAAAAAAAAAAAAAAAA");
    assert.match(reply.sid, ID);
    const auth = eventOf(await ws.next());
    assert.deepStrictEqual(auth.slice(0, 2), ["auth", { pid: "AAAAAAAAAAAAAAAAAAAA", offset: "x" }]);
  });

  it("does not recover after a client-side disconnect", async () => {
    const s = await h.connect("/");
    const id = s.id;
    await h.call(s, "join", h.uniq("lost"));
    s.disconnect();
    const seen = await reconnect(s, ["recovered"]);
    assert.strictEqual(s.recovered, false);
    assert.notStrictEqual(s.id, id);
    assert.deepStrictEqual(seen, []);
    assert.deepStrictEqual(await h.call(s, "rooms"), [s.id]);
  });

  it("does not recover after a server-side disconnect", async () => {
    const s = await h.connect("/");
    const id = s.id;
    const gone = h.once(s, "disconnect");
    s.emit("server-disconnect");
    await gone;
    await reconnect(s, []);
    assert.strictEqual(s.recovered, false);
    assert.notStrictEqual(s.id, id);
  });

  it("does not recover once maxDisconnectionDuration has passed", async function () {
    this.timeout(5000);
    const [s, other] = await h.connectMany(2);
    const id = s.id;
    const room = h.uniq("expired");
    await h.call(s, "join", room);
    await dropTransport(s);
    await h.call(other, "emit-to", { rooms: [room], event: "news", args: ["missed"] });
    await h.sleep(h.PROFILE.maxDisconnectionDuration + 200);
    const seen = await reconnect(s, ["news", "recovered"]);
    assert.strictEqual(s.recovered, false);
    assert.notStrictEqual(s.id, id);
    assert.deepStrictEqual(seen, [], "nothing is replayed to a fresh session");
    assert.deepStrictEqual(await h.call(s, "rooms"), [s.id]);
  });

  it("skips connection middleware when recovering on /private", async () => {
    const s = await h.connect("/private", { auth: { token: "secret" } });
    const id = s.id;
    await dropTransport(s);
    s.auth = { token: "no longer valid" };
    await reconnect(s, []);
    assert.strictEqual(s.recovered, true);
    assert.strictEqual(s.id, id);
  });
});
