/**
 * The most characters of page text for which our highlights are underlined.
 *
 * In Chromium, a highlight whose style draws a line (any `text-decoration`, which may reach outside the
 * text) makes the browser recompute the ink overflow of everything painted in the same layer as the
 * highlighted text: on the next frame after any change to the highlights, to the page's styles or to its
 * DOM. On most pages this is a fraction of a millisecond; it grows with the page. Measured in Chromium 156
 * per frame, against the same highlights without the line (docs/performance.md): about 4 ms more on a
 * 493,000-character article, 19–31 ms on a page of one 1,000,000-character text node, 22–69 ms on the
 * generated 5,000,000-character page. Past this size, the highlights keep their colours (each status its
 * own) without the line; the status is in every popover, in words.
 *
 * Firefox draws highlights its own way and is not affected here: its highlights keep their line.
 */
export const UNDERLINE_MAX_CHARS: number = import.meta.env.FIREFOX ? Infinity : 750_000;
