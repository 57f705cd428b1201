import { render } from 'preact';
import { browser } from 'wxt/browser';
import defaultPack from 'virtual:default-pack-summary';
import { App } from './App';
import { pickLocale } from './pickLocale';
import './style.css';

const root = document.getElementById('app');
if (!root) throw new Error('entrypoints/popup/index.html: the element #app is missing');

const locale = pickLocale(browser.i18n.getUILanguage());
document.documentElement.lang = locale;
// The default pack's summary, made at build time (wxt.config.ts), so the popup does not carry the
// whole pack's terms and model.
render(<App pack={defaultPack} locale={locale} />, root);
