import { render } from 'preact';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { Options } from '../../src/ui/options/Options';
import '../../src/ui/shared/theme.css';
import '../../src/ui/options/options.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = `${i18n.t('options.title')} — ${i18n.t('extName')}`;
render(<Options />, document.getElementById('app')!);
