import { EVIDENCE_STATUSES } from '../../core/pack/evidence';
import { highlightName } from './highlights';

/** `::highlight()` rules must live in the document's styles; we adopt a constructed sheet (no DOM change). */
export function installHighlightStyle(doc: Document): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  const rules = EVIDENCE_STATUSES.map(
    (status) =>
      `::highlight(${highlightName(status)}) { background-color: rgb(255 196 0 / 0.35); text-decoration: underline dotted 2px rgb(180 100 0); text-underline-offset: 3px; }`,
  );
  sheet.replaceSync(rules.join('\n'));
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  return sheet;
}
