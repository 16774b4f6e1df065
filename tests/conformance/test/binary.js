// Binary attachments: BINARY_EVENT / BINARY_ACK in both directions, nested
// and multiple buffers, both transports, broadcast of binary.
"use strict";

const assert = require("assert");
const h = require("./support/helpers");

const bytes = (...values) => Buffer.from(values);
const pattern = (n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff));

describe("binary", () => {
  for (const transport of ["websocket", "polling"]) {
    describe(`over ${transport}`, () => {
      let s;
      beforeEach(async () => {
        s = await h.connect("/", { transports: [transport] });
      });

      it("echoes a buffer", async () => {
        const [buf] = await h.ack(s, "echo", bytes(1, 2, 3));
        assert.ok(Buffer.isBuffer(buf));
        assert.deepStrictEqual(buf, bytes(1, 2, 3));
      });

      it("echoes an empty buffer", async () => {
        const [buf] = await h.ack(s, "echo", Buffer.alloc(0));
        assert.ok(Buffer.isBuffer(buf));
        assert.strictEqual(buf.length, 0);
      });

      it("echoes every byte value", async () => {
        const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
        assert.deepStrictEqual(await h.ack(s, "echo", all), [all]);
      });

      it("echoes several buffers mixed with JSON, in place", async () => {
        const args = ["text", bytes(1), { a: bytes(2, 2), b: [bytes(3, 3, 3), { c: bytes(4) }], n: 5 }, [bytes(5), null]];
        assert.deepStrictEqual(await h.ack(s, "echo", ...args), args);
      });

      it("echoes ten attachments in one packet", async () => {
        const args = Array.from({ length: 10 }, (_, i) => pattern(i + 1));
        assert.deepStrictEqual(await h.ack(s, "echo", ...args), args);
      });

      it("echoes a 300 KB buffer", async () => {
        const big = pattern(300 * 1024);
        assert.deepStrictEqual(await h.ack(s, "echo", big), [big]);
      });

      it("keeps binary and text events in order", async () => {
        const results = await Promise.all([
          h.ack(s, "echo", bytes(1)),
          h.ack(s, "echo", "two"),
          h.ack(s, "echo", { three: bytes(3) }),
          h.ack(s, "echo", 4),
        ]);
        assert.deepStrictEqual(results, [[bytes(1)], ["two"], [{ three: bytes(3) }], [4]]);
      });

      it("sends binary in a server -> client ack round trip (`ask`)", async () => {
        s.on("question", (q, reply) => {
          assert.deepStrictEqual(q, { blob: bytes(9, 8, 7) });
          reply(bytes(6, 5), { nested: bytes(4) });
        });
        assert.deepStrictEqual(await h.ack(s, "ask", { blob: bytes(9, 8, 7) }), [
          bytes(6, 5),
          { nested: bytes(4) },
        ]);
      });
    });
  }

  it("sends Uint8Array and ArrayBuffer as plain binary", async () => {
    const s = await h.connect("/");
    const [a, b] = await h.ack(s, "echo", new Uint8Array([1, 2]), new Uint8Array([3, 4]).buffer);
    assert.deepStrictEqual(a, bytes(1, 2));
    assert.deepStrictEqual(b, bytes(3, 4));
  });

  it("broadcasts binary to a room", async () => {
    const [sender, a, b] = await h.connectMany(3, "/", {});
    await h.call(a, "join", "bin-room");
    await h.call(b, "join", "bin-room");
    const got = [h.once(a, "blob"), h.once(b, "blob")];
    await h.call(sender, "emit-to", { rooms: ["bin-room"], event: "blob", args: [bytes(1, 2), { k: bytes(3) }] });
    for (const args of await Promise.all(got)) {
      h.assertArgs(args, [bytes(1, 2), { k: bytes(3) }]);
    }
  });

  it("broadcasts binary to polling and WebSocket clients alike", async () => {
    const ws = await h.connect("/", { transports: ["websocket"] });
    const poll = await h.connect("/", { transports: ["polling"] });
    await h.call(ws, "join", "bin-mixed");
    await h.call(poll, "join", "bin-mixed");
    const got = [h.once(ws, "msg"), h.once(poll, "msg")];
    await h.call(ws, "emit-to", { rooms: ["bin-mixed"], event: "msg", args: [pattern(1000)] });
    for (const args of await Promise.all(got)) h.assertArgs(args, [pattern(1000)]);
  });

  it("frames a binary ack byte for byte over WebSocket", async () => {
    const ws = h.rawSocket();
    assert.match(await ws.next(), /^0\{/);
    ws.send("40");
    assert.match(await ws.next(), /^40\{/);
    assert.match(await ws.next(), /^42\["auth"/);
    ws.send('451-789["echo",{"_placeholder":true,"num":0}]');
    ws.send(bytes(1, 2, 3), { binary: true });
    let msg = await ws.next();
    while (msg === "2") {
      ws.send("3");
      msg = await ws.next();
    }
    assert.strictEqual(msg, '461-789[{"_placeholder":true,"num":0}]');
    const attachment = await ws.next();
    assert.ok(Buffer.isBuffer(attachment), "attachment is a binary frame");
    assert.deepStrictEqual(attachment, bytes(1, 2, 3));
  });
});
