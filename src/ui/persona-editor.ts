/**
 * The persona editor: a "Personas" button in the menu opens a dialog with a
 * form for the run's persona (who they are, their routine, and the four
 * parts of their rubric, prose and fields). The draft is validated with
 * PersonaSchema on every change: each problem shows next to its field and
 * the buttons stay disabled while any remain.
 *
 * - Save as new persona: a new id from the name (unique), added to the
 *   persona list and kept in this browser (localStorage; loaded on start-up
 *   by `loadSavedPersonas`, called from main.ts).
 * - Apply to this run: the persona drifts mid-run (store.changePersona); the
 *   judge uses the new persona at once, the routine from tomorrow, and the
 *   assistant is not told — the lesson is whether it notices.
 * - Import persona file: our format or the ProPerSim format (converted; what
 *   the words did not give is listed, and each field shows the clause it was
 *   read from). A failed import names the file and the field, and leaves the
 *   form as it was. Several files or a folder (a checkout of the reference's
 *   storage/) are added to the persona list, each with a unique id.
 */
// The importer carries the language libraries (chrono-node, compromise): it is loaded
// only when a ProPerSim file is imported, so the game's first load stays small.
import { isProPerSimPersona } from '../core/import/detect';
import { PersonaError, PersonaSchema, parsePersona, type Persona } from '../core/persona';
import type { GameView } from '../state/create-game';
import { el } from './dom';
import { createPersonaForm, type ShownIssue } from './persona-form/form';
import { uniqueId } from './persona-form/paths';
import { savePersona, savedPersonaIds } from './persona-form/saved';

export { loadSavedPersonas } from './persona-form/saved';

export interface PersonaEditorProbe {
  open: boolean;
  problems: number;
  name: string;
}

const clone = (p: Persona): Persona => structuredClone(p);

function firstName(name: string): string {
  return name.split(/\s+/)[0] || name;
}

