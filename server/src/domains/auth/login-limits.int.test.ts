import { LOGIN_WINDOW_MS, MemoryFailureCounter } from '../../infra/rate-limit.js';
import { loginLimitCases } from '../../test/login-limit-cases.js';

loginLimitCases('memory', async (clock) => new MemoryFailureCounter(clock, LOGIN_WINDOW_MS));
