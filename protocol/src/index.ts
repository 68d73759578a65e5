export * from './auth.js';
export * from './chats.js';
export * from './common.js';
export * from './errors.js';
export * from './events.js';
export * from './org.js';
export * from './people.js';
export * from './ws.js';
