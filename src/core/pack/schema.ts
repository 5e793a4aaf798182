import * as v from 'valibot';
import { EVIDENCE_STATUSES } from './evidence';

/**
 * The pack format. valibot was chosen over zod because its schemas are tree-shakable functions
 * (the content script ships only what it uses: a few kB instead of ~50 kB), it infers the same
 * TypeScript types, and its issues carry a structured path that we print as `narratives[3].patterns.ru[2]`.
 */
export const PACK_SCHEMA_VERSION = 1;

export const LANGUAGES = ['en', 'ru', 'uk', 'be'] as const;
export type Language = (typeof LANGUAGES)[number];

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'expected a non-empty string'));
const id = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id like "russia-will-annex-belarus"'),
);

/** Strings per language; every language key is optional, unknown keys are rejected. */
const perLanguage = <T extends v.GenericSchema>(item: T) =>
  v.strictObject({
    en: v.optional(v.array(item)),
    ru: v.optional(v.array(item)),
    uk: v.optional(v.array(item)),
    be: v.optional(v.array(item)),
  });

export const QuoteSchema = v.strictObject({
  /** Short verbatim text from the source, shown in quotation marks. */
  text: v.pipe(nonEmpty, v.maxLength(240, 'a quote must stay short (≤ 240 characters)')),
  /** Where in the source it stands, e.g. "paragraph 1". */
  location: nonEmpty,
});

export const EvidenceSchema = v.strictObject({
  status: v.picklist(EVIDENCE_STATUSES, `expected one of: ${EVIDENCE_STATUSES.join(', ')}`),
  note: nonEmpty,
});

/** Reader-facing narrative text in another language (optional; English is the fallback). */
export const NarrativeTranslationSchema = v.strictObject({
  title: nonEmpty,
  claim: nonEmpty,
  counterAnalysis: nonEmpty,
  keyPoints: v.optional(v.array(nonEmpty)),
  evidenceNote: v.optional(nonEmpty),
});

export const NarrativeSchema = v.strictObject({
  id,
  title: nonEmpty,
  claim: nonEmpty,
  counterAnalysis: nonEmpty,
  keyPoints: v.array(nonEmpty),
  evidence: EvidenceSchema,
  quotes: v.array(QuoteSchema),
  related: v.array(id),
  patterns: perLanguage(nonEmpty),
  guards: v.optional(perLanguage(nonEmpty)),
  examples: perLanguage(nonEmpty),
  counterExamples: perLanguage(nonEmpty),
  translations: v.optional(
    v.strictObject({
      ru: v.optional(NarrativeTranslationSchema),
      uk: v.optional(NarrativeTranslationSchema),
      be: v.optional(NarrativeTranslationSchema),
    }),
  ),
});

export const SourceSchema = v.strictObject({
  title: nonEmpty,
  /** The date as the text supports it, e.g. "2021 (inferred from the text)". */
  date: v.nullable(nonEmpty),
  author: v.nullable(nonEmpty),
  url: v.nullable(v.pipe(v.string(), v.url('expected an absolute URL or null'))),
  publisher: v.optional(v.nullable(nonEmpty)),
});

export const PackSchema = v.strictObject({
  schemaVersion: v.literal(PACK_SCHEMA_VERSION, `expected schemaVersion ${PACK_SCHEMA_VERSION}`),
  id,
  title: nonEmpty,
  version: v.pipe(v.string(), v.regex(/^\d+\.\d+\.\d+$/, 'expected a semantic version like "1.0.0"')),
  languages: v.pipe(v.array(v.picklist(LANGUAGES)), v.minLength(1)),
  source: SourceSchema,
  narratives: v.pipe(v.array(NarrativeSchema), v.minLength(1, 'a pack needs at least one narrative')),
});

export type Pack = v.InferOutput<typeof PackSchema>;
export type Narrative = v.InferOutput<typeof NarrativeSchema>;
export type Quote = v.InferOutput<typeof QuoteSchema>;
export type PackSource = v.InferOutput<typeof SourceSchema>;
