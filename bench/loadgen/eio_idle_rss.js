// Opens N idle Engine.IO WebSocket sessions (no Socket.IO) against a running
// sioring-server --app=protocol-suite and prints the server's RSS per session:
//   node bench/loadgen/eio_idle_rss.js PORT SERVER_PID N
const WebSocket = require(require("path").join(__dirname, "../../tests/engine_client/node_modules/ws"));
const fs = require("fs");
const [port, pid, n] = [process.argv[2], process.argv[3], +process.argv[4]];
const rss = () => +fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1] * 1024;
(async () => {
  const before = rss();
  const socks = [];
  let open = 0;
  for (let i = 0; i < n; i += 500) {
    const batch = [];
    for (let j = 0; j < 500 && i + j < n; j++) {
      batch.push(new Promise((res, rej) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/engine.io/?EIO=4&transport=websocket`);
        ws.on("message", (d) => { if (String(d).startsWith("0")) { open++; res(); } else if (String(d) === "2") ws.send("3"); });
        ws.on("error", rej);
        socks.push(ws);
      }));
    }
    await Promise.all(batch);
  }
  await new Promise((r) => setTimeout(r, 2000));
  const after = rss();
  console.log(JSON.stringify({ sessions: open, rss_before: before, rss_after: after, per_session: (after - before) / open }));
  for (const s of socks) s.terminate();
  process.exit(0);
})();
