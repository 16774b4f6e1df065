// Server-side operations: fetchSockets, socketsJoin, socketsLeave,
// disconnectSockets, socket.disconnect([close]), closing the transport.
"use strict";

const assert = require("assert");
const h = require("./support/helpers");

const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe("server-side operations", () => {
  describe("fetch-sockets", () => {
    it("lists id, sorted rooms and data of every socket in a namespace, sorted by id", async () => {
      const nsp = h.freshNamespace();
      const [a, b] = await h.connectMany(2, nsp);
      await h.call(a, "join", "r1");
      await h.call(a, "set-data", { user: "ann", n: [1, 2] });
      const list = await h.call(b, "fetch-sockets");
      const expected = [
        { id: a.id, rooms: [a.id, "r1"].sort(), data: { user: "ann", n: [1, 2] } },
        { id: b.id, rooms: [b.id], data: {} },
      ].sort(byId);
      assert.deepStrictEqual(list, expected);
    });

    it("filters by rooms and except", async () => {
      const nsp = h.freshNamespace();
      const [a, b, c] = await h.connectMany(3, nsp);
      await h.call(a, "join", "x");
      await h.call(b, "join", "x");
      await h.call(b, "join", "y");
      await h.call(c, "join", "y");
      const ids = async (spec) => (await h.call(c, "fetch-sockets", spec)).map((s) => s.id);
      assert.deepStrictEqual(await ids({ rooms: ["x"] }), [a.id, b.id].sort());
      assert.deepStrictEqual(await ids({ rooms: ["x", "y"] }), [a.id, b.id, c.id].sort());
      assert.deepStrictEqual(await ids({ rooms: ["x"], except: ["y"] }), [a.id]);
      assert.deepStrictEqual(await ids({ except: ["x"] }), [c.id]);
      assert.deepStrictEqual(await ids({ rooms: ["none"] }), []);
    });

    it("returns any JSON value stored with set-data", async () => {
      const nsp = h.freshNamespace();
      const s = await h.connect(nsp);
      for (const value of ["text", 42, [1, { a: null }], null, { deep: { x: [true] } }]) {
        assert.deepStrictEqual(await h.ack(s, "set-data", value), []);
        const [me] = await h.call(s, "fetch-sockets", { rooms: [s.id] });
        assert.deepStrictEqual(me.data, value);
      }
    });
  });

  describe("sockets-join / sockets-leave", () => {
    it("makes the selected sockets join a room", async () => {
      const nsp = h.freshNamespace();
      const [a, b, c] = await h.connectMany(3, nsp);
      await h.call(a, "join", "src");
      await h.call(b, "join", "src");
      assert.deepStrictEqual(await h.ack(c, "sockets-join", { rooms: ["src"], room: "dst" }), []);
      assert.deepStrictEqual(await h.call(a, "rooms"), [a.id, "dst", "src"].sort());
      assert.deepStrictEqual(await h.call(b, "rooms"), [b.id, "dst", "src"].sort());
      assert.deepStrictEqual(await h.call(c, "rooms"), [c.id]);
    });

    it("with no rooms makes every socket of the namespace join", async () => {
      const nsp = h.freshNamespace();
      const sockets = await h.connectMany(3, nsp);
      await h.call(sockets[0], "sockets-join", { room: "everyone", except: [sockets[2].id] });
      assert.deepStrictEqual(await h.call(sockets[0], "rooms"), [sockets[0].id, "everyone"].sort());
      assert.deepStrictEqual(await h.call(sockets[1], "rooms"), [sockets[1].id, "everyone"].sort());
      assert.deepStrictEqual(await h.call(sockets[2], "rooms"), [sockets[2].id]);
    });

    it("makes the selected sockets leave a room", async () => {
      const nsp = h.freshNamespace();
      const [a, b] = await h.connectMany(2, nsp);
      for (const s of [a, b]) {
        await h.call(s, "join", "keep");
        await h.call(s, "join", "drop");
      }
      await h.call(b, "join", "marker");
      assert.deepStrictEqual(await h.ack(a, "sockets-leave", { rooms: ["marker"], room: "drop" }), []);
      assert.deepStrictEqual(await h.call(a, "rooms"), [a.id, "drop", "keep"].sort());
      assert.deepStrictEqual(await h.call(b, "rooms"), [b.id, "keep", "marker"].sort());
    });

    it("a room joined through sockets-join receives broadcasts", async () => {
      const nsp = h.freshNamespace();
      const [a, b] = await h.connectMany(2, nsp);
      const seen = h.collect(a, "news");
      await h.call(b, "sockets-join", { rooms: [a.id], room: "late" });
      await h.call(b, "emit-to", { rooms: ["late"], event: "news", args: ["hi"] });
      await h.until(() => seen.length === 1, 2000, "news");
      h.assertArgs(seen[0], ["hi"]);
    });
  });

  describe("disconnect-sockets", () => {
    it("disconnects the selected sockets from their namespace only", async () => {
      const nsp = h.freshNamespace();
      const [a, b, c] = await h.connectMany(3, nsp);
      const aSibling = h.sibling(a, "/custom");
      await h.connected(aSibling);
      await h.call(a, "join", "doomed");
      await h.call(b, "join", "doomed");
      const reasons = [h.once(a, "disconnect"), h.once(b, "disconnect")];
      assert.deepStrictEqual(await h.ack(c, "disconnect-sockets", { rooms: ["doomed"] }), []);
      assert.deepStrictEqual((await Promise.all(reasons)).map((r) => r[0]), [
        "io server disconnect",
        "io server disconnect",
      ]);
      assert.ok(c.connected);
      assert.ok(aSibling.connected, "the other namespace stays connected");
      assert.deepStrictEqual(await h.ack(aSibling, "echo", 1), [1]);
      const ids = (await h.call(c, "fetch-sockets")).map((s) => s.id);
      assert.deepStrictEqual(ids, [c.id]);
    });

    it("with close: true closes the whole connection of each selected socket", async () => {
      const nsp = h.freshNamespace();
      const [a, c] = await h.connectMany(2, nsp);
      const aSibling = h.sibling(a, "/custom");
      await h.connected(aSibling);
      await h.call(a, "join", "doomed");
      const engineClosed = h.once(a.io, "close");
      const reasons = [h.once(a, "disconnect"), h.once(aSibling, "disconnect")];
      await h.call(c, "disconnect-sockets", { rooms: ["doomed"], close: true });
      assert.deepStrictEqual((await Promise.all(reasons)).map((r) => r[0]), [
        "io server disconnect",
        "io server disconnect",
      ]);
      await engineClosed;
      assert.ok(c.connected);
    });

    it("acks the caller before disconnecting it", async () => {
      const nsp = h.freshNamespace();
      const s = await h.connect(nsp);
      const order = [];
      s.on("disconnect", () => order.push("disconnect"));
      // Recorded in the callbacks themselves: a promise continuation would
      // run after both packets of the same read were handled.
      s.timeout(2000).emit("disconnect-sockets", {}, (err) => order.push(err ? "no ack" : "ack"));
      await h.until(() => order.length === 2, 2000, "ack and disconnect");
      assert.deepStrictEqual(order, ["ack", "disconnect"]);
    });
  });

  describe("server-disconnect", () => {
    it("disconnects the socket from its namespace; the connection and other namespaces stay", async () => {
      const s = await h.connect("/", { reconnection: true, reconnectionDelay: 50 });
      const other = h.sibling(s, "/custom");
      await h.connected(other);
      const order = [];
      s.on("disconnect", (reason) => order.push(reason));
      s.timeout(2000).emit("server-disconnect", (err) => order.push(err ? "no ack" : "ack"));
      await h.until(() => order.length === 2, 2000, "disconnect");
      assert.deepStrictEqual(order, ["ack", "io server disconnect"]);
      assert.ok(other.connected);
      assert.deepStrictEqual(await h.ack(other, "echo", "alive"), ["alive"]);
      // A server-side disconnect is final: the client does not come back.
      await h.sleep(300);
      assert.ok(!s.connected);
    });

    it("with close: true disconnects every namespace and closes the connection", async () => {
      const s = await h.connect("/");
      const other = h.sibling(s, "/custom");
      await h.connected(other);
      const engineClosed = h.once(s.io, "close");
      const reasons = [h.once(s, "disconnect"), h.once(other, "disconnect")];
      s.emit("server-disconnect", { close: true });
      assert.deepStrictEqual((await Promise.all(reasons)).map((r) => r[0]), [
        "io server disconnect",
        "io server disconnect",
      ]);
      await engineClosed;
    });
  });

  describe("close-transport", () => {
    it("closes the Engine.IO connection; the client sees `transport close`", async () => {
      const s = await h.connect("/");
      const other = h.sibling(s, "/custom");
      await h.connected(other);
      const reasons = [h.once(s, "disconnect"), h.once(other, "disconnect")];
      assert.deepStrictEqual(await h.ack(s, "close-transport"), []);
      assert.deepStrictEqual((await Promise.all(reasons)).map((r) => r[0]), [
        "transport close",
        "transport close",
      ]);
    });

    it("lets the client reconnect on its own", async () => {
      const s = await h.connect("/", { reconnection: true, reconnectionDelay: 50, randomizationFactor: 0 });
      s.emit("close-transport");
      await h.once(s, "disconnect");
      await h.once(s, "connect");
      assert.deepStrictEqual(await h.ack(s, "echo", "back"), ["back"]);
    });
  });
});
