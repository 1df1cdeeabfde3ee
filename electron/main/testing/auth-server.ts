/**
 * The real dev auth server for main-process tests: on a free port with a light scrypt cost,
 * closed after each test. The auth server's own test helper, under the names these tests use.
 */
export { DEMO, startTestServer as startRealAuthServer } from '../../../auth-server/src/test-support';
