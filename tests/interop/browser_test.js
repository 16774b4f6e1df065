#!/usr/bin/env node
// Browser interop: the demo chat page (api/server/demo/index.html) in two
// headless Chromium pages against the server at SERVER_URL. Both join the
// same room; one types and sends a message; the other must show the typing
// indicator and then the message. Screenshots go to a fresh temp directory.
//
//   SERVER_URL=http://127.0.0.1:3000 node tests/interop/browser_test.js
//
// Needs Debian's chromium (/usr/bin/chromium, or CHROMIUM_PATH) and the npm
// packages of tests/conformance (playwright-core). Exit status 0 = pass.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");

const conformance = path.resolve(__dirname, "../conformance");
const { chromium } = require(require.resolve("playwright-core", { paths: [conformance] }));

const SERVER_URL = (process.env.SERVER_URL || "http://127.0.0.1:3000").replace(/\/+$/, "");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const STEP_MS = 5000;
const TOTAL_MS = 60000;

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` (${detail})` : ""}`);
}

async function step(name, fn) {
  try {
    await fn();
    check(name, true);
  } catch (err) {
    check(name, false, err.message.split("\n")[0]);
    throw err;
  }
}

async function openChat(context, label) {
  const page = await context.newPage();
  page.on("pageerror", (err) => console.log(`[${label}] page error: ${err.message}`));
  await page.goto(`${SERVER_URL}/`, { timeout: STEP_MS });
  await page.waitForSelector("#status.online", { timeout: STEP_MS });
  return page;
}

async function join(page, nick, room) {
  await page.fill("#nick", nick);
  await page.fill("#room", room);
  await page.click("#join");
  await page.waitForSelector("#room-bar:not(.hidden)", { timeout: STEP_MS });
}

async function run(shots) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sioring-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 800, height: 600 },
    timeout: 20000,
  });
  try {
    const room = `room-${process.pid}`;
    let alice;
    let bob;
    await step("both pages load the demo and connect", async () => {
      [alice, bob] = await Promise.all([openChat(context, "alice"), openChat(context, "bob")]);
    });
    await step("alice and bob join the same room", async () => {
      await join(alice, "alice", room);
      await join(bob, "bob", room);
      const members = await bob.textContent("#members");
      if (!/alice/.test(members) || !/bob/.test(members)) {
        throw new Error(`bob sees members "${members}"`);
      }
    });
    await step("bob sees alice typing", async () => {
      await alice.click("#text");
      await alice.keyboard.type("hello from alice", { delay: 10 });
      await bob.waitForFunction(
        () => document.querySelector("#typing").textContent === "alice is typing…",
        null,
        { timeout: STEP_MS },
      );
    });
    await step("alice's message reaches bob", async () => {
      await alice.click("#send");
      await bob.waitForFunction(
        () =>
          [...document.querySelectorAll("#messages li.msg")].some(
            (li) => li.querySelector(".meta b").textContent === "alice" &&
              li.querySelector(".text").textContent === "hello from alice",
          ),
        null,
        { timeout: STEP_MS },
      );
    });
    await step("alice sees her own message, marked as hers", async () => {
      await alice.waitForSelector("#messages li.msg.mine", { timeout: STEP_MS });
      const text = await alice.textContent("#messages li.msg.mine .text");
      if (text !== "hello from alice") throw new Error(`got "${text}"`);
    });
    await step("the typing indicator clears once the message arrives", async () => {
      await bob.waitForFunction(() => document.querySelector("#typing").textContent === "", null, {
        timeout: STEP_MS,
      });
    });
    await step("bob's reply reaches alice, who now lists bob as a member", async () => {
      await bob.fill("#text", "hi alice");
      await bob.press("#text", "Enter");
      await alice.waitForFunction(
        () =>
          [...document.querySelectorAll("#messages li.msg:not(.mine) .text")].some(
            (t) => t.textContent === "hi alice",
          ),
        null,
        { timeout: STEP_MS },
      );
      const members = await alice.textContent("#members");
      if (!/alice/.test(members) || !/bob/.test(members)) {
        throw new Error(`alice sees members "${members}"`);
      }
    });
    await step("screenshots are written", async () => {
      for (const [name, page] of [["alice", alice], ["bob", bob]]) {
        const file = path.join(shots, `${name}.png`);
        await page.screenshot({ path: file });
        if (fs.statSync(file).size === 0) throw new Error(`${file} is empty`);
      }
      console.log(`screenshots in ${shots}`);
    });
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function main() {
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), "sioring-browser-"));
  const guard = setTimeout(() => {
    console.log(`FAIL browser test did not finish within ${TOTAL_MS} ms`);
    process.exit(1);
  }, TOTAL_MS);
  try {
    await run(shots);
  } catch {
    // reported by step()
  }
  clearTimeout(guard);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main();
