/** Forwarding, edit history, search and direct chats: fetched the first time someone uses them. */
export const loadExtras = () => import('./index.js');
