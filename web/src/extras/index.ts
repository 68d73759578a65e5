/**
 * What a chat needs only now and then — forwarding, edit history, search and
 * starting a direct chat — loaded with `import()` on first use, so the first
 * load of a parent's phone stays small.
 */
import '../styles/extras.css';

export { DirectDialog } from './DirectDialog.js';
export { ForwardDialog } from './ForwardDialog.js';
export { HistoryDialog } from './HistoryDialog.js';
export { SearchScreen } from './SearchScreen.js';
