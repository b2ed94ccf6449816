/**
 * Saved runs: a "Runs" button in the menu opens a dialog listing every run
 * kept in this browser (name, persona, assistant, seed, how far it got, when
 * it was last saved), each with Open, Rename, Export (a .json download) and
 * Delete (asked twice); and Import of a run file, which is checked before
 * anything is saved: a bad file is refused with the field that is wrong.
 *
 * Also the small dialog helpers the other menu dialogs (share.ts) use.
 */
import { formatHhmm, DEFAULT_STEP_SECONDS } from '../core/time';
import { assistantLabel } from '../agents/registry';
import type { Persistence } from '../state/persistence/persistence';
import { MAX_RUN_FILE_BYTES } from '../state/persistence/types';
import type { GameStore } from '../state/store';
import type { RunMeta } from '../storage/types';
import { el, setText } from './dom';

/** A button for the top bar's menu. */
export function menuButton(label: string, testid: string, title: string): HTMLButtonElement {
  return el(
    'button',
    { type: 'button', class: 'menu-button', 'data-testid': testid, title },
    label,
  );
}

export interface MenuDialog {
  dialog: HTMLDialogElement;
  body: HTMLElement;
  open(): void;
  close(): void;
  dispose(): void;
}

/**
 * A modal <dialog> with a title and a close button, mounted in `overlays`.
 * Keys pressed in it stay in it (space and the arrows do not drive the game
 * behind); Escape closes it.
 */
export function makeDialog(overlays: HTMLElement, title: string, testid: string): MenuDialog {
  const dialog = el('dialog', { class: 'ps-dialog', 'data-testid': testid, 'aria-label': title });
  const head = el('div', { class: 'ps-dialog-head' });
  const close = el(
    'button',
    { type: 'button', class: 'ps-dialog-close', 'aria-label': 'Close', title: 'Close (Esc)' },
    '×',
  );
  head.append(el('h2', {}, title), close);
  const body = el('div', { class: 'ps-dialog-body' });
  dialog.append(head, body);
  overlays.append(dialog);
  close.addEventListener('click', () => dialog.close());
  const keep = (e: Event): void => e.stopPropagation();
  dialog.addEventListener('keydown', keep);
  dialog.addEventListener('keyup', keep);
  // A click on the backdrop (outside the box) closes it too.
  dialog.addEventListener('click', (e) => {
    if (e.target !== dialog) return;
    const r = dialog.getBoundingClientRect();
    const inside =
      e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
    if (!inside) dialog.close();
  });
  return {
    dialog,
    body,
    open() {
      if (!dialog.open) dialog.showModal();
    },
    close() {
      if (dialog.open) dialog.close();
    },
    dispose() {
      dialog.remove();
    },
  };
}

/** "day 3 · 14:25", or "finished". */
export function progressText(meta: Pick<RunMeta, 'day' | 'step' | 'finished'>): string {
  if (meta.finished) return 'finished';
  return `day ${meta.day} · ${formatHhmm((meta.step * DEFAULT_STEP_SECONDS) / 60)}`;
}

function when(ms: number): string {
  try {
    return new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
  } catch {
    return new Date(ms).toISOString();
  }
}

