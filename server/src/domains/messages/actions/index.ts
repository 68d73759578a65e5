export { deleteMessage, editMessage } from './change.js';
export { forwardMessage, postMessage } from './post.js';
export { pinMessage, reactToMessage } from './react.js';
