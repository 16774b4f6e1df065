#!/usr/bin/env node
// Reference implementation of the conformance app (tests/conformance/APP.md)
// on the official Node.js socket.io server. The conformance suite is proven
// against this server first; sioring-server implements the same contract.
//
// Usage: node reference/server.js --port N [--host 127.0.0.1]
//                                  [--profile conformance|bench]
"use strict";

const fs = require("fs");
const http = require("http");
const path = require("path");
const { Server } = require("socket.io");

const DEMO_PAGE = path.resolve(
  __dirname,
  "../../../api/server/demo/index.html",
);

function parseArgs(argv) {
  const opts = { port: 3000, host: "127.0.0.1", profile: "conformance" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) usage(`missing value for ${arg}`);
      return argv[++i];
    };
    if (arg === "--port") opts.port = Number(next());
    else if (arg === "--host") opts.host = next();
    else if (arg === "--profile") opts.profile = next();
    else usage(`unknown argument ${arg}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    usage("--port must be an integer in 0..65535");
  }
  if (opts.profile !== "conformance" && opts.profile !== "bench") {
    usage("--profile must be conformance or bench");
  }
  return opts;
}

function usage(message) {
  process.stderr.write(
    `server.js: ${message}\n` +
      "usage: node reference/server.js --port N [--host H] " +
      "[--profile conformance|bench]\n",
  );
  process.exit(2);
}

// Engine.IO / Socket.IO options of each profile (APP.md, "Server profile").
function serverOptions(profile) {
  const common = { perMessageDeflate: false, serveClient: true };
  if (profile === "bench") return common;
  return {
    ...common,
    pingInterval: 300,
    pingTimeout: 200,
    connectTimeout: 1000,
    maxHttpBufferSize: 1e6,
    connectionStateRecovery: {
      maxDisconnectionDuration: 2000,
      skipMiddlewares: true,
    },
  };
}

// Sorting by UTF-16 code unit, which is byte order for the ASCII names the
// suite uses: the same order a C++ server gets from std::sort on strings.
const sorted = (values) => [...values].sort();
const byJson = (a, b) => {
  const x = JSON.stringify(a) ?? "null";
  const y = JSON.stringify(b) ?? "null";
  return x < y ? -1 : x > y ? 1 : 0;
};

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const stringList = (v) =>
  Array.isArray(v) ? v.filter((s) => typeof s === "string") : [];

// A selector picks sockets of the caller's namespace: {rooms, except}; no
// rooms means every socket of the namespace.
function select(target, spec) {
  let op = target;
  const rooms = stringList(spec.rooms);
  const except = stringList(spec.except);
  if (rooms.length > 0) op = op.to(rooms);
  if (except.length > 0) op = op.except(except);
  return op;
}

// Disconnect records for `last-disconnect`, bounded so a long run stays small.
const MAX_RECORDS = 1000;
const records = new Map();
let lastRecord = null;

function record(entry) {
  records.set(entry.id, entry);
  lastRecord = entry;
  if (records.size > MAX_RECORDS) {
    records.delete(records.keys().next().value);
  }
}

function onConnection(socket) {
  const nsp = socket.nsp;
  // Event handlers receive the ack function (if any) as the last argument.
  const handle = (event, fn) => {
    socket.on(event, (...args) => {
      const ack =
        typeof args[args.length - 1] === "function" ? args.pop() : () => {};
      fn(args, ack);
    });
  };

  socket.emit("auth", socket.handshake.auth);
  if (socket.recovered) socket.emit("recovered", socket.id);

  // --- benchmark contract -------------------------------------------------
  handle("echo", (args, ack) => ack(...args));
  handle("join", ([room], ack) => {
    if (typeof room === "string") socket.join(room);
    ack();
  });
  handle("broadcast", ([payload], ack) => {
    nsp.to("bench").emit("msg", payload);
    ack();
  });

  // --- rooms --------------------------------------------------------------
  handle("leave", ([room], ack) => {
    if (typeof room === "string") socket.leave(room);
    ack();
  });
  handle("rooms", (_args, ack) => ack(sorted(socket.rooms)));

  // --- broadcasts ---------------------------------------------------------
  const source = (spec) =>
    select(spec.from === "socket" ? socket.broadcast : nsp, spec);
  handle("emit-to", ([spec], ack) => {
    if (!isObject(spec) || typeof spec.event !== "string") return ack();
    const args = Array.isArray(spec.args) ? spec.args : [];
    const op = source(spec);
    (spec.volatile === true ? op.volatile : op).emit(spec.event, ...args);
    ack();
  });
  handle("emit-to-with-ack", ([spec], ack) => {
    if (!isObject(spec) || typeof spec.event !== "string") return ack();
    const args = Array.isArray(spec.args) ? spec.args : [];
    source(spec)
      .timeout(1000)
      .emit(spec.event, ...args, (err, responses) => {
        ack({ timedOut: Boolean(err), responses: [...responses].sort(byJson) });
      });
  });

  // --- server -> client acknowledgements ----------------------------------
  handle("ask", (args, ack) => {
    socket.emit("question", ...args, (...answer) => ack(...answer));
  });
  handle("ask-timeout", (args, ack) => {
    socket.timeout(200).emit("question", ...args, (err, ...answer) => {
      ack(err ? { timedOut: true } : { timedOut: false, answer });
    });
  });

  // --- server-side operations ---------------------------------------------
  handle("set-data", ([value], ack) => {
    socket.data = value === undefined ? null : value;
    ack();
  });
  handle("fetch-sockets", async ([spec], ack) => {
    const found = await select(nsp, isObject(spec) ? spec : {}).fetchSockets();
    const list = found
      .map((s) => ({ id: s.id, rooms: sorted(s.rooms), data: s.data }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    ack(list);
  });
  handle("sockets-join", ([spec], ack) => {
    if (isObject(spec) && typeof spec.room === "string") {
      select(nsp, spec).socketsJoin(spec.room);
    }
    ack();
  });
  handle("sockets-leave", ([spec], ack) => {
    if (isObject(spec) && typeof spec.room === "string") {
      select(nsp, spec).socketsLeave(spec.room);
    }
    ack();
  });
  // The next three may disconnect the caller: they ack first, then act.
  handle("disconnect-sockets", ([spec], ack) => {
    ack();
    const s = isObject(spec) ? spec : {};
    select(nsp, s).disconnectSockets(s.close === true);
  });
  handle("server-disconnect", ([spec], ack) => {
    ack();
    socket.disconnect(isObject(spec) && spec.close === true);
  });
  handle("close-transport", (_args, ack) => {
    ack();
    socket.conn.close();
  });
  handle("last-disconnect", ([id], ack) => {
    if (typeof id === "string") ack(records.get(id) ?? null);
    else ack(lastRecord);
  });

  // --- demo chat ----------------------------------------------------------
  registerChat(socket, handle);

  // Rooms are still readable while disconnecting; they are empty afterwards.
  let roomsAtDisconnect = [];
  socket.on("disconnecting", () => {
    roomsAtDisconnect = sorted(socket.rooms);
  });
  socket.on("disconnect", (reason) => {
    record({ id: socket.id, nsp: nsp.name, reason, rooms: roomsAtDisconnect });
  });
}

// --- demo chat (APP.md, "Demo app") ----------------------------------------
const CHAT_PREFIX = "chat:";
const validRoom = (r) => typeof r === "string" && r.length > 0 && r.length <= 64;
const validNick = (n) => typeof n === "string" && n.length > 0 && n.length <= 32;
const validText = (t) => typeof t === "string" && t.length > 0 && t.length <= 2000;

// Nick per socket id, set by chat:join; kept apart from socket.data, which
// belongs to the conformance events.
const nicks = new Map();

function registerChat(socket, handle) {
  const nsp = socket.nsp;
  const joined = (room) =>
    nicks.has(socket.id) && socket.rooms.has(CHAT_PREFIX + room);

  handle("chat:join", ([msg], ack) => {
    if (!isObject(msg) || !validRoom(msg.room) || !validNick(msg.nick)) {
      return ack({ ok: false, error: "invalid" });
    }
    nicks.set(socket.id, msg.nick);
    socket.join(CHAT_PREFIX + msg.room);
    const members = [];
    const ids = nsp.adapter.rooms.get(CHAT_PREFIX + msg.room) ?? new Set();
    for (const id of ids) {
      if (nicks.has(id)) members.push(nicks.get(id));
    }
    ack({ ok: true, members: sorted(members) });
  });
  socket.on("disconnect", () => nicks.delete(socket.id));
  handle("chat:leave", ([msg], ack) => {
    if (!isObject(msg) || !validRoom(msg.room)) {
      return ack({ ok: false, error: "invalid" });
    }
    socket.leave(CHAT_PREFIX + msg.room);
    ack({ ok: true });
  });
  handle("chat:message", ([msg], ack) => {
    if (!isObject(msg) || !validRoom(msg.room) || !validText(msg.text)) {
      return ack({ ok: false, error: "invalid" });
    }
    if (!joined(msg.room)) return ack({ ok: false, error: "not joined" });
    nsp.to(CHAT_PREFIX + msg.room).emit("chat:message", {
      room: msg.room,
      nick: nicks.get(socket.id),
      text: msg.text,
      ts: Date.now(),
    });
    ack({ ok: true });
  });
  handle("chat:typing", ([msg], ack) => {
    if (isObject(msg) && validRoom(msg.room) && joined(msg.room)) {
      socket.to(CHAT_PREFIX + msg.room).emit("chat:typing", {
        room: msg.room,
        nick: nicks.get(socket.id),
      });
    }
    ack();
  });
}

function serveHttp(req, res) {
  const url = new URL(req.url, "http://localhost");
  if (req.method === "GET" && (url.pathname === "/" || url.pathname === "/index.html")) {
    fs.readFile(DEMO_PAGE, (err, body) => {
      if (err) {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end("demo page not found\n");
        return;
      }
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
      });
      res.end(body);
    });
    return;
  }
  if (req.method === "GET" && url.pathname === "/health") {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("ok\n");
    return;
  }
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("not found\n");
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const httpServer = http.createServer();
  const io = new Server(httpServer, serverOptions(opts.profile));
  // socket.io answers /socket.io/ itself; everything else is ours.
  httpServer.on("request", (req, res) => {
    if (!req.url.startsWith("/socket.io/")) serveHttp(req, res);
  });

  io.of("/").on("connection", onConnection);
  io.of("/custom").on("connection", onConnection);
  const privateNsp = io.of("/private");
  privateNsp.use((socket, next) => {
    if (socket.handshake.auth && socket.handshake.auth.token === "secret") {
      return next();
    }
    const err = new Error("unauthorized");
    err.data = { code: 401 };
    next(err);
  });
  privateNsp.on("connection", onConnection);
  io.of(/^\/dyn-\d+$/).on("connection", onConnection);

  httpServer.listen(opts.port, opts.host, () => {
    const { port } = httpServer.address();
    process.stdout.write(
      `reference server (${opts.profile}) listening on http://${opts.host}:${port}\n`,
    );
  });

  const stop = () => {
    io.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main();
