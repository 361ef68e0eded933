// miniprogram-simulate defines Component / Behavior and a base `wx`; each test file
// replaces the APIs it needs with the mock of tests/helpers.js.
require("miniprogram-simulate");

// the App of the mini-program (tdesign's components read getApp().globalData)
global.getApp = () => ({ globalData: {} });
