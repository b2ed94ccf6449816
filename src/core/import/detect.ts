/**
 * Recognising a persona in the ProPerSim reference format, without loading
 * the importer (which carries the language libraries): the browser checks a
 * file with this first and loads the importer only when it needs it.
 */

const SIGNATURE_KEYS = [
  'big_five_personality_traits',
  'daily_plan_req',
  'criteria',
  'current_interests',
  'long_term_goals',
] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for a plain object that looks like a ProPerSim persona (and not one of ours). */
export function isProPerSimPersona(data: unknown): boolean {
  if (!isRecord(data) || 'schemaVersion' in data) return false;
  return SIGNATURE_KEYS.filter((k) => k in data).length >= 2;
}

/** True for an object in our own persona format (valid or not). */
export function isOwnPersona(data: unknown): boolean {
  return isRecord(data) && 'schemaVersion' in data;
}
