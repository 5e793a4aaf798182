// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import axe from 'axe-core';
import { installTestI18n } from '../shared/test-i18n';
import { Options, parseHash } from './Options';
import { parseSettingsJson, settingsToJson } from './DataSection';
import { createSettingsStore } from '../../storage/store';
import { bundledPacks } from '../../storage/active-packs';
import { getImportedPacks } from '../../storage/packs';
import { addReport, getReports } from '../../storage/reports';
import { defaultSettings } from '../../storage/settings';

beforeEach(() => {
  fakeBrowser.reset();
  installTestI18n();
  history.replaceState(null, '', '#');
});
afterEach(() => cleanup());

function pickFile(input: HTMLElement, name: string, text: string) {
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

const bundled = () => bundledPacks()[0]!;

describe('Options', () => {
  it('adds, changes, searches and removes site rules', async () => {
    render(<Options />);
    const sites = await screen.findByRole('region', { name: 'Sites' });
    fireEvent.input(within(sites).getByLabelText('Site'), { target: { value: 'https://News.Example.com/x' } });
    fireEvent.click(within(sites).getByRole('button', { name: 'Add' }));
    await within(sites).findByRole('rowheader', { name: 'news.example.com' });
    expect(await createSettingsStore().getRules()).toEqual([
      { host: 'news.example.com', mode: 'off', includeSubdomains: true },
    ]);

    fireEvent.change(within(sites).getByLabelText('Highlights on news.example.com'), { target: { value: 'on' } });
    await waitFor(async () => expect((await createSettingsStore().getRules())[0]?.mode).toBe('on'));

    fireEvent.input(within(sites).getByLabelText('Site'), { target: { value: 'not a host' } });
    fireEvent.click(within(sites).getByRole('button', { name: 'Add' }));
    await within(sites).findByRole('alert');

    fireEvent.click(within(sites).getByRole('button', { name: 'Remove news.example.com' }));
    await waitFor(async () => expect(await createSettingsStore().getRules()).toEqual([]));
  });

  it('changes the default policy', async () => {
    render(<Options />);
    fireEvent.click(await screen.findByLabelText('Only on the sites turned on below'));
    await waitFor(async () => expect((await createSettingsStore().get()).policy).toBe('only-listed'));
  });

  it('rejects a broken pack with path-precise errors and keeps the current pack', async () => {
    render(<Options />);
    const input = await screen.findByLabelText('Import a pack file (JSON)');
    const broken = structuredClone(bundled()) as unknown as { narratives: { patterns: { en?: unknown[] } }[] };
    broken.narratives[1]!.patterns.en = [''];
    pickFile(input, 'broken.json', JSON.stringify(broken));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('narratives[1].patterns.en[0]');
    expect(await getImportedPacks()).toEqual([]);
    expect(screen.getByText(bundled().title)).toBeTruthy();

    pickFile(input, 'not-json.json', '{ nope');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('(root)'));
  });

  it('imports a valid pack that then replaces the bundled one of the same id', async () => {
    render(<Options />);
    const input = await screen.findByLabelText('Import a pack file (JSON)');
    const next = { ...structuredClone(bundled()), version: '9.9.9' };
    pickFile(input, 'next.json', JSON.stringify(next));
    await screen.findByText(`Imported “${next.title}”, version 9.9.9.`);
    expect((await getImportedPacks())[0]?.version).toBe('9.9.9');
    await screen.findByText(/Version 9\.9\.9/);
  });

  it('opens a narrative from #narrative=<id> and searches narratives', async () => {
    const target = bundled().narratives[0]!;
    history.replaceState(null, '', `#narrative=${target.id}`);
    render(<Options />);
    const detail = await screen.findByRole('article');
    expect(within(detail).getByRole('heading', { level: 3 }).textContent).toBe(target.title);
    expect(detail.textContent).toContain(target.counterAnalysis);

    const section = screen.getByRole('region', { name: 'Narratives' });
    fireEvent.input(within(section).getByLabelText('Search narratives'), { target: { value: 'zzzzqqqq' } });
    await within(section).findByText('No narratives match.');
  });

  it('surfaces a notice when stored settings were corrupt', async () => {
    await fakeBrowser.storage.sync.set({ preferences: 'garbage', preferences$: { v: 2 } });
    render(<Options />);
    await screen.findByText('Some saved settings could not be read and were reset to their defaults.');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByText(/could not be read/)).toBeNull());
  });

  it('lists reports and focuses the one named in #report=<id>', async () => {
    const n = bundled().narratives[0]!;
    const saved = await addReport({ kind: 'problem', narrativeId: n.id, text: 'x', pattern: 'x', host: 'example.com' });
    await addReport({ kind: 'missed-term', term: 'little green men', narrativeId: null });
    history.replaceState(null, '', `#report=${saved.id}`);
    render(<Options />);
    const reports = await screen.findByRole('region', { name: 'Reports' });
    await within(reports).findByText(/little green men/);
    await waitFor(() => expect(document.activeElement?.id).toBe(`report-${saved.id}`));
    expect(document.activeElement?.textContent).toContain(n.title);
    const missed = within(reports)
      .getByText(/little green men/)
      .closest('li')!;
    fireEvent.click(within(missed).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(reports).queryByText(/little green men/)).toBeNull());
    expect((await getReports()).map((r) => r.id)).toEqual([saved.id]);
    fireEvent.click(within(reports).getByRole('button', { name: 'Delete all: Problems to review' }));
    await waitFor(async () => expect(await getReports()).toEqual([]));
  });

  it('stores a colour per status and flags one too faint to see on white', async () => {
    render(<Options />);
    const input = await screen.findByLabelText('Disputed');
    fireEvent.change(input, { target: { value: '#ffee00' } });
    await waitFor(async () => expect((await createSettingsStore().get()).appearance.colors.disputed).toBe('#ffee00'));
    await screen.findByText(/on white — too faint/);
    // Where the largest pages get no underline, the style choice says so, and which style keeps it.
    const hint = screen.getByText(/highlights come without the underline/);
    expect(hint.textContent).toContain(`more than ${(750_000).toLocaleString()} characters`);
    expect(hint.textContent).toContain('“Underline only”');
    expect(hint.closest('fieldset')?.querySelector('legend')?.textContent).toBe('Highlight style');
    fireEvent.click(screen.getByLabelText('Underline only'));
    await waitFor(async () => expect((await createSettingsStore().get()).appearance.style).toBe('underline'));
    fireEvent.click(screen.getByRole('button', { name: 'Restore default colours' }));
    await waitFor(() => expect(screen.queryByText(/too faint/)).toBeNull());
  });

  it('turns a language off for detection', async () => {
    render(<Options />);
    fireEvent.click(await screen.findByLabelText('Belarusian'));
    await waitFor(async () => expect((await createSettingsStore().get()).languages).toEqual(['en', 'ru', 'uk']));
  });

  it('has no serious or critical accessibility violations', async () => {
    await addReport({ kind: 'missed-term', term: 't', narrativeId: null });
    history.replaceState(null, '', `#narrative=${bundled().narratives[0]!.id}`);
    render(<Options />);
    await screen.findByRole('article');
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(
      results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
  });
});

describe('settings files and hashes', () => {
  it('round-trips settings and names the path of invalid fields', () => {
    const settings = {
      ...defaultSettings(),
      rules: [{ host: 'a.example', mode: 'off' as const, includeSubdomains: true }],
    };
    expect(parseSettingsJson(settingsToJson(settings))).toEqual({ ok: true, settings });
    const bad = JSON.parse(settingsToJson(settings));
    bad.settings.rules[0].mode = 'sometimes';
    const result = parseSettingsJson(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/^settings\.rules\[0\]\.mode:/);
    expect(parseSettingsJson('{"format":"other"}').ok).toBe(false);
  });
  it('parses option-page hashes', () => {
    expect(parseHash('#narrative=a-b')).toEqual({ narrative: 'a-b', report: null });
    expect(parseHash('#report=x1')).toEqual({ narrative: null, report: 'x1' });
    expect(parseHash('')).toEqual({ narrative: null, report: null });
  });
});
