import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import {
  queryDecisions,
  type DecisionCursor,
  type DecisionFilter,
} from '../../../lib/decisions/query';
import { countByAction, listOperators } from '../../../lib/decisions/counts';
import { panelDb } from './panel-db';

// The panel READS the decision log straight from IndexedDB (same extension origin as the
// background, docs/ARCHITECTURE.md): 100,000 rows need not cross the message channel.
// Every write (purge included) still goes through the background.

/** The panel's one connection to the decisions database. */
export const logDb = panelDb;

export const LOG_PAGE_SIZE = 50;

/** Every log query starts with this key: invalidate it when decisions change. */
export const LOG_KEY = 'decision-log';

export const logPageQuery = (filter: DecisionFilter, before: DecisionCursor | null) =>
  queryOptions({
    queryKey: [LOG_KEY, 'page', filter, before],
    queryFn: () => queryDecisions(logDb(), filter, { limit: LOG_PAGE_SIZE, before }),
    placeholderData: keepPreviousData, // no flash of emptiness while the next page loads
  });

export const logCountsQuery = (filter: DecisionFilter) =>
  queryOptions({
    queryKey: [LOG_KEY, 'counts', filter],
    queryFn: () => countByAction(logDb(), filter),
    placeholderData: keepPreviousData,
  });

export const logOperatorsQuery = () =>
  queryOptions({
    queryKey: [LOG_KEY, 'operators'],
    queryFn: () => listOperators(logDb()),
  });
