// Rooms and broadcasts: join/leave/rooms, the benchmark `broadcast`, and
// `emit-to` / `emit-to-with-ack` with rooms, except, from, volatile.
"use strict";

const assert = require("assert");
const h = require("./support/helpers");

// Connects `n` sockets on `nsp` and returns them with an event log each.
async function group(n, event, nsp = "/") {
  const sockets = await h.connectMany(n, nsp);
  const logs = sockets.map((s) => h.collect(s, event));
  return { sockets, logs };
}

const counts = (logs) => logs.map((l) => l.length);

describe("rooms & broadcast", () => {
  describe("rooms", () => {
    it("starts in its own room only", async () => {
      const s = await h.connect();
      assert.deepStrictEqual(await h.call(s, "rooms"), [s.id]);
    });

    it("joins and leaves rooms; `rooms` lists them sorted", async () => {
      const s = await h.connect();
      for (const r of ["zeta", "alpha", "Mid", "beta-2"]) await h.call(s, "join", r);
      assert.deepStrictEqual(await h.call(s, "rooms"), [s.id, "zeta", "alpha", "Mid", "beta-2"].sort());
      await h.call(s, "leave", "alpha");
      await h.call(s, "leave", "never-joined");
      assert.deepStrictEqual(await h.call(s, "rooms"), [s.id, "zeta", "Mid", "beta-2"].sort());
    });

    it("acks `join` and `leave` with no arguments", async () => {
      const s = await h.connect();
      assert.deepStrictEqual(await h.ack(s, "join", "r"), []);
      assert.deepStrictEqual(await h.ack(s, "leave", "r"), []);
    });

    it("joins a room once however often it is joined", async () => {
      const s = await h.connect();
      await h.call(s, "join", "twice");
      await h.call(s, "join", "twice");
      assert.deepStrictEqual(await h.call(s, "rooms"), [s.id, "twice"].sort());
    });

    it("keeps rooms per namespace", async () => {
      const root = await h.connect("/");
      const custom = h.sibling(root, "/custom");
      await h.connected(custom);
      const room = h.uniq("nsp-room");
      await h.call(root, "join", room);
      assert.deepStrictEqual(await h.call(custom, "rooms"), [custom.id]);
      const seen = h.collect(custom, "news");
      await h.call(custom, "join", room);
      await h.call(root, "emit-to", { rooms: [room], event: "news", args: [1] });
      await h.flush(custom, [custom]);
      assert.strictEqual(seen.length, 0, "a / broadcast reached /custom");
    });
  });

  describe("benchmark `broadcast`", () => {
    it("sends `msg` to every member of `bench`, the sender too if a member", async () => {
      const { sockets, logs } = await group(4, "msg", h.freshNamespace());
      const [sender, member, , outsider] = sockets;
      for (const s of [sender, member, sockets[2]]) await h.call(s, "join", "bench");
      const payload = { text: "hello", n: [1, 2] };
      assert.deepStrictEqual(await h.ack(sender, "broadcast", payload), []);
      await h.flush(sender, sockets);
      assert.deepStrictEqual(counts(logs), [1, 1, 1, 0]);
      h.assertArgs(logs[0][0], [payload]);
      h.assertArgs(logs[1][0], [payload]);
      assert.ok(outsider.connected);
    });

    it("does not send `msg` to a sender outside `bench`", async () => {
      const { sockets, logs } = await group(3, "msg", h.freshNamespace());
      await h.call(sockets[1], "join", "bench");
      await h.call(sockets[2], "join", "bench");
      await h.call(sockets[0], "broadcast", "x");
      await h.flush(sockets[0], sockets);
      assert.deepStrictEqual(counts(logs), [0, 1, 1]);
    });

    it("relays only the first argument", async () => {
      const { sockets, logs } = await group(1, "msg", h.freshNamespace());
      await h.call(sockets[0], "join", "bench");
      await h.call(sockets[0], "broadcast", "first", "second");
      await h.flush(sockets[0], sockets);
      assert.strictEqual(logs[0].length, 1);
      assert.strictEqual(logs[0][0][0], "first");
      assert.notStrictEqual(logs[0][0][1], "second");
    });
  });

  describe("emit-to", () => {
    let sockets;
    let logs;
    let A;
    let B;
    // s0: A, s1: A+B, s2: B, s3: none
    beforeEach(async () => {
      ({ sockets, logs } = await group(4, "news"));
      A = h.uniq("A");
      B = h.uniq("B");
      await h.call(sockets[0], "join", A);
      await h.call(sockets[1], "join", A);
      await h.call(sockets[1], "join", B);
      await h.call(sockets[2], "join", B);
    });
    const settle = () => h.flush(sockets[3], sockets);

    it("reaches the members of one room", async () => {
      assert.deepStrictEqual(await h.ack(sockets[3], "emit-to", { rooms: [A], event: "news", args: ["a", 1] }), []);
      await settle();
      assert.deepStrictEqual(counts(logs), [1, 1, 0, 0]);
      h.assertArgs(logs[0][0], ["a", 1]);
    });

    it("reaches the union of several rooms, each socket once", async () => {
      await h.call(sockets[3], "emit-to", { rooms: [A, B], event: "news", args: ["ab"] });
      await settle();
      assert.deepStrictEqual(counts(logs), [1, 1, 1, 0]);
    });

    it("skips sockets in an `except` room", async () => {
      await h.call(sockets[3], "emit-to", { rooms: [A], except: [B], event: "news", args: [] });
      await settle();
      assert.deepStrictEqual(counts(logs), [1, 0, 0, 0]);
    });

    it("takes a socket id as an `except` room", async () => {
      await h.call(sockets[3], "emit-to", { rooms: [A, B], except: [sockets[2].id], event: "news" });
      await settle();
      assert.deepStrictEqual(counts(logs), [1, 1, 0, 0]);
    });

    it("applies `except` to a socket addressed by its id", async () => {
      await h.call(sockets[3], "emit-to", { rooms: [sockets[1].id], except: [B], event: "news" });
      await settle();
      assert.deepStrictEqual(counts(logs), [0, 0, 0, 0]);
    });

    it("from the server with no rooms reaches the whole namespace, sender included", async () => {
      const { sockets: mine, logs: mineLogs } = await group(3, "news", h.freshNamespace());
      await h.call(mine[0], "emit-to", { event: "news", args: ["all"] });
      await h.flush(mine[0], mine);
      assert.deepStrictEqual(counts(mineLogs), [1, 1, 1]);
    });

    it("from the socket excludes the sender, even as a member", async () => {
      await h.call(sockets[1], "emit-to", { from: "socket", rooms: [A, B], event: "news" });
      await settle();
      assert.deepStrictEqual(counts(logs), [1, 0, 1, 0]);
    });

    it("from the socket with no rooms reaches everyone else in the namespace", async () => {
      const { sockets: mine, logs: mineLogs } = await group(3, "news", h.freshNamespace());
      await h.call(mine[1], "emit-to", { from: "socket", event: "news" });
      await h.flush(mine[0], mine);
      assert.deepStrictEqual(counts(mineLogs), [1, 0, 1]);
    });

    it("from the socket honours `except`", async () => {
      await h.call(sockets[0], "emit-to", { from: "socket", rooms: [A, B], except: [B], event: "news" });
      await settle();
      assert.deepStrictEqual(counts(logs), [0, 0, 0, 0]);
    });

    it("delivers `volatile` broadcasts to idle WebSocket clients, without offset", async () => {
      await h.call(sockets[3], "emit-to", { rooms: [A], volatile: true, event: "news", args: ["v", 2] });
      await settle();
      assert.deepStrictEqual(counts(logs), [1, 1, 0, 0]);
      assert.deepStrictEqual(logs[0][0], ["v", 2]);
    });

    it("reaches nobody through an empty room", async () => {
      await h.call(sockets[3], "emit-to", { rooms: [h.uniq("empty")], event: "news" });
      await settle();
      assert.deepStrictEqual(counts(logs), [0, 0, 0, 0]);
    });
  });

  describe("emit-to-with-ack", () => {
    const answerWith = (s, value) =>
      s.on("poll", (...args) => {
        const reply = args.pop();
        reply(value);
      });

    it("collects every member's answer, sorted", async () => {
      const sockets = await h.connectMany(4);
      const room = h.uniq("vote");
      const answers = ["carol", "alice", "bob"];
      for (let i = 0; i < 3; i++) {
        await h.call(sockets[i], "join", room);
        answerWith(sockets[i], answers[i]);
      }
      const res = await h.call(sockets[3], "emit-to-with-ack", { rooms: [room], event: "poll", args: ["q"] });
      assert.deepStrictEqual(res, { timedOut: false, responses: ["alice", "bob", "carol"] });
    });

    it("passes the event arguments to each member", async () => {
      const [a, b] = await h.connectMany(2);
      const room = h.uniq("args");
      await h.call(a, "join", room);
      a.on("poll", (x, y, reply) => reply(`${x}-${y}`));
      const res = await h.call(b, "emit-to-with-ack", { rooms: [room], event: "poll", args: ["p", 7] });
      assert.deepStrictEqual(res, { timedOut: false, responses: ["p-7"] });
    });

    it("keeps binary answers as binary", async () => {
      const [a, b] = await h.connectMany(2);
      const room = h.uniq("bin");
      await h.call(a, "join", room);
      answerWith(a, Buffer.from([1, 2, 3]));
      const res = await h.call(b, "emit-to-with-ack", { rooms: [room], event: "poll" });
      assert.strictEqual(res.timedOut, false);
      assert.strictEqual(res.responses.length, 1);
      assert.ok(Buffer.isBuffer(res.responses[0]), JSON.stringify(res));
      assert.deepStrictEqual([...res.responses[0]], [1, 2, 3]);
    });

    it("answers at once with no responses for an empty room", async () => {
      const s = await h.connect();
      const start = Date.now();
      const res = await h.call(s, "emit-to-with-ack", { rooms: [h.uniq("nobody")], event: "poll" });
      assert.deepStrictEqual(res, { timedOut: false, responses: [] });
      assert.ok(Date.now() - start < 500);
    });

    it("reports a timeout after 1000 ms with the answers it got", async () => {
      const sockets = await h.connectMany(3);
      const room = h.uniq("slow");
      for (const s of sockets) await h.call(s, "join", room);
      answerWith(sockets[0], "z");
      answerWith(sockets[1], "y");
      sockets[2].on("poll", () => {}); // never answers
      const start = Date.now();
      const res = await h.call(sockets[0], "emit-to-with-ack", { rooms: [room], event: "poll" });
      const elapsed = Date.now() - start;
      assert.deepStrictEqual(res, { timedOut: true, responses: ["y", "z"] });
      assert.ok(elapsed >= 950 && elapsed < 1800, `answered after ${elapsed} ms`);
    });

    it("from the socket excludes the sender", async () => {
      const [a, b] = await h.connectMany(2);
      const room = h.uniq("self");
      await h.call(a, "join", room);
      await h.call(b, "join", room);
      answerWith(a, "a");
      answerWith(b, "b");
      const res = await h.call(a, "emit-to-with-ack", { from: "socket", rooms: [room], event: "poll" });
      assert.deepStrictEqual(res, { timedOut: false, responses: ["b"] });
    });
  });
});
