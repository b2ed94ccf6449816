/**
 * Load a persona file in either format: our own (validated by `parsePersona`)
 * or the ProPerSim reference format (converted by the importer, with an id
 * from the file's folder or name). For an imported file the notes say what
 * could not be read from its words and which default was used. Every error
 * names the file.
 */
import { readFileSync } from 'node:fs';
import { idFromPath } from '../core/import/batch';
import { isProPerSimPersona } from '../core/import/detect';
import type { Evidence } from '../core/import/evidence';
import { importProPerSimPersona } from '../core/import/propersim';
import { PersonaError, parsePersona, type Persona } from '../core/persona';

export interface LoadedPersona {
  persona: Persona;
  /** For a ProPerSim file: what was not derived and the default used; [] for our own format. */
  notes: string[];
  /** For a ProPerSim file: the evidence of every field; [] for our own format. */
  evidence: Evidence[];
}

export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read the file: ${(err as Error).message}`, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new PersonaError(path, [
      { path: '', message: `not valid JSON: ${(err as Error).message}` },
    ]);
  }
}

export function loadAnyPersonaFile(path: string): LoadedPersona {
  const data = readJsonFile(path);
  if (isProPerSimPersona(data)) {
    const { persona, notDerived, evidence } = importProPerSimPersona(data, path, {
      id: idFromPath(path),
    });
    return { persona, notes: notDerived, evidence };
  }
  return { persona: parsePersona(data, path), notes: [], evidence: [] };
}
