/**
 * The line-up of the run in progress: another planner or judge (a model, a
 * person rating) from the next step on, and the person's ratings while
 * they judge. A different assistant needs a new run (its state is the run's).
 */
import type { HumanRating } from '../../agents/user/human';
import { copyLineUp, lineUpProblems, sameLineUp, type LineUp } from '../../core/lineup';
import { answersLater } from '../cast';
import { dispatchPlain } from '../stepper';
import type { ActionContext } from './context';

export interface LineUpActions {
  /** Play the run on with this line-up from its next step (its assistant must be the run's). */
  setLineUp(lineup: LineUp): void;
  /** Rate a waiting suggestion per criterion (you are the judge). */
  rate(id: number, rating: HumanRating): void;
  /** Rate 0–4 in one go. */
  rateQuick(id: number, score: number): void;
  /** Let the built-in judge score this one. */
  skipRating(id: number): void;
}

export function lineUpActions({ get, set, cast }: ActionContext): LineUpActions {
  return {
    setLineUp(lineup) {
      const s = get();
      if (s.jump) return set({ error: 'wait for the jump to arrive (or cancel it) first' });
      if (lineup.assistant !== s.run.assistantId) {
        set({
          error: `this line-up brings assistant "${lineup.assistant}", but the run uses "${s.run.assistantId}": start a new run`,
        });
        return;
      }
      const problems = lineUpProblems(lineup);
      if (problems.length > 0) return set({ error: problems.join('; ') });
      if (sameLineUp(s.lineup, lineup)) return;
      // Ratings still waiting are scored by the built-in judge, so the step in flight completes.
      if (s.lineup.judge === 'person' && lineup.judge !== 'person') cast.person.skipAll();
      dispatchPlain(s, { type: 'set-lineup', lineup: copyLineUp(lineup) });
      set({
        lineup: s.run.lineup,
        version: s.version + 1,
        error: null,
        // A jump runs many steps at once: not with players that answer later.
        ...(answersLater(lineup) && s.jump ? { jump: null } : {}),
      });
    },
    rate: (id, rating) => void cast.person.rate(id, rating),
    rateQuick: (id, score) => void cast.person.rateQuick(id, score),
    skipRating: (id) => cast.person.skip(id),
  };
}
