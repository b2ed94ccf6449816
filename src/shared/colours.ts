/**
 * Colours the map and the panels share, so a score looks the same on the
 * speech bubble, the status strip, the timeline and the inspector.
 */

/** A step's score 0–4: red (0–1), orange (2), light green (3), green (4). */
export function scoreColour(score: number): string {
  if (score <= 1) return '#e5484d';
  if (score === 2) return '#f08c2e';
  if (score === 3) return '#9cc23a';
  return '#2fa84f';
}

/** Steps that were not scored (asleep, or the judge gave no verdict). */
export const UNSCORED_COLOUR = '#6b6478';
