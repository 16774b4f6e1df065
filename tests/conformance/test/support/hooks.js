// Root hooks: every test starts with no client of an earlier test open.
"use strict";

const { closeAll } = require("./helpers");

exports.mochaHooks = {
  afterEach() {
    closeAll();
  },
};
