// Events and acknowledgements: `echo` (client -> server ack), `ask` and
// `ask-timeout` (server -> client ack), ordering, unknown events.
"use strict";

const assert = require("assert");
const h = require("./support/helpers");

describe("events & acks", () => {
  let s;
  beforeEach(async () => {
    s = await h.connect("/");
  });

  it("acks `echo` with no arguments with an empty list", async () => {
    assert.deepStrictEqual(await h.ack(s, "echo"), []);
  });

  const cases = {
    "a string": ["hello"],
    "several arguments of every JSON type": [1, "2", { 3: [true] }, null, false, [], {}],
    numbers: [0, -1, 1.5, -2.25, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER],
    "strings that need escaping": ['quote " backslash \\ slash /', "tab\tnl\ncr\r", "\u0000\u001f\u007f", "\u2028\u2029"],
    "non-ASCII text": ["héllo wörld", "日本語", "emoji 🎉👍🏽", "mixed 𝄞 é"],
    "keys that need escaping": [{ 'a"b': 1, "c\\d": 2, "": 3, "é": 4 }],
    "a deeply nested value": [JSON.parse("[".repeat(30) + "1" + "]".repeat(30))],
    "a 200 KB string": ["x".repeat(200 * 1024)],
  };
  for (const [name, args] of Object.entries(cases)) {
    it(`echoes ${name} unchanged`, async () => {
      assert.deepStrictEqual(await h.ack(s, "echo", ...args), args);
    });
  }

  it("echoes a 5000-element array", async () => {
    const arr = Array.from({ length: 5000 }, (_, i) => ({ i, s: String(i) }));
    assert.deepStrictEqual(await h.ack(s, "echo", arr), [arr]);
  });

  it("matches 100 concurrent acks to their events", async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => h.ack(s, "echo", i, `n${i}`)),
    );
    results.forEach((res, i) => assert.deepStrictEqual(res, [i, `n${i}`]));
  });

  it("supports emitWithAck", async () => {
    assert.strictEqual(await s.timeout(2000).emitWithAck("echo", "promise"), "promise");
  });

  it("acks `echo` byte for byte with the same ack id", async () => {
    const ws = h.rawSocket();
    assert.match(await ws.next(), /^0\{/);
    ws.send("40");
    assert.match(await ws.next(), /^40\{/);
    assert.match(await ws.next(), /^42\["auth",\{\}/);
    ws.send('42["echo","no ack wanted"]');
    ws.send('42456["echo",1,"2",{"3":[false]}]');
    // Nothing answers the event without ack id: the next packet is the ack.
    let msg = await ws.next();
    while (msg === "2") {
      ws.send("3");
      msg = await ws.next();
    }
    assert.strictEqual(msg, '43456[1,"2",{"3":[false]}]');
  });

  it("ignores unknown events and keeps the connection", async () => {
    await assert.rejects(h.ackWithin(300, s, "no-such-event", 1), /no ack/);
    assert.ok(s.connected);
    assert.deepStrictEqual(await h.ack(s, "echo", "alive"), ["alive"]);
  });

  it("acts on events sent without an ack id", async () => {
    s.emit("join", "no-ack-room");
    assert.deepStrictEqual(await h.call(s, "rooms"), [s.id, "no-ack-room"].sort());
  });

  it("delivers server emits to one socket in order", async () => {
    const seen = h.collect(s, "seq");
    const acks = [];
    for (let i = 0; i < 50; i++) {
      acks.push(h.call(s, "emit-to", { rooms: [s.id], event: "seq", args: [i] }));
    }
    await Promise.all(acks);
    await h.until(() => seen.length === 50, 2000, "50 events");
    assert.deepStrictEqual(seen.map((a) => a[0]), Array.from({ length: 50 }, (_, i) => i));
  });

  describe("server -> client acks", () => {
    it("`ask` emits `question` with the caller's arguments and acks with the answer", async () => {
      s.on("question", (...args) => {
        const reply = args.pop();
        assert.deepStrictEqual(args, ["q?", 1, { a: true }]);
        reply("yes", 2, { b: [null] });
      });
      assert.deepStrictEqual(await h.ack(s, "ask", "q?", 1, { a: true }), ["yes", 2, { b: [null] }]);
    });

    it("`ask` passes an empty answer through", async () => {
      s.on("question", (reply) => reply());
      assert.deepStrictEqual(await h.ack(s, "ask"), []);
    });

    it("`ask` works from another namespace on the same connection", async () => {
      const custom = h.sibling(s, "/custom");
      await h.connected(custom);
      custom.on("question", (x, reply) => reply(`custom:${x}`));
      assert.deepStrictEqual(await h.ack(custom, "ask", "x"), ["custom:x"]);
    });

    it("`ask-timeout` reports the answer when the client answers in time", async () => {
      s.on("question", (x, reply) => reply(x * 2, "ok"));
      assert.deepStrictEqual(await h.call(s, "ask-timeout", 21), {
        timedOut: false,
        answer: [42, "ok"],
      });
    });

    it("`ask-timeout` reports a timeout after 200 ms when the client never answers", async () => {
      let asked = 0;
      s.on("question", () => asked++); // never calls the ack
      const start = Date.now();
      assert.deepStrictEqual(await h.call(s, "ask-timeout", "hello?"), { timedOut: true });
      const elapsed = Date.now() - start;
      assert.strictEqual(asked, 1);
      assert.ok(elapsed >= 190 && elapsed < 1000, `timed out after ${elapsed} ms`);
    });

    it("`ask-timeout` reports a timeout when the client has no handler", async () => {
      assert.deepStrictEqual(await h.call(s, "ask-timeout"), { timedOut: true });
    });

    it("ignores a late answer after the timeout", async () => {
      let late;
      s.on("question", (reply) => {
        late = reply;
      });
      assert.deepStrictEqual(await h.call(s, "ask-timeout"), { timedOut: true });
      late("too late");
      assert.deepStrictEqual(await h.ack(s, "echo", "still fine"), ["still fine"]);
    });
  });
});
