import { startBackground } from '../src/background';

export default defineBackground({
  type: 'module',
  main() {
    // Badge, icon state, keyboard commands, context menu, reports and the options page: src/background.
    startBackground();
  },
});
