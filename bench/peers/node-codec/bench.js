#!/usr/bin/env node
// The official parsers (engine.io-parser, socket.io-parser) on the same inputs
// as sioring's C++ codec micro-benchmarks (bench/micro/inputs/), reporting the
// same figures: ops/s, packets/s and bytes/s per measurement.
//
//   node bench.js            a table
//   node bench.js --json     one JSON line
//   node bench.js --time=2   seconds per measurement (default 1)
//   node bench.js --wall     rates per wall-clock second instead of per CPU second
//
// Rates are per second of this process's CPU time by default, like Google
// Benchmark's (which uses the benchmark thread's CPU time), so a busy machine
// skews both sides alike. The process figure includes V8's helper threads
// (garbage collection), which are part of the parser's real cost.
"use strict";

const fs = require("fs");
const path = require("path");
const eio = require("engine.io-parser");
const sio = require("socket.io-parser");

const args = process.argv.slice(2);
const asJson = args.includes("--json");
const timeArg = args.find((a) => a.startsWith("--time="));
const seconds = timeArg ? Number(timeArg.slice(7)) : 1;
const wallClock = args.includes("--wall");
if (!(seconds > 0)) {
  console.error("--time must be a positive number of seconds");
  process.exit(2);
}

const inputs = path.resolve(__dirname, "../../micro/inputs");
const text = (name) => fs.readFileSync(path.join(inputs, name), "latin1");
const RS = "\x1e";

const eioSmall = text("eio_payload_small.txt");
const eioBinary = text("eio_payload_binary.txt");
const sioSmall = text("sio_event_small.txt");
const sio1k = text("sio_event_1k.txt");
const sioBinaryHeader = text("sio_binary_event_header.txt");
const event1k = JSON.parse(text("event_1k.json"));
const attachment = fs.readFileSync(path.join(inputs, "attachment_64k.bin"));

// What the encoders are given: the values the decoders produce from the inputs.
const eioSmallPackets = eioSmall.split(RS).map((r) => ({ type: "message", data: r.slice(1) }));
const eioBinaryPackets = [
  { type: "message", data: sioBinaryHeader },
  { type: "message", data: attachment },
];
const EVENT = sio.PacketType.EVENT;
const sioPackets = {
  small: () => ({ type: EVENT, nsp: "/", data: ["chat", "hello"] }),
  "1k": () => ({ type: EVENT, nsp: "/", data: ["message", event1k] }),
  binary64k: () => ({ type: EVENT, nsp: "/", data: ["upload", attachment] }),
};

function encodePayload(packets) {
  let out;
  eio.encodePayload(packets, (s) => (out = s));  // synchronous in Node
  return out;
}

// Prove both sides measure the same bytes: the reference encoders must give
// back exactly the input files.
function check(what, got, want) {
  if (got !== want) {
    console.error(`input mismatch: ${what} encodes differently from bench/micro/inputs`);
    process.exit(1);
  }
}
check("eio small payload", encodePayload(eioSmallPackets), eioSmall);
check("eio binary payload", encodePayload(eioBinaryPackets), eioBinary);
const encoder = new sio.Encoder();
check("sio small event", encoder.encode(sioPackets.small())[0], sioSmall);
check("sio 1k event", encoder.encode(sioPackets["1k"]())[0], sio1k);
const binEncoded = encoder.encode(sioPackets.binary64k());
check("sio binary header", binEncoded[0], sioBinaryHeader);
if (binEncoded.length !== 2 || !attachment.equals(binEncoded[1])) {
  console.error("input mismatch: sio binary attachment");
  process.exit(1);
}

let sink = 0;  // keeps every result observable
const decoder = new sio.Decoder();
decoder.on("decoded", (p) => {
  sink += p.data.length;
});

const cases = [
  {
    name: "eio_decode_payload/small",
    packets: 10,
    bytes: eioSmall.length,
    fn: () => (sink += eio.decodePayload(eioSmall).length),
  },
  {
    name: "eio_decode_payload/binary64k",
    packets: 2,
    bytes: eioBinary.length,
    fn: () => (sink += eio.decodePayload(eioBinary)[1].data.length),
  },
  {
    name: "eio_encode_payload/small",
    packets: 10,
    bytes: eioSmall.length,
    fn: () => (sink += encodePayload(eioSmallPackets).length),
  },
  {
    name: "eio_encode_payload/binary64k",
    packets: 2,
    bytes: eioBinary.length,
    fn: () => (sink += encodePayload(eioBinaryPackets).length),
  },
  { name: "sio_decode/small", packets: 1, bytes: sioSmall.length, fn: () => decoder.add(sioSmall) },
  { name: "sio_decode/1k", packets: 1, bytes: sio1k.length, fn: () => decoder.add(sio1k) },
  {
    name: "sio_decode/binary64k",
    packets: 1,
    bytes: sioBinaryHeader.length + attachment.length,
    fn: () => {
      decoder.add(sioBinaryHeader);
      decoder.add(attachment);
    },
  },
];
for (const [kind, make] of Object.entries(sioPackets)) {
  const bytes = kind === "binary64k" ? sioBinaryHeader.length + attachment.length
              : kind === "1k" ? sio1k.length : sioSmall.length;
  cases.push({
    name: `sio_encode/${kind}`,
    packets: 1,
    bytes,
    fn: () => (sink += encoder.encode(make()).length),
  });
}

const now = () => Number(process.hrtime.bigint()) / 1e9;
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const clock = wallClock ? now : cpuNow;

// Runs fn in batches sized to ~10 ms until `budget` seconds of the chosen clock
// have passed; returns ops per second of that clock.
function run(fn, budget) {
  let batch = 1;
  for (;;) {
    const t0 = now();
    for (let i = 0; i < batch; i++) fn();
    if (now() - t0 >= 0.01) break;
    batch *= 2;
  }
  let ops = 0;
  const start = clock();
  let elapsed = 0;
  do {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    elapsed = clock() - start;
  } while (elapsed < budget);
  return ops / elapsed;
}

const results = [];
for (const c of cases) {
  run(c.fn, Math.min(0.3, seconds / 3));  // warm-up: lets V8 optimise
  const ops = run(c.fn, seconds);
  results.push({
    name: c.name,
    ops_per_s: Math.round(ops),
    packets_per_s: Math.round(ops * c.packets),
    bytes_per_s: Math.round(ops * c.bytes),
  });
}
if (sink === 0) console.error("nothing decoded");

// The packages' "exports" hide package.json from require(); read the file.
const version = (pkg) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "node_modules", pkg, "package.json"), "utf8"))
    .version;
if (asJson) {
  console.log(
    JSON.stringify({
      peer: "node",
      node: process.version,
      "engine.io-parser": version("engine.io-parser"),
      "socket.io-parser": version("socket.io-parser"),
      seconds,
      clock: wallClock ? "wall" : "cpu",
      results,
    }),
  );
} else {
  const si = (v) => {
    const units = ["", "k", "M", "G"];
    let i = 0;
    while (v >= 1000 && i < units.length - 1) (v /= 1000), i++;
    return `${v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)}${units[i]}`;
  };
  console.log(
    `node ${process.version}, engine.io-parser ${version("engine.io-parser")}, ` +
      `socket.io-parser ${version("socket.io-parser")}, ${seconds} s per measurement, ` +
      `rates per ${wallClock ? "wall-clock" : "CPU"} second`,
  );
  const head = ["benchmark", "ops/s", "packets/s", "bytes/s"];
  const rows = results.map((r) => [
    r.name,
    si(r.ops_per_s),
    si(r.packets_per_s),
    `${si(r.bytes_per_s)}B/s`,
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ");
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}
