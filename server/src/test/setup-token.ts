/** The first-run code every test server is started with (PARTA_SETUP_TOKEN). */
export const SETUP_TOKEN = 'test-first-run-code-7c1e';
