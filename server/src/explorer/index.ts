export { explorerRouter, EXPLORER_CSP, EXPLORER_SCRIPT_PATH, EXPLORER_STYLESHEET_PATH } from './explorer.route';
