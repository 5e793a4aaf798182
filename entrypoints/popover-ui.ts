// The popover's code, injected by the background into a frame once it has a highlight (src/content/popover-ui.ts).
import { createPopoverHost } from '../src/content/popover-host';
import { providePopoverUi } from '../src/content/popover-ui';

export default defineUnlistedScript(() => {
  providePopoverUi({ createPopoverHost });
});
