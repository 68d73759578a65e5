export { deleteMessage, editMessage } from './change.js';
export { forwardMessage } from './forward.js';
export { postMessage } from './post.js';
export { pinMessage, reactToMessage } from './react.js';
