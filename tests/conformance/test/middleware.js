// Connection middleware on /private: refuses unless auth.token === "secret",
// with CONNECT_ERROR {"message":"unauthorized","data":{"code":401}}.
"use strict";

const assert = require("assert");
const h = require("./support/helpers");

const isUnauthorized = (err) => {
  assert.strictEqual(err.message, "unauthorized");
  assert.deepStrictEqual(err.data, { code: 401 });
  return true;
};

describe("middleware & auth", () => {
  it("admits /private with auth.token === \"secret\"", async () => {
    const s = h.client("/private", { auth: { token: "secret", user: "ann" } });
    const auth = h.once(s, "auth");
    await h.connected(s);
    h.assertArgs(await auth, [{ token: "secret", user: "ann" }]);
    assert.deepStrictEqual(await h.ack(s, "echo", "inside"), ["inside"]);
  });

  it("refuses /private without auth", async () => {
    await assert.rejects(h.connect("/private"), isUnauthorized);
  });

  it("refuses /private with a wrong token", async () => {
    await assert.rejects(h.connect("/private", { auth: { token: "Secret" } }), isUnauthorized);
  });

  it("refuses /private when the token is not a string", async () => {
    await assert.rejects(h.connect("/private", { auth: { token: ["secret"] } }), isUnauthorized);
  });

  it("sends the refusal byte for byte", async () => {
    const ws = h.rawSocket();
    assert.match(await ws.next(), /^0\{/);
    ws.send('40/private,{"token":"nope"}');
    assert.strictEqual(
      await ws.next(),
      '44/private,{"message":"unauthorized","data":{"code":401}}',
    );
  });

  it("does not run the middleware on other namespaces", async () => {
    const s = await h.connect("/custom");
    assert.ok(s.connected);
  });

  it("keeps the Engine.IO connection after a refusal", async () => {
    const root = await h.connect("/");
    const priv = h.sibling(root, "/private");
    await assert.rejects(h.connected(priv), isUnauthorized);
    assert.ok(root.connected);
    assert.deepStrictEqual(await h.ack(root, "echo", "still here"), ["still here"]);
  });

  it("admits a retry with the right token on the same connection", async () => {
    const s = h.client("/private", { auth: { token: "wrong" } });
    await assert.rejects(h.connected(s), isUnauthorized);
    s.auth = { token: "secret" };
    s.connect();
    await h.connected(s);
    assert.deepStrictEqual(await h.ack(s, "echo", "retry"), ["retry"]);
  });

  it("takes the auth object from a function too (same wire payload)", async () => {
    const s = h.client("/private", { auth: (cb) => cb({ token: "secret" }) });
    const auth = h.once(s, "auth");
    await h.connected(s);
    h.assertArgs(await auth, [{ token: "secret" }]);
  });

  it("refuses only the offending client", async () => {
    const good = await h.connect("/private", { auth: { token: "secret" } });
    await assert.rejects(h.connect("/private", { auth: { token: "x" } }), isUnauthorized);
    assert.ok(good.connected);
    assert.deepStrictEqual(await h.ack(good, "echo", 1), [1]);
  });
});
