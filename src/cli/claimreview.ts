import { EVIDENCE_STATUS_INFO } from '../core/pack/evidence';
import type { Pack } from '../core/pack/schema';
import { CliError, requirePack } from './io';

export const CLAIMREVIEW_HELP = `Usage: factcontext export-claimreview PACK

Prints schema.org ClaimReview JSON-LD, one object per narrative, as a JSON array. reviewRating.alternateName
comes from the narrative's evidence status. author, url and datePublished appear only when the pack's
source states them (datePublished only for an ISO 8601 date); nothing is invented.`;

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Builds one ClaimReview per narrative from what the pack states, and nothing more. */
export function claimReviews(pack: Pack): Record<string, unknown>[] {
  const { source } = pack;
  const optional: Record<string, unknown> = {};
  if (source.author) optional.author = { '@type': 'Person', name: source.author };
  if (source.url) optional.url = source.url;
  if (source.date && ISO_DATE.test(source.date)) optional.datePublished = source.date;
  const basedOn: Record<string, unknown> = { '@type': 'CreativeWork', name: source.title };
  if (source.url) basedOn.url = source.url;
  if (source.author) basedOn.author = { '@type': 'Person', name: source.author };
  if (source.publisher) basedOn.publisher = { '@type': 'Organization', name: source.publisher };
  return pack.narratives.map((n) => ({
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    identifier: `${pack.id}/${n.id}`,
    name: n.title,
    claimReviewed: n.claim,
    reviewBody: n.counterAnalysis,
    reviewRating: {
      '@type': 'Rating',
      alternateName: EVIDENCE_STATUS_INFO[n.evidence.status].claimReviewAlternateName,
      ratingExplanation: n.evidence.note,
    },
    itemReviewed: { '@type': 'Claim', name: n.claim },
    isBasedOn: basedOn,
    inLanguage: 'en',
    ...optional,
  }));
}

export function claimReviewCommand(args: string[], out: (s: string) => void): number {
  if (args.length !== 1) throw new CliError(`export-claimreview expects exactly one PACK file\n\n${CLAIMREVIEW_HELP}`);
  out(JSON.stringify(claimReviews(requirePack(args[0]!)), null, 2));
  return 0;
}
