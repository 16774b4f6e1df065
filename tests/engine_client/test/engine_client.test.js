// The official engine.io-client (pinned in package.json) against sioring's
// bare Engine.IO echo: transports, upgrade, binary, large payloads, heartbeat,
// and many concurrent clients over two shards.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { Socket } = require("engine.io-client");
const WebSocket = require("ws");
const { startServer } = require("./server");

// Relaxed heartbeat so a loaded machine never times out a healthy client; the
// heartbeat tests start their own server with the suites' 300/200 ms timings.
let server;
let fastServer;
before(async () => {
  server = await startServer(["--max-payload=1100000", "--ping-interval=2000", "--ping-timeout=5000"]);
  fastServer = await startServer(["--ping-interval=300", "--ping-timeout=200"]);
});
after(async () => {
  for (const s of [server, fastServer]) {
    const exit = await s.stop();
    assert.equal(exit.code, 0, `server exited with ${JSON.stringify(exit)}`);
  }
});

function open(opts, target = server) {
  return new Promise((resolve, reject) => {
    const socket = new Socket(target.url, { path: "/engine.io/", ...opts });
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

function nextMessage(socket) {
  return new Promise((resolve) => socket.once("message", resolve));
}

async function echo(socket, data) {
  const got = nextMessage(socket);
  socket.send(data);
  return got;
}

test("polling only: handshake and echo", { timeout: 5000 }, async () => {
  const socket = await open({ transports: ["polling"] });
  assert.equal(socket.transport.name, "polling");
  assert.equal(await echo(socket, "hello"), "hello");
  assert.equal(await echo(socket, "héllo ✓"), "héllo ✓");
  socket.close();
});

test("websocket only: handshake and echo", { timeout: 5000 }, async () => {
  const socket = await open({ transports: ["websocket"] });
  assert.equal(socket.transport.name, "websocket");
  assert.equal(await echo(socket, "hello"), "hello");
  socket.close();
});

test("upgrade from polling to websocket", { timeout: 5000 }, async () => {
  const socket = await open({ transports: ["polling", "websocket"] });
  await new Promise((resolve) => socket.once("upgrade", resolve));
  assert.equal(socket.transport.name, "websocket");
  assert.equal(await echo(socket, "after upgrade"), "after upgrade");
  socket.close();
});

for (const transports of [["polling"], ["websocket"]]) {
  test(`binary both ways over ${transports[0]}`, { timeout: 5000 }, async () => {
    const socket = await open({ transports });
    socket.binaryType = "nodebuffer";
    const bytes = Buffer.from([0, 1, 2, 3, 254, 255]);
    const back = await echo(socket, bytes);
    assert.ok(Buffer.isBuffer(back));
    assert.deepEqual(Buffer.from(back), bytes);
    socket.close();
  });

  test(`1 MB payload over ${transports[0]}`, { timeout: 10000 }, async () => {
    const socket = await open({ transports });
    const big = "x".repeat(1_000_000);
    assert.equal(await echo(socket, big), big);
    socket.close();
  });
}

test("ping timeout closes a session whose client stops answering", { timeout: 5000 }, async () => {
  // A raw WebSocket that never answers the server's pings (pingInterval 300,
  // pingTimeout 200 in this profile): the server must close it.
  const ws = new WebSocket(`ws://127.0.0.1:${fastServer.port}/engine.io/?EIO=4&transport=websocket`);
  const frames = [];
  ws.on("message", (d) => frames.push(d.toString()));
  const started = Date.now();
  await new Promise((resolve) => ws.once("close", resolve));
  const elapsed = Date.now() - started;
  assert.ok(frames[0].startsWith("0{"), "open packet first");
  assert.ok(frames.includes("2"), "the server pinged");
  assert.ok(elapsed >= 400 && elapsed < 2000, `closed after ${elapsed} ms`);
});

test("the client sees the server's heartbeat and stays open", { timeout: 5000 }, async () => {
  const socket = await open({ transports: ["websocket"] }, fastServer);
  let pings = 0;
  socket.on("ping", () => pings++);
  await new Promise((r) => setTimeout(r, 1000));
  assert.ok(pings >= 2, `saw ${pings} pings`);
  assert.equal(socket.readyState, "open");
  socket.close();
});

test("1000 concurrent clients over two shards", { timeout: 30000 }, async () => {
  const clients = [];
  for (let i = 0; i < 1000; i += 100) {
    const batch = [];
    for (let j = 0; j < 100; j++) batch.push(open({ transports: ["websocket"] }));
    clients.push(...(await Promise.all(batch)));
  }
  const replies = await Promise.all(clients.map((c, i) => echo(c, `m${i}`)));
  replies.forEach((r, i) => assert.equal(r, `m${i}`));
  const health = await (await fetch(`${server.url}/health`)).json();
  assert.equal(health.shards, 2);
  assert.ok(health.sessions >= 1000, JSON.stringify(health));
  for (const c of clients) c.close();
});

test("polling clients are served whichever shard accepts their requests", { timeout: 10000 }, async () => {
  // Each polling request is a new TCP connection that the kernel may give to
  // either shard; the session must still be found (hand-off to its shard).
  const clients = await Promise.all(
    Array.from({ length: 20 }, () => open({ transports: ["polling"] })));
  for (let round = 0; round < 3; round++) {
    const replies = await Promise.all(clients.map((c, i) => echo(c, `r${round}-${i}`)));
    replies.forEach((r, i) => assert.equal(r, `r${round}-${i}`));
  }
  for (const c of clients) c.close();
});
