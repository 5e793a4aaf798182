export default defineBackground({
  type: 'module',
  main() {
    // Site control, badge and menus are wired here (src/background).
  },
});
