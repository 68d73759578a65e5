import { failOnBadEvents } from './event-check.js';

// Runs before every integration test file (vitest.config.ts `setupFiles`).
failOnBadEvents();
