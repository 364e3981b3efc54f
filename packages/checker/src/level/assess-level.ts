// `archc level`: where the system stands on the seven levels. A system is at level N when it
// meets every criterion of levels 1..N; for level N+1 the assessment lists every gap.

import { CRITERIA, type CriterionContext, type Gap, LEVELS } from "./criteria.js";

export interface CriterionResult {
  readonly id: string;
  readonly level: number;
  readonly text: string;
  readonly met: boolean;
  readonly gaps: readonly Gap[];
}

export interface LevelResult {
  readonly level: number;
  readonly name: string;
  readonly met: boolean;
  readonly criteria: readonly CriterionResult[];
}

export interface LevelAssessment {
  /** The highest level whose criteria, and those of every level below, are all met (0: none). */
  readonly level: number;
  readonly name: string;
  readonly levels: readonly LevelResult[];
  /** The next level and its gaps, unless the system is at level 7. */
  readonly next?: LevelResult;
}

export function assessLevel(ctx: CriterionContext): LevelAssessment {
  const levels = LEVELS.map((l) => {
    const criteria = CRITERIA.filter((c) => c.level === l.level).map((c) => {
      const gaps = c.gaps(ctx);
      return { id: c.id, level: c.level, text: c.text, met: gaps.length === 0, gaps };
    });
    return { ...l, met: criteria.every((c) => c.met), criteria };
  });
  let level = 0;
  while (level < levels.length && levels[level].met) level++;
  return {
    level,
    name: level === 0 ? "not yet a system" : levels[level - 1].name,
    levels,
    next: level < levels.length ? levels[level] : undefined,
  };
}
