// Shared helpers of the conformance tests. Every client a test opens goes
// through here, so afterEach can close all of them.
"use strict";

const assert = require("assert");
const { io } = require("socket.io-client");
const WebSocket = require("ws");

const SERVER_URL = (process.env.SERVER_URL || "http://127.0.0.1:3000").replace(
  /\/+$/,
  "",
);
const WS_URL = SERVER_URL.replace(/^http/, "ws");

// Conformance profile of the server (APP.md, "Server profile").
const PROFILE = Object.freeze({
  pingInterval: 300,
  pingTimeout: 200,
  connectTimeout: 1000,
  maxPayload: 1000000,
  maxDisconnectionDuration: 2000,
});

const open = new Set();

let counter = 0;
/// A name no earlier test used (rooms, dynamic namespaces), so a straggler
/// of another test can never interfere.
const uniq = (prefix) => `${prefix}-${process.pid}-${++counter}`;
/// A fresh dynamic namespace, /dyn-<digits>.
const freshNamespace = () => `/dyn-${process.pid}${String(++counter).padStart(6, "0")}`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Rejects after `ms` with a message naming what was awaited.
function within(ms, promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/// A Socket.IO client on `nsp`, tracked for cleanup. Defaults: a fresh
/// Manager (forceNew), no automatic reconnection, WebSocket only; `opts` go
/// to the Manager and the Socket unchanged.
function client(nsp = "/", opts = {}) {
  const socket = io(SERVER_URL + nsp, {
    forceNew: true,
    reconnection: false,
    transports: ["websocket"],
    ...opts,
  });
  open.add(socket);
  return socket;
}

/// Another namespace socket on the same Manager (same Engine.IO connection).
/// It connects on its own (the Manager auto-connects its sockets); calling
/// connect() again would send a second CONNECT, which closes the connection.
function sibling(socket, nsp, opts = {}) {
  const other = socket.io.socket(nsp, opts);
  open.add(other);
  if (!other.active) other.connect();
  return other;
}

/// Resolves with the socket once connected; rejects on connect_error.
function connected(socket, ms = 2000) {
  if (socket.connected) return Promise.resolve(socket);
  return within(
    ms,
    new Promise((resolve, reject) => {
      const onConnect = () => {
        socket.off("connect_error", onError);
        resolve(socket);
      };
      const onError = (err) => {
        socket.off("connect", onConnect);
        reject(err);
      };
      socket.once("connect", onConnect);
      socket.once("connect_error", onError);
    }),
    `connect of ${socket.nsp}`,
  );
}

/// client() + connected().
function connect(nsp = "/", opts = {}) {
  return connected(client(nsp, opts));
}

/// `count` connected clients, opened in parallel.
function connectMany(count, nsp = "/", opts = {}) {
  return Promise.all(
    Array.from({ length: count }, () => connect(nsp, opts)),
  );
}

/// Resolves with the argument list of the next `event` on `emitter`.
function once(emitter, event, ms = 2000) {
  return within(
    ms,
    new Promise((resolve) => emitter.once(event, (...args) => resolve(args))),
    `event ${event}`,
  );
}

/// Emits `event` with `args` and an ack; resolves with the ack's argument
/// list. Rejects if no ack comes within `ms`.
function ack(socket, event, ...args) {
  return ackWithin(2000, socket, event, ...args);
}

function ackWithin(ms, socket, event, ...args) {
  return new Promise((resolve, reject) => {
    socket.timeout(ms).emit(event, ...args, (err, ...res) => {
      if (err) reject(new Error(`no ack for ${event} within ${ms} ms`));
      else resolve(res);
    });
  });
}

/// Emits and resolves with the first ack argument.
async function call(socket, event, ...args) {
  const res = await ack(socket, event, ...args);
  return res[0];
}

/// Collects every `event` received by `socket` (argument lists, in order).
function collect(socket, event) {
  const seen = [];
  socket.on(event, (...args) => seen.push(args));
  return seen;
}

/// Waits until `predicate()` is true, polling every 5 ms.
async function until(predicate, ms = 2000, what = "condition") {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/// Server-sent events carry a recovery offset as one extra trailing string
/// argument (APP.md); compare only the leading arguments.
function assertArgs(received, expected) {
  assert.ok(
    received.length >= expected.length,
    `expected at least ${expected.length} arguments, got ${received.length}`,
  );
  assert.deepStrictEqual(received.slice(0, expected.length), expected);
}

/// Sends a marker to `sockets` through the server and waits until each got
/// it. Packets on one connection arrive in order, so anything the server
/// sent to them before the marker has arrived once this resolves.
async function flush(sender, sockets) {
  const mark = `flush-${Math.random().toString(36).slice(2)}`;
  const waits = sockets.map((s) =>
    within(
      2000,
      new Promise((resolve) => {
        const on = (value) => {
          if (value === mark) {
            s.off("flush", on);
            resolve();
          }
        };
        s.on("flush", on);
      }),
      "flush marker",
    ),
  );
  await call(sender, "emit-to", {
    rooms: sockets.map((s) => s.id),
    event: "flush",
    args: [mark],
  });
  await Promise.all(waits);
}

/// A raw WebSocket to the Engine.IO endpoint, tracked for cleanup. Messages
/// are queued so none is missed between awaits.
function rawSocket(query = "") {
  const ws = new WebSocket(
    `${WS_URL}/socket.io/?EIO=4&transport=websocket${query}`,
  );
  const queue = [];
  const waiters = [];
  ws.on("message", (data, isBinary) => {
    const msg = isBinary ? data : data.toString();
    const waiter = waiters.shift();
    if (waiter) waiter(msg);
    else queue.push(msg);
  });
  ws.next = (ms = 2000) =>
    within(
      ms,
      new Promise((resolve) => {
        if (queue.length > 0) resolve(queue.shift());
        else waiters.push(resolve);
      }),
      "raw WebSocket message",
    );
  ws.closed = new Promise((resolve) => ws.on("close", (code) => resolve(code)));
  ws.on("error", () => {});
  ws.opened = within(
    2000,
    new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    }),
    "raw WebSocket open",
  );
  open.add(ws);
  return ws;
}

/// Closes everything the test opened.
function closeAll() {
  for (const s of open) {
    if (s instanceof WebSocket) {
      s.terminate();
    } else if (typeof s.disconnect === "function") {
      s.io.reconnection(false);
      s.disconnect();
      if (s.io.engine) s.io.engine.close();
    } else if (typeof s.close === "function") {
      s.close();
    }
  }
  open.clear();
}

/// Tracks any closable (an engine.io-client socket, say) for closeAll().
function track(closable) {
  open.add(closable);
  return closable;
}

module.exports = {
  PROFILE,
  SERVER_URL,
  WS_URL,
  ack,
  ackWithin,
  assertArgs,
  call,
  client,
  closeAll,
  collect,
  connect,
  connectMany,
  connected,
  flush,
  freshNamespace,
  once,
  rawSocket,
  sibling,
  sleep,
  track,
  uniq,
  until,
  within,
};
