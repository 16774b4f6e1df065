#!/usr/bin/env node
// Writes the shared codec benchmark inputs into bench/micro/inputs/. The files
// are committed; this script documents exactly how they were made and rebuilds
// them byte for byte (the output is deterministic). The C++ micro-benchmarks and
// bench.js both read the files, never this script.
"use strict";

const fs = require("fs");
const path = require("path");

const dir = path.resolve(__dirname, "../../micro/inputs");
const RS = "\x1e";

// A chat message with its author's profile, as an app would emit it: about 1 KiB
// of JSON.stringify output (ASCII only, so characters and bytes agree).
const event1k = {
  id: "msg_01HZX4R8Q2K7V3N9B6T1C5M0PA",
  room: "general",
  type: "text",
  text:
    "Has anyone tried the new build on the staging cluster? The reconnect storm " +
    "test passed, but p99 went up after the room index change.",
  createdAt: "2024-05-14T09:21:37.512Z",
  editedAt: null,
  author: {
    id: "u_48213",
    username: "mira.k",
    displayName: "Mira Kovalenko",
    avatar: "https://cdn.example.com/avatars/u_48213/128.png",
    status: "online",
    roles: ["member", "moderator"],
    locale: "en-GB",
    timezone: "Europe/London",
    verified: true,
    karma: 1289,
    badges: [
      { id: "early-adopter", label: "Early adopter" },
      { id: "helper", label: "Helpful" },
    ],
  },
  mentions: [{ id: "u_10077", username: "dev.ops" }],
  attachments: [],
  reactions: { "+1": 3, rocket: 1, eyes: 2 },
  replyTo: {
    id: "msg_01HZX4Q9S0D3F8H2J5K7L1N4PB",
    authorId: "u_10077",
    preview: "Staging is on the new build since this morning.",
  },
  thread: {
    id: "t_5521",
    replies: 4,
    participants: ["u_48213", "u_10077", "u_30512"],
    lastReplyAt: "2024-05-14T09:25:02.004Z",
  },
  flags: { pinned: false, urgent: false, silent: false },
  seq: 184467,
  version: 2,
};

// 64 KiB of xorshift32 noise (seed 0x5107126): incompressible, reproducible.
function attachment64k() {
  const buf = Buffer.alloc(64 * 1024);
  let x = 0x5107126;
  for (let i = 0; i < buf.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    buf[i] = x & 0xff;
  }
  return buf;
}

const sioSmall = '2["chat","hello"]';
const sioBinaryHeader = '51-["upload",{"_placeholder":true,"num":0}]';
const attachment = attachment64k();

const files = {
  // Socket.IO packets (the text after the Engine.IO '4').
  "sio_event_small.txt": sioSmall,
  "event_1k.json": JSON.stringify(event1k),
  "sio_event_1k.txt": '2["message",' + JSON.stringify(event1k) + "]",
  "sio_binary_event_header.txt": sioBinaryHeader,
  "attachment_64k.bin": attachment,
  // Engine.IO polling payloads (HTTP bodies).
  "eio_payload_small.txt": new Array(10).fill("4" + sioSmall).join(RS),
  "eio_payload_binary.txt": "4" + sioBinaryHeader + RS + "b" + attachment.toString("base64"),
};

fs.mkdirSync(dir, { recursive: true });
for (const [name, content] of Object.entries(files)) {
  fs.writeFileSync(path.join(dir, name), content);
  console.log(`${name}\t${Buffer.byteLength(content)} bytes`);
}
