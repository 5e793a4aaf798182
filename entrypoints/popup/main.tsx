import { render } from 'preact';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { Popup } from '../../src/ui/popup/Popup';
import '../../src/ui/shared/theme.css';
import '../../src/ui/popup/popup.css';

// popup.html?tabId=N acts on tab N (tests, or the page opened in a tab); else on the active tab.
const param = new URLSearchParams(location.search).get('tabId');
const tabId = param !== null && /^\d+$/.test(param) ? Number(param) : undefined;
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = i18n.t('extName');
render(<Popup tabId={tabId} />, document.getElementById('app')!);