export function mountPersonaEditor(
  menu: HTMLElement,
  overlays: HTMLElement,
  game: GameView,
): { dispose(): void; probe(): PersonaEditorProbe; open(): void } {
  const { store, actions: act } = game;
  const button = el(
    'button',
    {
      type: 'button',
      'data-testid': 'personas-open',
      title: 'Edit the persona, save it as a new one, apply it mid-run, or import a persona file',
    },
    'Personas',
  );
  menu.append(button);

  const dialog = el('dialog', {
    class: 'persona-editor',
    'data-testid': 'persona-editor',
    'aria-labelledby': 'pe-title',
  });
  overlays.append(dialog);

  /** The run persona the draft started from (to notice a changed run on reopening). */
  let loadedFrom: Persona = store.getState().run.persona;
  let draft: Persona = clone(loadedFrom);
  let issues: ShownIssue[] = [];

  const title = el('h2', { id: 'pe-title' }, 'Personas');
  const subtitle = el('span', { class: 'muted small', 'data-testid': 'pe-editing' });
  const close = el(
    'button',
    { type: 'button', class: 'pe-close', 'aria-label': 'Close', title: 'Close (Esc)' },
    '✕',
  );
  const head = el('header', { class: 'pe-head' });
  head.append(title, subtitle, close);

  // Import
  const file = el('input', {
    type: 'file',
    accept: '.json,application/json',
    'data-testid': 'persona-import',
    id: 'pe-import',
  });
  const importLabel = el(
    'label',
    { for: 'pe-import', class: 'pe-import-label' },
    'Import persona file',
  );
  const importResult = el('div', { class: 'pe-import-result', 'data-testid': 'import-result' });
  file.multiple = true;
  const folder = el('input', {
    type: 'file',
    'data-testid': 'persona-import-folder',
    id: 'pe-import-folder',
  });
  folder.setAttribute('webkitdirectory', '');
  const folderLabel = el(
    'label',
    { for: 'pe-import-folder', class: 'pe-import-label' },
    'Import a folder',
  );
  const importBox = el('div', { class: 'pe-import' });
  importBox.append(
    importLabel,
    file,
    folderLabel,
    folder,
    el(
      'span',
      { class: 'note' },
      'Our JSON format or the ProPerSim format; several files or a folder are added to the persona list.',
    ),
    importResult,
  );

  // Footer
  const problems = el('div', { class: 'pe-problems', 'data-testid': 'persona-problems' });
  const note = el('div', { class: 'pe-note', role: 'status', 'data-testid': 'persona-note' });
  const reset = el(
    'button',
    { type: 'button', 'data-testid': 'persona-reset', title: 'Start again from the run’s persona' },
    'Reset to the run’s persona',
  );
  const save = el(
    'button',
    { type: 'button', 'data-testid': 'persona-save', class: 'primary' },
    'Save as new persona',
  );
  const apply = el(
    'button',
    { type: 'button', 'data-testid': 'persona-apply' },
    'Apply to this run',
  );
  apply.title =
    'The persona changes mid-run: the judge uses it now, the routine from tomorrow; the assistant is not told';
  const actions = el('div', { class: 'pe-actions' });
  actions.append(reset, save, apply);
  const foot = el('footer', { class: 'pe-foot' });
  foot.append(problems, note, actions);

  const form = createPersonaForm(
    () => draft,
    () => refresh(),
  );
  const body = el('div', { class: 'pe-body' });
  body.append(importBox, form.element);
  dialog.append(head, body, foot);

  function refresh(): void {
    issues = form.validate();
    const invalid = issues.length > 0;
    save.disabled = invalid;
    apply.disabled = invalid;
    subtitle.textContent = `editing ${draft.name || '(no name)'} · id ${draft.id}`;
    problems.replaceChildren();
    if (!invalid) return;
    problems.append(
      el(
        'strong',
        {},
        `${issues.length} problem${issues.length === 1 ? '' : 's'} — fix ${issues.length === 1 ? 'it' : 'them'} to save or apply:`,
      ),
    );
    const ul = el('ul');
    for (const i of issues.slice(0, 8)) {
      ul.append(
        el('li', {}, `${i.label ?? i.path ?? '(persona)'} (${i.path || 'root'}): ${i.message}`),
      );
    }
    if (issues.length > 8) ul.append(el('li', {}, `… and ${issues.length - 8} more`));
    problems.append(ul);
  }

  function load(p: Persona): void {
    draft = clone(p);
    form.render();
    refresh();
  }

  const say = (text: string, kind: 'ok' | 'error' = 'ok'): void => {
    note.textContent = text;
    note.classList.toggle('error', kind === 'error');
  };

  /** The draft as a persona, or null (with the problems shown) when it does not validate. */
  function parsed(id = draft.id): Persona | null {
    const r = PersonaSchema.safeParse({ ...draft, id });
    if (!r.success) {
      refresh();
      return null;
    }
    return r.data;
  }

  save.addEventListener('click', () => {
    const id = uniqueId(
      draft.name,
      store.getState().personas.map((p) => p.id),
    );
    const persona = parsed(id);
    if (!persona) return;
    act.addPersona(persona);
    draft.id = id;
    let kept = ' and kept in this browser';
    try {
      savePersona(persona);
    } catch (err) {
      kept = `, but not kept in this browser: ${(err as Error).message}`;
    }
    refresh();
    say(
      `Saved as “${persona.name}” (${id})${kept}. Choose it in the Persona list and start a New run, or apply it to this run.`,
    );
  });

  apply.addEventListener('click', () => {
    const persona = parsed();
    if (!persona) return;
    const s = store.getState();
    act.changePersona(persona);
    if (savedPersonaIds().has(persona.id)) {
      try {
        savePersona(persona);
      } catch {
        // the run changed anyway; keeping it is a bonus
      }
    }
    loadedFrom = store.getState().run.persona;
    const tomorrow = s.run.day + 1;
    say(
      `Applied to this run. The judge scores as ${firstName(persona.name)} from now on; the routine changes from tomorrow (day ${tomorrow}). The assistant is not told: watch whether its scores recover.`,
    );
  });

  reset.addEventListener('click', () => {
    loadedFrom = store.getState().run.persona;
    load(loadedFrom);
    importResult.replaceChildren();
    say('');
  });

  for (const input of [file, folder]) {
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      if (files.length === 0) return;
      const run =
        files.length === 1 && input === file ? importFile(files[0] as File) : importMany(files);
      void run.finally(() => {
        input.value = ''; // the same file can be imported again
      });
    });
  }

  /** Several files or a folder: every persona among them joins the persona list. */
  async function importMany(files: File[]): Promise<void> {
    body.scrollTop = 0;
    importResult.replaceChildren();
    importResult.classList.remove('error');
    try {
      const texts = await Promise.all(
        files
          .filter((f) => f.name.toLowerCase().endsWith('.json'))
          .map(async (f) => ({ path: f.webkitRelativePath || f.name, text: await f.text() })),
      );
      const { personasFromFiles, keepApart } = await import('../core/import/batch');
      const r = personasFromFiles(texts);
      const taken = store.getState().personas.map((p) => p.id);
      const renamed = [...r.renamed, ...keepApart(r.loaded, taken)];
      const kept: string[] = [];
      for (const l of r.loaded) {
        act.addPersona(l.persona);
        try {
          savePersona(l.persona);
        } catch (err) {
          kept.push(`${l.persona.id}: not kept in this browser (${(err as Error).message})`);
        }
      }
      importResult.append(
        el(
          'strong',
          { 'data-testid': 'import-summary' },
          `Added ${r.loaded.length} persona${r.loaded.length === 1 ? '' : 's'} to the persona list (${r.loaded.filter((l) => l.format === 'propersim').length} from the ProPerSim format): ${r.loaded.map((l) => l.persona.id).join(', ')}.`,
        ),
      );
      const ul = el('ul', { 'data-testid': 'import-details' });
      for (const s of r.skipped) ul.append(el('li', {}, `skipped ${s.path}: ${s.reason}`));
      for (const n of [...renamed, ...kept]) ul.append(el('li', {}, n));
      for (const l of r.loaded)
        if (l.notes.length)
          ul.append(
            el(
              'li',
              {},
              `${l.persona.id}: ${l.notes.length} field(s) not from the words (open it in the editor to see each one's evidence)`,
            ),
          );
      importResult.append(ul);
    } catch (err) {
      importResult.classList.add('error');
      if (err instanceof PersonaError) {
        importResult.append(el('strong', {}, `Could not import ${err.source}:`));
        const ul = el('ul');
        for (const p of err.problems)
          ul.append(el('li', {}, `${p.path || '(file)'}: ${p.message}`));
        importResult.append(ul);
      } else importResult.append(el('strong', {}, `Could not import: ${(err as Error).message}`));
      importResult.append(el('p', { class: 'note' }, 'Nothing was added.'));
    }
  }

  async function importFile(f: File): Promise<void> {
    body.scrollTop = 0; // the result shows above the form
    importResult.replaceChildren();
    importResult.classList.remove('error');
    let persona: Persona;
    let notDerived: string[] | null = null;
    let derived: string[] = [];
    try {
      const text = await f.text();
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (err) {
        throw new PersonaError(f.name, [
          { path: '', message: `not valid JSON: ${(err as Error).message}` },
        ]);
      }
      if (isProPerSimPersona(data)) {
        const { importProPerSimPersona } = await import('../core/import/propersim');
        const r = importProPerSimPersona(data, f.name);
        persona = r.persona;
        notDerived = r.notDerived;
        derived = r.derived;
      } else {
        persona = parsePersona(data, f.name);
      }
    } catch (err) {
      // The form keeps what it had: a failed import loses nothing.
      importResult.classList.add('error');
      if (err instanceof PersonaError) {
        importResult.append(el('strong', {}, `Could not import ${err.source}:`));
        const ul = el('ul');
        for (const p of err.problems)
          ul.append(el('li', {}, `${p.path || '(file)'}: ${p.message}`));
        importResult.append(ul);
      } else {
        importResult.append(
          el('strong', {}, `Could not import ${f.name}: ${(err as Error).message}`),
        );
      }
      importResult.append(el('p', { class: 'note' }, 'The form is unchanged.'));
      return;
    }
    load(persona);
    const format = notDerived ? 'the ProPerSim format' : 'our format';
    importResult.append(
      el(
        'strong',
        { 'data-testid': 'import-summary' },
        `Imported “${persona.name}” from ${f.name} (${format}) into the form. Save it as a new persona, or apply it to this run.`,
      ),
    );
    if (notDerived) {
      importResult.append(
        el(
          'p',
          {},
          notDerived.length
            ? `Not derived from the words (${notDerived.length}; defaults used — check them below):`
            : 'Everything was derived from the words.',
        ),
      );
      const ul = el('ul', { 'data-testid': 'not-derived' });
      for (const line of notDerived) ul.append(el('li', {}, line));
      importResult.append(ul);
      if (derived.length) {
        const d = el('details');
        d.append(el('summary', {}, `Derived from the words (${derived.length})`));
        const dl = el('ul');
        for (const line of derived) dl.append(el('li', {}, line));
        d.append(dl);
        importResult.append(d);
      }
    }
    say('');
  }

  const open = (): void => {
    // Fetch the importer while the person picks a file, so an import answers at once.
    void import('../core/import/propersim').catch(() => undefined);
    const current = store.getState().run.persona;
    if (current !== loadedFrom) {
      loadedFrom = current;
      load(current);
      importResult.replaceChildren();
      say('');
    }
    if (!dialog.open) dialog.showModal();
  };
  button.addEventListener('click', open);
  close.addEventListener('click', () => dialog.close());
  // The page's shortcuts (space, arrows, 0–4) stay out of the dialog.
  dialog.addEventListener('keydown', (e) => e.stopPropagation());

  load(draft);

  return {
    open,
    dispose() {
      if (dialog.open) dialog.close();
      dialog.remove();
      button.remove();
    },
    probe: () => ({ open: dialog.open, problems: issues.length, name: draft.name }),
  };
}
