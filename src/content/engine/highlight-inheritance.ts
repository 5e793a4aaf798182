/**
 * Whether the browser gives an element's `::highlight()` style to the highlights in its descendants
 * (highlight inheritance, css-pseudo-4). Chromium has done so for custom highlights since it shipped them;
 * Firefox ESR 153 does not, so there each element that holds highlighted text is named itself
 * (HighlightScope).
 */
export const HIGHLIGHTS_INHERIT: boolean = !import.meta.env.FIREFOX;
