import { describe, expect, it } from 'vitest';
import {
  followActiveContext,
  type FollowDeps,
  type PageSource,
} from '../../../components/shared/follow-context';
import type { ActiveContext, BackgroundEvent } from '../../../lib/messages';

// The panel's two sources of "which conversation": the answer to context/get and the
// context/changed events. A stale answer must never win over a page heard after the question.

const page = (conversationId: number | null, windowId = 1): ActiveContext => ({
  windowId,
  tabId: 7,
  origin: 'https://chat.example.org',
  accountId: conversationId === null ? null : 1,
  conversationId,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** `null`: a window Chrome gives no id (devtools, a panel outside any window). */
function harness(windowId: number | null = 1) {
  const answers: ReturnType<typeof deferred<ActiveContext | null>>[] = [];
  let emit: (event: BackgroundEvent) => void = () => undefined;
  let activate: (windowId: number) => void = () => undefined;
  let locate: (context: ActiveContext, source: PageSource) => void = () => undefined;
  const shown: (number | null)[] = [];
  const deps: FollowDeps = {
    windowId: async () => windowId ?? undefined,
    ask: () => {
      const answer = deferred<ActiveContext | null>();
      answers.push(answer);
      return answer.promise;
    },
    onEvent: (listener) => {
      emit = listener;
      return () => (emit = () => undefined);
    },
    onLocation: (listener) => {
      locate = listener;
      return () => (locate = () => undefined);
    },
    onActivated: (listener) => {
      activate = listener;
      return () => (activate = () => undefined);
    },
  };
  const heard: number[] = [];
  const stop = followActiveContext(deps, {
    show: (context) => shown.push(context?.conversationId ?? null),
    heard: (context) => heard.push(context.conversationId ?? 0),
  });
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    answers,
    shown,
    stop,
    flush,
    heard,
    emit: (context: ActiveContext) => emit({ event: 'context/changed', context }),
    locate: (context: ActiveContext, source: PageSource = 'content') => locate(context, source),
    activate: (id: number) => activate(id),
  };
}

describe('followActiveContext', () => {
  it('shows the answer when nothing was heard meanwhile', async () => {
    const h = harness();
    await h.flush();
    h.answers[0]!.resolve(page(12));
    await h.flush();
    expect(h.shown).toEqual([12]);
  });

  it('keeps a page heard while the question was out (the answer was read before it)', async () => {
    const h = harness();
    await h.flush();
    h.emit(page(12));
    h.answers[0]!.resolve(null); // the background read the tab before the navigation landed
    await h.flush();
    expect(h.shown).toEqual([12]);
  });

  it('follows events of its own window only', async () => {
    const h = harness(1);
    await h.flush();
    h.answers[0]!.resolve(page(3));
    await h.flush();
    h.emit(page(4, 2));
    h.emit(page(5, 1));
    expect(h.shown).toEqual([3, 5]);
  });

  it('asks again when another tab of its window becomes active, not of another window', async () => {
    const h = harness(1);
    await h.flush();
    h.answers[0]!.resolve(page(3));
    await h.flush();
    h.activate(2);
    expect(h.answers).toHaveLength(1);
    h.activate(1);
    await h.flush();
    expect(h.answers).toHaveLength(2);
    h.answers[1]!.resolve(null);
    await h.flush();
    expect(h.shown).toEqual([3, null]);
  });

  it('a tab switch answered after a newer page keeps the page', async () => {
    const h = harness(1);
    await h.flush();
    h.answers[0]!.resolve(null);
    await h.flush();
    h.activate(1);
    await h.flush();
    h.emit(page(9));
    h.answers[1]!.resolve(null);
    await h.flush();
    expect(h.shown).toEqual([null, 9]);
  });

  it('shows a page heard from the content script at once, before the worker tells it', async () => {
    const h = harness();
    await h.flush();
    h.answers[0]!.resolve(null);
    await h.flush();
    h.locate(page(12));
    expect(h.shown).toEqual([null, 12]);
    expect(h.heard).toEqual([12]);
  });

  it('a worker event for a page the tab has since left does not take the panel back', async () => {
    const h = harness();
    await h.flush();
    h.answers[0]!.resolve(null);
    await h.flush();
    h.locate(page(12));
    h.locate(page(13));
    h.emit(page(12)); // the worker's event for the first report, late
    h.emit(page(13));
    expect(h.shown).toEqual([null, 12, 13, 13]);
  });

  it('a context/get answered after a heard page keeps the page', async () => {
    const h = harness();
    await h.flush();
    h.locate(page(12));
    h.answers[0]!.resolve(null);
    await h.flush();
    expect(h.shown).toEqual([12]);
  });

  it('ignores content-script pages of another window', async () => {
    const h = harness(1);
    await h.flush();
    h.locate(page(12, 2));
    expect(h.shown).toEqual([]);
    expect(h.heard).toEqual([]);
  });

  // The browser's tabs.onUpdated reports every page in order, usually first; the content
  // script's reports may come late and out of order (a channel each): once the browser has
  // told a tab's moves, its content script's are not used.
  const twoSources: {
    name: string;
    reports: [number, PageSource][];
    shown: number[];
  }[] = [
    {
      name: 'each page from both, browser first',
      reports: [
        [12, 'browser'],
        [12, 'content'],
        [13, 'browser'],
        [13, 'content'],
      ],
      shown: [12, 13],
    },
    {
      name: 'the content copies late, after the next page',
      reports: [
        [12, 'browser'],
        [13, 'browser'],
        [12, 'content'],
        [13, 'content'],
      ],
      shown: [12, 13],
    },
    {
      name: 'content reports out of order',
      reports: [
        [12, 'browser'],
        [13, 'browser'],
        [14, 'browser'],
        [14, 'content'],
        [12, 'content'],
        [13, 'content'],
      ],
      shown: [12, 13, 14],
    },
    {
      name: 'the content script first, before the browser told anything',
      reports: [
        [12, 'content'],
        [12, 'browser'],
      ],
      shown: [12],
    },
    {
      name: 'back to an earlier page (A, B, A) with late copies',
      reports: [
        [12, 'browser'],
        [13, 'browser'],
        [12, 'browser'],
        [12, 'content'],
        [13, 'content'],
        [12, 'content'],
      ],
      shown: [12, 13, 12],
    },
    {
      name: 'only the content script (no browser events)',
      reports: [
        [12, 'content'],
        [13, 'content'],
        [12, 'content'],
      ],
      shown: [12, 13, 12],
    },
    {
      name: 'only the browser (no content script on the page)',
      reports: [
        [12, 'browser'],
        [13, 'browser'],
        [12, 'browser'],
      ],
      shown: [12, 13, 12],
    },
  ];
  it.each(twoSources)('two sources: $name', async ({ reports, shown }) => {
    const h = harness();
    await h.flush();
    h.answers[0]!.resolve(null);
    await h.flush();
    for (const [id, source] of reports) h.locate(page(id), source);
    expect(h.shown).toEqual([null, ...shown]);
    expect(h.heard).toEqual(shown);
  });

  it('a page the worker took the panel away from (another site) shows again when the tab comes back', async () => {
    const h = harness();
    await h.flush();
    h.answers[0]!.resolve(null);
    await h.flush();
    h.locate(page(12), 'browser');
    h.emit({ ...page(null), origin: '' }); // the tab loaded another site
    h.locate(page(12), 'browser');
    expect(h.shown).toEqual([null, 12, null, 12]);
  });

  it('shows nothing after it was stopped (the panel closed)', async () => {
    const h = harness();
    await h.flush();
    h.stop();
    h.emit(page(12));
    h.answers[0]!.resolve(page(3));
    await h.flush();
    expect(h.shown).toEqual([]);
  });

  it('asks nothing without a window (a panel outside any window)', async () => {
    const h = harness(null);
    await h.flush();
    expect(h.answers).toHaveLength(0);
    h.emit(page(12));
    expect(h.shown).toEqual([]);
  });
});
