import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { lazyItem } from './lazy-item';
import { addNotice } from './notices';

/**
 * Reports the reader makes while reading. They stay in `storage.local` on this device; nothing is
 * sent anywhere. The reader can review, export or clear them in the options page.
 */
export type ReportKind = 'false-positive' | 'problem' | 'missed-term';

const base = {
  id: v.string(),
  /** ms since epoch */
  at: v.number(),
  note: v.optional(v.string()),
};

export const ReportSchema = v.variant('kind', [
  v.object({
    ...base,
    kind: v.picklist(['false-positive', 'problem']),
    narrativeId: v.string(),
    text: v.string(),
    pattern: v.string(),
    host: v.string(),
    /** Only when the reader chose to include the page address. */
    url: v.optional(v.string()),
  }),
  v.object({
    ...base,
    kind: v.literal('missed-term'),
    term: v.pipe(v.string(), v.minLength(1)),
    /** null: the reader wasn't sure which narrative. */
    narrativeId: v.nullable(v.string()),
    host: v.optional(v.string()),
  }),
]);

export type Report = v.InferOutput<typeof ReportSchema>;
export type OccurrenceReport = Extract<Report, { kind: 'false-positive' | 'problem' }>;
export type MissedTermReport = Extract<Report, { kind: 'missed-term' }>;
export type NewReport = Report extends infer R ? (R extends Report ? Omit<R, 'id' | 'at'> : never) : never;

/** Keeps local storage bounded. */
export const MAX_REPORTS = 500;

const reportsItem = lazyItem(() => storage.defineItem<Report[]>('local:reports', { fallback: [], version: 1 }));

export async function getReports(): Promise<Report[]> {
  const raw = (await reportsItem().getValue()) as unknown;
  if (!Array.isArray(raw)) {
    if (raw != null) await addNotice('reports');
    return [];
  }
  const out: Report[] = [];
  let corrupt = false;
  for (const item of raw) {
    const r = v.safeParse(ReportSchema, item);
    if (r.success) out.push(r.output);
    else corrupt = true;
  }
  if (corrupt) await addNotice('reports');
  return out;
}

function newId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function addReport(report: NewReport): Promise<Report> {
  const full = { ...report, id: newId(), at: Date.now() } as Report;
  const list = await getReports();
  await reportsItem().setValue([...list, full].slice(-MAX_REPORTS));
  return full;
}

export async function removeReport(id: string): Promise<void> {
  await reportsItem().setValue((await getReports()).filter((r) => r.id !== id));
}

export async function removeReports(kind?: ReportKind): Promise<void> {
  const list = kind ? (await getReports()).filter((r) => r.kind !== kind) : [];
  await reportsItem().setValue(list);
}

/** The export file's content: plain JSON the reader can read before sharing it. */
export function reportsToJson(reports: readonly Report[]): string {
  return JSON.stringify({ format: 'factcontext-reports', version: 1, reports }, null, 2);
}
