/**
 * Load a persona file in either format: our own (validated by `parsePersona`)
 * or the ProPerSim reference format (converted by the importer). For an
 * imported file the notes say what could not be read from its words and which
 * default was used. Every error names the file.
 */
import { readFileSync } from 'node:fs';
import { importProPerSimPersona, isProPerSimPersona } from '../core/import/propersim';
import { PersonaError, parsePersona, type Persona } from '../core/persona';

export interface LoadedPersona {
  persona: Persona;
  /** For a ProPerSim file: what was not derived and the default used; [] for our own format. */
  notes: string[];
}

export function loadAnyPersonaFile(path: string): LoadedPersona {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read the file: ${(err as Error).message}`, { cause: err });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new PersonaError(path, [
      { path: '', message: `not valid JSON: ${(err as Error).message}` },
    ]);
  }
  if (isProPerSimPersona(data)) {
    const { persona, notDerived } = importProPerSimPersona(data, path);
    return { persona, notes: notDerived };
  }
  return { persona: parsePersona(data, path), notes: [] };
}
