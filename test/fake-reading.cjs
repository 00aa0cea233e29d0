// A reading of the fake Cafe24 (jest.config.cjs): every fake this spec file makes starts from it
// (local/fakes/cafe24/options.ts strictFromEnv), under the switches a spec sets itself.
process.env.CAFE24_FAKE_STRICT = JSON.stringify(globalThis.CAFE24_FAKE_STRICT);
