import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessages, isMessage, mergeSummaries, sendToBackground, type TabSummary } from './index';

beforeEach(() => fakeBrowser.reset());

const summary: TabSummary = { enabled: true, total: 3, narratives: [{ id: 'a', title: 'A', count: 3 }] };

describe('messaging', () => {
  it('recognises only our messages', () => {
    expect(isMessage({ type: 'summary', summary })).toBe(true);
    expect(isMessage({ type: 'jump-to', narrativeId: 'a' })).toBe(true);
    expect(isMessage({ type: 'something-else' })).toBe(false);
    expect(isMessage(null)).toBe(false);
    expect(isMessage('summary')).toBe(false);
  });

  it('delivers a typed message to its handler and returns the reply', async () => {
    const received: unknown[] = [];
    const stop = handleMessages({
      report: (message) => {
        received.push(message.report);
        return { id: 'r1' };
      },
    });
    const reply = await sendToBackground({
      type: 'report',
      report: { kind: 'missed-term', term: 'x', narrativeId: null },
    });
    expect(reply).toEqual({ id: 'r1' });
    expect(received).toEqual([{ kind: 'missed-term', term: 'x', narrativeId: null }]);
    stop();
  });

  it('leaves messages without a handler to other listeners', async () => {
    const stopA = handleMessages({ summary: () => undefined });
    const stopB = handleMessages({ 'open-options': () => undefined });
    let opened = 0;
    const stopC = handleMessages({ 'open-options': () => void opened++ });
    await sendToBackground({ type: 'open-options', narrativeId: 'n' });
    expect(opened).toBe(1);
    stopA();
    stopB();
    stopC();
  });
});

describe('mergeSummaries', () => {
  it('adds up frames and keeps the top frame first', () => {
    const top: TabSummary = { enabled: true, total: 2, narratives: [{ id: 'a', title: 'A', count: 2 }] };
    const frame: TabSummary = {
      enabled: true,
      total: 3,
      narratives: [
        { id: 'b', title: 'B', count: 1 },
        { id: 'a', title: 'A', count: 2 },
      ],
    };
    expect(mergeSummaries([top, frame])).toEqual({
      enabled: true,
      total: 5,
      narratives: [
        { id: 'a', title: 'A', count: 4 },
        { id: 'b', title: 'B', count: 1 },
      ],
    });
    expect(top.narratives[0]!.count).toBe(2);
    expect(mergeSummaries([])).toBeNull();
    expect(mergeSummaries([{ ...top, enabled: false, total: 0, narratives: [] }])).toEqual({
      enabled: false,
      total: 0,
      narratives: [],
    });
  });
});
