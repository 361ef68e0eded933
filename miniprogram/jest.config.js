module.exports = {
    testEnvironment: "jsdom",
    testMatch: ["<rootDir>/tests/**/*.test.js"],
    setupFiles: ["<rootDir>/tests/setup.js"],
    testTimeout: 20000,
};
