// Starts sioring-server (--app=protocol-suite: a bare Engine.IO echo at
// /engine.io/) on a free loopback port for one test file, and stops it.
"use strict";
const { spawn } = require("node:child_process");
const net = require("node:net");

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function waitForPort(port, deadlineMs) {
  const until = Date.now() + deadlineMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = net.connect(port, "127.0.0.1");
      sock.once("connect", () => { sock.destroy(); resolve(); });
      sock.once("error", () => {
        sock.destroy();
        if (Date.now() > until) reject(new Error(`server did not listen on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

async function startServer(extraArgs = []) {
  const bin = process.env.SIORING_SERVER;
  if (!bin) throw new Error("SIORING_SERVER must name the sioring-server binary");
  const port = await freePort();
  const args = ["--app=protocol-suite", `--port=${port}`, `--shards=${process.env.SIORING_SHARDS || 2}`,
                `--io=${process.env.SIORING_IO || "auto"}`, ...extraArgs];
  const child = spawn(bin, args, { stdio: ["ignore", "inherit", "inherit"] });
  let exited = null;
  child.once("exit", (code, signal) => { exited = { code, signal }; });
  await waitForPort(port, 10000);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (exited) return exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
      await new Promise((r) => child.once("exit", r));
      clearTimeout(timer);
      return exited;
    },
  };
}

module.exports = { startServer };
