import type { WarningThresholds } from '@xlgl/engine';
import type { ItemDocument } from '@xlgl/schema';

/** The centre's yellow-card settings (organization document of type centre). */
export type CentreThresholds = { yellowRatio?: number | null; yellowDaysBefore?: number } | null | undefined;

/**
 * The yellow/red thresholds a case of `item` runs under (R7.1, domain.md): the item's own
 * `supervision` settings where given, else the centre's, else the defaults (90 % of the limit or one
 * working day before the deadline, whichever first). Red is always the day after the deadline.
 */
export function warningThresholdsFor(item: Pick<ItemDocument, 'supervision'>, centre: CentreThresholds): WarningThresholds {
  const own = item.supervision ?? {};
  return {
    yellowRatio: own.yellowRatio !== undefined ? own.yellowRatio : (centre?.yellowRatio ?? 0.9),
    yellowDaysBefore: own.yellowDaysBefore ?? centre?.yellowDaysBefore ?? 1,
  };
}
