/** What the panels point at: the step the inspector shows. */
import type { StepRef } from '../selectors';
import type { ActionContext } from './context';

export interface SelectionActions {
  /** Show one step in the inspector (null closes it). */
  select(target: StepRef | null): void;
}

export function selectionActions({ set }: ActionContext): SelectionActions {
  return { select: (target) => set({ selected: target }) };
}
