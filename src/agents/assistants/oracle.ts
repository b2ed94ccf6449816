/**
 * The oracle: reads the persona's rubric and, at each step, says whatever the
 * built-in judge would score best (silence on ties). It keeps its own copy of
 * the judge's memory of today, built from what it delivered. An upper bound
 * for the learning assistants, not a competitor.
 */
import type { AssistantAgent } from '../../core/agents';
import {
  cloneJudgeMemory,
  newJudgeMemory,
  recordInteraction,
  type JudgeMemory,
} from '../../core/judgeMemory';
import type { Persona } from '../../core/persona';
import { SILENT, type Candidate } from '../../core/suggestion';
import { judgeCandidate, tickJudgeMemory } from '../user/judge';
import { itemsFor, recommendFrom } from './simple';

interface OracleState {
  persona: Persona;
  memory: JudgeMemory;
}

export const oracleAssistant: AssistantAgent<OracleState> = {
  id: 'oracle',
  label: 'Oracle (reads the rubric)',
  candidatesPerStep: 1,
  init: (_rng, peek) => ({ persona: peek.persona, memory: newJudgeMemory(1) }),
  startDay(state, day) {
    state.memory = newJudgeMemory(day);
  },
  propose(state, obs) {
    // Judge on a ticked copy: propose must not change the state.
    const memory = cloneJudgeMemory(state.memory);
    tickJudgeMemory(state.persona, memory, obs.ctx);
    let best: Candidate = SILENT;
    let bestScore = judgeCandidate(state.persona, memory, obs.ctx, SILENT).score;
    for (const item of itemsFor(obs)) {
      const c = recommendFrom(item);
      const s = judgeCandidate(state.persona, memory, obs.ctx, c).score;
      if (s > bestScore) {
        best = c;
        bestScore = s;
      }
    }
    return [best];
  },
  learn(state, fb) {
    tickJudgeMemory(state.persona, state.memory, fb.obs.ctx);
    const d = fb.judged[fb.delivered];
    if (d)
      recordInteraction(
        state.memory,
        fb.obs.minute,
        fb.obs.ctx.action.label,
        d.candidate,
        d.judgement.score,
      );
  },
};
