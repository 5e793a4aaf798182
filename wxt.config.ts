import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Parallel builds (e.g. one per test run) can each use their own output folder.
  outDir: process.env.FACTCONTEXT_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // Our own modules in ./modules are loaded automatically (icons).
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `scripting`: the popover's code is injected only into frames that have a highlight.
    permissions: ['storage', 'activeTab', 'contextMenus', 'tabs', 'scripting'],
    host_permissions: ['<all_urls>'],
    action: {
      default_title: '__MSG_extName__',
    },
    // Keyboard commands, relayed by the background to the active tab (src/background).
    commands: {
      'next-highlight': { suggested_key: { default: 'Alt+Shift+N' }, description: '__MSG_command_next__' },
      'previous-highlight': { suggested_key: { default: 'Alt+Shift+P' }, description: '__MSG_command_previous__' },
      'toggle-site': { suggested_key: { default: 'Alt+Shift+O' }, description: '__MSG_command_toggle__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'factcontext@factcontext.invalid',
              strict_min_version: '140.0',
              // The extension collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
