/**
 * Writes personas/persona.schema.json from the zod schema (npm run schema).
 * The output is formatted the way Prettier formats JSON in this repo, so
 * `npm run format:check` stays quiet after regenerating.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { personaJsonSchema } from '../core/persona';

export const SCHEMA_PATH = fileURLToPath(
  new URL('../../personas/persona.schema.json', import.meta.url),
);

export async function schemaText(): Promise<string> {
  const raw = JSON.stringify(personaJsonSchema(), null, 2) + '\n';
  const options = (await resolveConfig(SCHEMA_PATH)) ?? {};
  return format(raw, { ...options, filepath: SCHEMA_PATH });
}

async function main(): Promise<void> {
  writeFileSync(SCHEMA_PATH, await schemaText());
  console.log(`wrote ${SCHEMA_PATH}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
