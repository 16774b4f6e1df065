// Transports: the Engine.IO handshake, polling only, WebSocket only, the
// polling -> WebSocket upgrade, and the heartbeat on each.
"use strict";

const assert = require("assert");
const http = require("http");
const { Socket: EngineSocket } = require("engine.io-client");
const h = require("./support/helpers");

function get(path) {
  return h.within(
    2000,
    new Promise((resolve, reject) => {
      http
        .get(h.SERVER_URL + path, (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode, body }));
        })
        .on("error", reject);
    }),
    `GET ${path}`,
  );
}

function checkHandshake(text, upgrades) {
  assert.strictEqual(text[0], "0");
  const open = JSON.parse(text.slice(1));
  assert.deepStrictEqual(Object.keys(open), ["sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"]);
  assert.match(open.sid, /^[A-Za-z0-9_-]{20}$/);
  assert.deepStrictEqual(open.upgrades, upgrades);
  assert.strictEqual(open.pingInterval, h.PROFILE.pingInterval);
  assert.strictEqual(open.pingTimeout, h.PROFILE.pingTimeout);
  assert.strictEqual(open.maxPayload, h.PROFILE.maxPayload);
}

describe("transports", () => {
  describe("handshake", () => {
    it("opens a polling session offering the WebSocket upgrade", async () => {
      const res = await get("/socket.io/?EIO=4&transport=polling");
      assert.strictEqual(res.status, 200);
      checkHandshake(res.body, ["websocket"]);
    });

    it("opens a WebSocket session offering no upgrade", async () => {
      const ws = h.rawSocket();
      checkHandshake(await ws.next(), []);
    });

    it("refuses a request without EIO=4", async () => {
      const res = await get("/socket.io/?EIO=3&transport=polling");
      assert.strictEqual(res.status, 400);
    });

    it("exchanges Engine.IO messages with the official engine.io-client", async () => {
      const socket = h.track(
        new EngineSocket(h.SERVER_URL, { path: "/socket.io/", transports: ["websocket"] }),
      );
      await h.once(socket, "open");
      socket.send("0"); // Socket.IO CONNECT to /, sent as a raw Engine.IO message
      const [reply] = await h.once(socket, "message");
      assert.match(reply, /^0\{"sid":"/);
    });
  });

  const modes = {
    "polling only": { transports: ["polling"], expect: "polling" },
    "WebSocket only": { transports: ["websocket"], expect: "websocket" },
  };
  for (const [name, mode] of Object.entries(modes)) {
    describe(name, () => {
      let s;
      beforeEach(async () => {
        s = await h.connect("/", { transports: mode.transports, upgrade: false });
      });

      it(`connects over ${mode.expect}`, () => {
        assert.strictEqual(s.io.engine.transport.name, mode.expect);
      });

      it("echoes text and binary", async () => {
        assert.deepStrictEqual(await h.ack(s, "echo", "t", { b: Buffer.from([1]) }), ["t", { b: Buffer.from([1]) }]);
      });

      it("receives a room broadcast", async () => {
        const other = await h.connect("/");
        const room = h.uniq("tr");
        await h.call(s, "join", room);
        const got = h.once(s, "news");
        await h.call(other, "emit-to", { rooms: [room], event: "news", args: [mode.expect] });
        h.assertArgs(await got, [mode.expect]);
      });

      it("answers the heartbeat and stays connected", async () => {
        let pings = 0;
        s.io.engine.on("ping", () => pings++);
        await h.sleep(1000);
        assert.ok(pings >= 2, `saw ${pings} pings in 1 s`);
        assert.ok(s.connected);
        assert.deepStrictEqual(await h.ack(s, "echo", "after"), ["after"]);
      });

      it("carries 50 concurrent events and 50 server emits in order", async () => {
        const seen = h.collect(s, "seq");
        const sent = Array.from({ length: 50 }, (_, i) =>
          h.call(s, "emit-to", { rooms: [s.id], event: "seq", args: [i] }),
        );
        await Promise.all(sent);
        await h.until(() => seen.length === 50, 2000, "50 events");
        assert.deepStrictEqual(seen.map((a) => a[0]), Array.from({ length: 50 }, (_, i) => i));
      });
    });
  }

  describe("upgrade", () => {
    it("starts on polling and upgrades to WebSocket", async () => {
      const s = h.client("/", { transports: ["polling", "websocket"] });
      assert.strictEqual(s.io.engine.transport.name, "polling");
      const upgraded = h.once(s.io.engine, "upgrade");
      await h.connected(s);
      const [transport] = await upgraded;
      assert.strictEqual(transport.name, "websocket");
      assert.strictEqual(s.io.engine.transport.name, "websocket");
      assert.deepStrictEqual(await h.ack(s, "echo", "upgraded"), ["upgraded"]);
    });

    it("loses no event sent while the upgrade is under way", async () => {
      const s = h.client("/", { transports: ["polling", "websocket"] });
      const upgraded = h.once(s.io.engine, "upgrade");
      await h.connected(s);
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => h.ack(s, "echo", i, Buffer.from([i]))),
      );
      results.forEach((r, i) => assert.deepStrictEqual(r, [i, Buffer.from([i])]));
      await upgraded;
      assert.strictEqual(s.io.engine.transport.name, "websocket");
    });

    it("keeps namespaces and rooms across the upgrade", async () => {
      const s = h.client("/", { transports: ["polling", "websocket"] });
      const upgraded = h.once(s.io.engine, "upgrade");
      await h.connected(s);
      const room = h.uniq("up");
      await h.call(s, "join", room);
      const custom = h.sibling(s, "/custom");
      await h.connected(custom);
      await upgraded;
      assert.deepStrictEqual(await h.call(s, "rooms"), [s.id, room].sort());
      assert.deepStrictEqual(await h.ack(custom, "echo", "c"), ["c"]);
    });
  });
});
