#!/usr/bin/env node
// Runs the conformance suite against a server command:
//
//   node run.js --server "<command with {port}>" [--mocha-args ...]
//   node run.js --server "<command with {port}>" --run "<command>"
//
// Picks a free loopback port, starts the server command (with {port}
// replaced) through /bin/sh, waits up to 10 s until the port accepts TCP
// connections, then runs mocha (or the --run command) with
// SERVER_URL=http://127.0.0.1:<port> in its environment. The server is
// stopped afterwards and the exit status is the test command's.
"use strict";

const { spawn } = require("child_process");
const net = require("net");
const path = require("path");

const HOST = "127.0.0.1";
const STARTUP_MS = 10000;

function usage(message) {
  process.stderr.write(
    `run.js: ${message}\n` +
      'usage: node run.js --server "<command with {port}>" [--run "<command>"] [--mocha-args ...]\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { server: null, run: null, mochaArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--server") {
      if (i + 1 >= argv.length) usage("missing value for --server");
      opts.server = argv[++i];
    } else if (arg === "--run") {
      if (i + 1 >= argv.length) usage("missing value for --run");
      opts.run = argv[++i];
    } else if (arg === "--mocha-args") {
      opts.mochaArgs = argv.slice(i + 1);
      break;
    } else {
      usage(`unknown argument ${arg}`);
    }
  }
  if (!opts.server) usage("--server is required");
  if (!opts.server.includes("{port}")) usage("the --server command must contain {port}");
  return opts;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: HOST, port });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.once("connect", () => done(true));
    sock.once("error", () => done(false));
    sock.setTimeout(500, () => done(false));
  });
}

async function waitForPort(port, server) {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`server exited early (status ${server.exitCode ?? server.signalCode})`);
    }
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not accept connections on ${HOST}:${port} within ${STARTUP_MS} ms`);
}

// The server runs in its own process group so the shell and everything it
// started stop together.
function stopServer(server) {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve();
    const kill = (sig) => {
      try {
        process.kill(-server.pid, sig);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => kill("SIGKILL"), 3000);
    server.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    kill("SIGTERM");
  });
}

function runTests(opts, url) {
  const env = { ...process.env, SERVER_URL: url };
  const child = opts.run
    ? spawn("/bin/sh", ["-c", opts.run], { stdio: "inherit", env })
    : spawn(
        process.execPath,
        [require.resolve("mocha/bin/mocha.js"), ...opts.mochaArgs],
        { stdio: "inherit", env, cwd: __dirname },
      );
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const port = await freePort();
  const command = opts.server.replaceAll("{port}", String(port));
  const url = `http://${HOST}:${port}`;
  process.stderr.write(`run.js: starting server: ${command}\n`);
  const server = spawn("/bin/sh", ["-c", command], {
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
    cwd: path.resolve(__dirname),
  });

  let status = 1;
  const onSignal = async () => {
    await stopServer(server);
    process.exit(130);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    await waitForPort(port, server);
    process.stderr.write(`run.js: server ready at ${url}\n`);
    status = await runTests(opts, url);
  } catch (err) {
    process.stderr.write(`run.js: ${err.message}\n`);
    status = 1;
  } finally {
    await stopServer(server);
  }
  process.exit(status);
}

main();
