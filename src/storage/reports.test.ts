import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addReport, getReports, removeReports, reportsToJson, MAX_REPORTS } from './reports';
import { getNotices } from './notices';

beforeEach(() => fakeBrowser.reset());

describe('local reports', () => {
  it('stores reports locally and keeps them bounded', async () => {
    await addReport({
      kind: 'false-positive',
      narrativeId: 'n',
      text: 'FSB agents',
      pattern: 'FSB agents',
      host: 'example.com',
    });
    await addReport({ kind: 'missed-term', term: 'new phrase', narrativeId: null, note: 'seen twice' });
    const list = await getReports();
    expect(list.map((r) => r.kind)).toEqual(['false-positive', 'missed-term']);
    expect(list[0]).not.toHaveProperty('url');
    expect(JSON.parse(reportsToJson(list)).reports).toHaveLength(2);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});

    await removeReports('false-positive');
    expect((await getReports()).map((r) => r.kind)).toEqual(['missed-term']);
    for (let i = 0; i < MAX_REPORTS + 5; i++)
      await addReport({ kind: 'missed-term', term: `t${i}`, narrativeId: null });
    expect((await getReports()).length).toBe(MAX_REPORTS);
  });

  it('drops corrupt entries with a notice', async () => {
    await fakeBrowser.storage.local.set({
      reports: [{ kind: 'nonsense' }, { kind: 'missed-term', term: 'x', narrativeId: null, id: 'a', at: 1 }],
    });
    expect((await getReports()).map((r) => r.id)).toEqual(['a']);
    expect((await getNotices()).map((n) => n.source)).toEqual(['reports']);
  });
});
