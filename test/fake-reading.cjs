// A reading of the fake Cafe24 (jest.config.cjs): every fake this spec file makes starts from it
// (local/fakes/cafe24/options.ts strictFromEnv), under the switches a spec sets itself.
if (globalThis.CAFE24_FAKE_STRICT) process.env.CAFE24_FAKE_STRICT = JSON.stringify(globalThis.CAFE24_FAKE_STRICT);
// Of the fake Naver (local/fakes/naver/options.ts optionsFromEnv), likewise.
if (globalThis.NAVER_FAKE_STRICT) process.env.NAVER_FAKE_STRICT = JSON.stringify(globalThis.NAVER_FAKE_STRICT);
// Of the fake Coupang (local/sandbox/channels.ts, test/channels/coupang-against-fake.test.ts), likewise.
if (globalThis.COUPANG_FAKE_OPTIONS) process.env.COUPANG_FAKE_OPTIONS = JSON.stringify(globalThis.COUPANG_FAKE_OPTIONS);
// And of Apps Script's trigger timing (local/runtime/services/trigger-schedule.ts), where one is named.
if (globalThis.GAS_TRIGGER_TIMING) process.env.GAS_TRIGGER_TIMING = JSON.stringify(globalThis.GAS_TRIGGER_TIMING);