function fileName(meta: RunMeta): string {
  const slug = meta.name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\w]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'run'}.propersim.json`;
}

function download(name: string, json: string): void {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = el('a', { href: url, download: name });
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the download a moment to start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function mountRuns(
  menu: HTMLElement,
  overlays: HTMLElement,
  persistence: Persistence,
  store: GameStore,
): { open(): Promise<void>; dispose(): void } {
  const assistantName = (id: string): string => assistantLabel(id);
  const button = menuButton('Runs', 'menu-runs', 'Your saved runs: open, rename, export, import');
  menu.append(button);
  const dlg = makeDialog(overlays, 'Saved runs', 'runs-dialog');
  dlg.dialog.classList.add('runs-dialog');

  const where = el('p', { class: 'note', 'data-testid': 'runs-where' });
  const list = el('div', { class: 'runs-list', 'data-testid': 'runs-list' });
  const fileInput = el('input', {
    type: 'file',
    accept: '.json,application/json',
    'data-testid': 'runs-import-file',
    class: 'visually-hidden',
    tabindex: '-1',
  });
  const importButton = el(
    'button',
    {
      type: 'button',
      'data-testid': 'runs-import',
      title: 'Open a run file (.json) exported earlier',
    },
    'Import a run file…',
  );
  const message = el('p', { class: 'runs-message', role: 'status', 'data-testid': 'runs-message' });
  const foot = el('div', { class: 'runs-foot' });
  foot.append(importButton, fileInput, message);
  dlg.body.append(where, list, foot);

  /** The row being renamed or asked about, kept across re-renders. */
  let editing: { id: string; mode: 'rename' | 'delete' } | null = null;
  let highlight: string | null = null;
  let metas: RunMeta[] = [];

  const say = (text: string, kind: 'ok' | 'error' = 'ok'): void => {
    setText(message, text);
    message.classList.toggle('error', kind === 'error');
  };

  const act = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      say(err instanceof Error ? err.message : String(err), 'error');
    }
  };

  const render = (): void => {
    const st = store.getState().saving;
    setText(
      where,
      st.persistent
        ? 'Runs are saved in this browser as you play; close the tab any time and pick up where you were.'
        : (st.problem ?? 'Runs are kept in memory only and are lost when you close the tab.'),
    );
    where.classList.toggle('warn', !st.persistent);
    if (metas.length === 0) {
      list.replaceChildren(
        el(
          'p',
          { class: 'note', 'data-testid': 'runs-empty' },
          st.ready
            ? 'No saved runs yet: play a few steps and this run is saved. You can also import a run file.'
            : 'Opening your saved runs…',
        ),
      );
      return;
    }
    const table = el('table', { class: 'runs-table' });
    const head = el('tr');
    for (const h of ['Name', 'Persona', 'Assistant', 'Seed', 'Progress', 'Saved', ''])
      head.append(el('th', { scope: 'col' }, h));
    table.append(el('thead'), el('tbody'));
    table.tHead?.append(head);
    const body = table.tBodies[0] as HTMLTableSectionElement;
    for (const meta of metas) body.append(row(meta, st.currentRunId));
    list.replaceChildren(table);
  };

  const row = (meta: RunMeta, current: string | null): HTMLTableRowElement => {
    const isCurrent = meta.id === current;
    const tr = el('tr', {
      'data-testid': 'run-row',
      'data-run-id': meta.id,
      'data-day': String(meta.day),
      'data-step': String(meta.step),
    });
    if (isCurrent) tr.classList.add('current');
    if (meta.id === highlight) tr.classList.add('highlight');
    const nameCell = el('td', { class: 'run-name' });
    const actions = el('td', { class: 'run-actions' });

    if (editing?.id === meta.id && editing.mode === 'rename') {
      const input = el('input', {
        type: 'text',
        value: meta.name,
        'data-testid': 'run-rename-input',
        'aria-label': 'New name',
        maxlength: '120',
      });
      const save = el(
        'button',
        { type: 'button', class: 'primary', 'data-testid': 'run-rename-save' },
        'Save',
      );
      const cancel = el('button', { type: 'button', 'data-testid': 'run-rename-cancel' }, 'Cancel');
      const doSave = (): void =>
        void act(async () => {
          const name = input.value.trim();
          if (!name) {
            say('A run needs a name.', 'error');
            return;
          }
          await persistence.renameRun(meta.id, name);
          editing = null;
          say(`Renamed to “${name}”.`);
          await refresh();
        });
      save.addEventListener('click', doSave);
      cancel.addEventListener('click', () => {
        editing = null;
        render();
      });
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') doSave();
        if (e.key === 'Escape') {
          // Escape leaves the renaming, not the dialog.
          e.preventDefault();
          editing = null;
          render();
        }
      });
      nameCell.append(input);
      actions.append(save, cancel);
      queueMicrotask(() => {
        input.focus();
        input.select();
      });
    } else {
      nameCell.append(el('span', { 'data-testid': 'run-name' }, meta.name));
      if (isCurrent) nameCell.append(el('span', { class: 'badge now' }, 'on screen'));
    }

    if (editing?.id === meta.id && editing.mode === 'delete') {
      const yes = el(
        'button',
        { type: 'button', class: 'danger', 'data-testid': 'run-delete-confirm' },
        'Delete',
      );
      const no = el('button', { type: 'button', 'data-testid': 'run-delete-cancel' }, 'Keep');
      yes.addEventListener(
        'click',
        () =>
          void act(async () => {
            await persistence.deleteRun(meta.id);
            editing = null;
            say(`Deleted “${meta.name}”.`);
            await refresh();
          }),
      );
      no.addEventListener('click', () => {
        editing = null;
        render();
      });
      actions.append(el('span', { class: 'confirm' }, 'Delete for good?'), yes, no);
    } else if (editing?.id !== meta.id) {
      const openB = el('button', { type: 'button', 'data-testid': 'run-open' }, 'Open');
      openB.disabled = isCurrent;
      openB.title = isCurrent ? 'This run is on screen' : 'Continue this run';
      const rename = el('button', { type: 'button', 'data-testid': 'run-rename' }, 'Rename');
      const exp = el('button', { type: 'button', 'data-testid': 'run-export' }, 'Export');
      exp.title = 'Download this run as a .json file';
      const del = el('button', { type: 'button', 'data-testid': 'run-delete' }, 'Delete');
      del.disabled = isCurrent;
      del.title = isCurrent
        ? 'This run is on screen: start or open another run first'
        : 'Delete this run';
      openB.addEventListener(
        'click',
        () =>
          void act(async () => {
            say(`Opening “${meta.name}”…`);
            await persistence.openRun(meta.id);
            say('');
            dlg.close();
          }),
      );
      rename.addEventListener('click', () => {
        editing = { id: meta.id, mode: 'rename' };
        render();
      });
      exp.addEventListener(
        'click',
        () =>
          void act(async () => {
            const data = await persistence.exportRun(meta.id);
            download(fileName(meta), JSON.stringify(data));
            say(`Exported “${meta.name}” (${fileName(meta)}).`);
          }),
      );
      del.addEventListener('click', () => {
        editing = { id: meta.id, mode: 'delete' };
        render();
      });
      actions.append(openB, rename, exp, del);
    }

    tr.append(
      nameCell,
      el('td', {}, meta.personaName),
      el('td', {}, assistantName(meta.assistantId)),
      el('td', { class: 'num' }, meta.seed),
      el('td', { class: 'num', 'data-testid': 'run-progress' }, progressText(meta)),
      el('td', { class: 'num' }, when(meta.updatedAt)),
      actions,
    );
    return tr;
  };

  const refresh = async (): Promise<void> => {
    metas = await persistence.listRuns();
    render();
  };

  importButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    void act(async () => {
      // Refused before it is read: a 60 MB file is not taken whole.
      if (file.size > MAX_RUN_FILE_BYTES)
        throw new Error(
          `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB, more than the ` +
            `${(MAX_RUN_FILE_BYTES / 1024 / 1024).toFixed(0)} MB a run file may be: nothing was imported.`,
        );
      say(`Reading ${file.name}…`);
      const textOf = await file.text();
      const meta = await persistence.importRun(textOf);
      highlight = meta.id;
      say(`Imported “${meta.name}” (${progressText(meta)}). Open it from the list.`);
      await refresh();
    });
  });

  // Keep the list fresh while it is open (at most every 2 s, only when it changed), never under a rename or a question.
  let lastPoll = 0;
  const unsubscribe = store.subscribe(
    (s) => s.saving,
    (now, before) => {
      if (!dlg.dialog.open || editing !== null) return;
      const saved = now.changes === before.changes;
      if (saved && performance.now() - lastPoll < 2000) return;
      lastPoll = performance.now();
      void persistence
        .listRuns()
        .then((next) => {
          if (editing !== null || JSON.stringify(next) === JSON.stringify(metas)) return;
          metas = next;
          render();
        })
        .catch(() => undefined);
    },
  );

  const open = async (): Promise<void> => {
    editing = null;
    highlight = null;
    say('');
    render();
    dlg.open();
    await act(refresh);
  };
  button.addEventListener('click', () => void open());

  return {
    open,
    dispose() {
      unsubscribe();
      button.remove();
      dlg.dispose();
    },
  };
}
