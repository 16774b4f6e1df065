'use strict';
// Node.js socket.io peer for sioring's benchmarks: the benchmark contract that
// sioring-server also serves on namespace "/".
//   echo      acks exactly its arguments
//   join      joins the room named by its first argument, acks with no arguments
//   broadcast emits `msg` with its first argument unchanged to every socket in
//             room "bench" (the sender too if it is a member), then acks with no
//             arguments
// Without an ack id each event acts the same and acks nothing.
//
// Usage: node server.js [--port N] [--host H]   (defaults 3000, 127.0.0.1)

const http = require('http');
const path = require('path');
const fs = require('fs');
const { Server } = require('socket.io');

// socket.io's package.json is not an exported subpath: read it from disk.
const sioVersion = JSON.parse(
  fs.readFileSync(path.join(path.dirname(require.resolve('socket.io')), '..', 'package.json'), 'utf8'),
).version;

function parseArgs(argv) {
  const opts = { port: 3000, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(0, eq) : a;
    const next = () => (eq >= 0 ? a.slice(eq + 1) : argv[++i]);
    if (name === '--port') {
      opts.port = Number(next());
      if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
        throw new Error(`bad --port: ${a}`);
      }
    } else if (name === '--host') {
      opts.host = next();
    } else if (name === '--help' || name === '-h') {
      process.stdout.write('usage: node server.js [--port N] [--host H]\n');
      process.exit(0);
    } else {
      throw new Error(`unknown argument: ${a}`);
    }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const httpServer = http.createServer((req, res) => {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found\n');
});
// Keep-alive polling connections must not be cut by Node's HTTP timeouts
// during a long benchmark.
httpServer.keepAliveTimeout = 0;
httpServer.requestTimeout = 0;
httpServer.headersTimeout = 0;

const io = new Server(httpServer, {
  path: '/socket.io/',
  transports: ['polling', 'websocket'],
  perMessageDeflate: false,
  httpCompression: false,
  serveClient: false,
});

io.on('connection', (socket) => {
  socket.on('echo', (...args) => {
    const ack = typeof args[args.length - 1] === 'function' ? args.pop() : null;
    if (ack) ack(...args);
  });
  socket.on('join', (...args) => {
    const ack = typeof args[args.length - 1] === 'function' ? args.pop() : null;
    socket.join(String(args[0]));
    if (ack) ack();
  });
  socket.on('broadcast', (...args) => {
    const ack = typeof args[args.length - 1] === 'function' ? args.pop() : null;
    io.to('bench').emit('msg', args[0]);
    if (ack) ack();
  });
});

httpServer.listen(opts.port, opts.host, () => {
  const { port } = httpServer.address();
  process.stdout.write(`socket.io ${sioVersion} benchmark peer listening on http://${opts.host}:${port}\n`);
});

function shutdown() {
  io.close();
  httpServer.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
