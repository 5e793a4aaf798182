// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import axe from 'axe-core';
import { installTestI18n } from '../shared/test-i18n';
import { Popup } from './Popup';
import { createSettingsStore } from '../../storage/store';
import { getReports } from '../../storage/reports';
import { handleMessages, type TabSummary } from '../../messaging';

const summary: TabSummary = {
  enabled: true,
  total: 3,
  narratives: [
    { id: 'generals-are-agents', title: 'Belarusian generals are Russian agents', count: 2 },
    { id: 'tanks-at-border', title: 'Belarusian tanks at the border', count: 1 },
  ],
};

let sent: unknown[];

async function openTab(url: string): Promise<number> {
  const tab = await fakeBrowser.tabs.create({ url });
  return tab.id!;
}

beforeEach(() => {
  fakeBrowser.reset();
  installTestI18n();
  sent = [];
  (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = vi.fn(
    async (_tabId: number, message: { type: string }) => {
      sent.push(message);
      if (message.type === 'get-summary') return summary;
      if (message.type === 'jump-to') return { found: true };
      return null;
    },
  );
});
afterEach(() => cleanup());

async function seriousViolations(): Promise<string[]> {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

describe('Popup', () => {
  it('shows the site switch with the host in its name and turns the site off and on', async () => {
    const tabId = await openTab('https://www.example.com/news/1');
    render(<Popup tabId={tabId} />);
    const sw = await screen.findByRole('switch', { name: 'Highlights on www.example.com' });
    expect(sw.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(sw);
    await waitFor(() => expect(sw.getAttribute('aria-checked')).toBe('false'));
    expect(await createSettingsStore().getRules()).toEqual([
      { host: 'www.example.com', mode: 'off', includeSubdomains: false },
    ]);
    expect(screen.getByText(/Highlights are off here/)).toBeTruthy();
    fireEvent.click(sw);
    await waitFor(() => expect(sw.getAttribute('aria-checked')).toBe('true'));
    expect(await createSettingsStore().getRules()).toEqual([]);
  });

  it('lists the narratives on the page and jumps to one', async () => {
    const tabId = await openTab('https://www.example.com/news/1');
    render(<Popup tabId={tabId} />);
    const button = await screen.findByRole('button', { name: /Belarusian generals are Russian agents\s*2/ });
    expect(screen.getByText('Highlighted phrases: 3')).toBeTruthy();
    fireEvent.click(button);
    await waitFor(() => expect(sent).toContainEqual({ type: 'jump-to', narrativeId: 'generals-are-agents' }));
  });

  it('shows the counts of every frame as the background adds them up', async () => {
    const stop = handleMessages({
      'tab-summary': () => ({ ...summary, total: 5, narratives: [{ ...summary.narratives[0]!, count: 5 }] }),
    });
    const tabId = await openTab('https://www.example.com/news/1');
    render(<Popup tabId={tabId} />);
    await screen.findByText('Highlighted phrases: 5');
    expect(sent).not.toContainEqual({ type: 'get-summary' });
    stop();
  });

  it('pauses everywhere and resumes', async () => {
    const tabId = await openTab('https://www.example.com/');
    render(<Popup tabId={tabId} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Pause everywhere' }));
    const resume = await screen.findByRole('button', { name: 'Resume' });
    expect((await createSettingsStore().get()).paused).toBe(true);
    expect(screen.getByText('Paused on every site.')).toBeTruthy();
    fireEvent.click(resume);
    await screen.findByRole('button', { name: 'Pause everywhere' });
    expect((await createSettingsStore().get()).paused).toBe(false);
  });

  it('says plainly that it cannot run on restricted pages', async () => {
    const tabId = await openTab('chrome://extensions/');
    render(<Popup tabId={tabId} />);
    await screen.findByText(/can't run on this page/);
    expect(screen.queryByRole('switch')).toBeNull();
  });

  it('stores a missed-term report locally', async () => {
    const tabId = await openTab('https://news.example.org/a');
    render(<Popup tabId={tabId} />);
    fireEvent.click(await screen.findByText('Report a missed term'));
    fireEvent.click(screen.getByRole('button', { name: 'Save report' }));
    await screen.findByText('Enter the term or phrase.');
    expect(await getReports()).toEqual([]);
    fireEvent.input(screen.getByLabelText('Term or phrase'), { target: { value: 'little green men' } });
    fireEvent.input(screen.getByLabelText('Note (optional)'), { target: { value: 'in a caption' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save report' }));
    await screen.findByText('Saved. Thank you.');
    const [report] = await getReports();
    expect(report).toMatchObject({
      kind: 'missed-term',
      term: 'little green men',
      narrativeId: null,
      note: 'in a caption',
      host: 'news.example.org',
    });
  });

  it('has no serious or critical accessibility violations', async () => {
    const tabId = await openTab('https://www.example.com/news/1');
    render(<Popup tabId={tabId} />);
    await screen.findByRole('switch');
    await screen.findByText('Highlighted phrases: 3');
    expect(await seriousViolations()).toEqual([]);
  });
});
