/**
 * The elements that may have a shadow root (DOM Standard, "valid shadow host name"): these, and custom
 * elements (a name with a hyphen). Looking only at them skips most of a page's elements (links, list
 * items, cells, images), each of which would need a wrapper object made for it in our world.
 */
export const SHADOW_HOST_TAGS = [
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
] as const;
/** A selector for them. */
export const SHADOW_HOST_SELECTOR = SHADOW_HOST_TAGS.join(',');
/** Elements with a custom element's name, under a context node; CSS has no selector for it. */
export const CUSTOM_ELEMENTS_XPATH = ".//*[contains(local-name(), '-')]";
