import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePersonaJson, type Persona } from '../../src/core/persona';

export function fixturePersona(): Persona {
  const path = fileURLToPath(new URL('../fixtures/persona-test.json', import.meta.url));
  return parsePersonaJson(readFileSync(path, 'utf8'), 'persona-test.json');
}
