import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { operatorItem } from '../../../lib/settings/settings';
import { Credentials } from '../../../lib/background/credentials';
import { Health } from '../../../lib/background/health/health';
import { tableKv } from '../../../lib/background/kv';
import { Outbox } from '../../../lib/outbox/engine';
import { createHandlers } from '../../../lib/background/service';
import { DecisionsDb } from '../../../lib/decisions/db';
import { replies, type ReplyOf } from '../../../lib/messages';
import { MOCK_ACCOUNT } from '../../../lib/mock/scenario';
import { DEFAULT_SETTINGS, settingsItem } from '../../../lib/settings/settings';
import { SEED, startStandin, type Standin } from '../../standin/server';
import { FakeChatwoot } from './fake-api';

// `operator/role`: the signed-in user's role in the account, which decides who may edit the
// template library (lib/sop/templates/library-policy.ts). Through the live client against the stand-in.

const fromOptions = { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/options.html' };

let standin: Standin;
let db: DecisionsDb;
beforeAll(async () => {
  standin = await startStandin({ quiet: true });
});
afterAll(async () => {
  await standin.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  standin.reset();
  db = new DecisionsDb(`operator-role-${crypto.randomUUID()}`);
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: standin.url, authMode: 'token' });
});

async function role(token: string | null): Promise<ReplyOf<'operator/role'>> {
  const kv = tableKv(db.kv);
  const credentials = new Credentials(kv);
  if (token !== null) await credentials.setToken(standin.url, token);
  const outbox = new Outbox({ db, kv, credentials, api: async () => new FakeChatwoot() });
  const handlers = createHandlers({ db, outbox, credentials, kv, health: new Health(kv) });
  return replies['operator/role'].parse(await handlers['operator/role']({}, fromOptions));
}

describe('operator/role', () => {
  it.each<[string, string, ReplyOf<'operator/role'>]>([
    [
      'an administrator of the account (Sam)',
      SEED.adminToken,
      {
        ok: true,
        value: { accountId: SEED.accountId, accountName: SEED.accountName, role: 'administrator' },
      },
    ],
    [
      'an agent of the account (Dana)',
      SEED.agentToken,
      {
        ok: true,
        value: { accountId: SEED.accountId, accountName: SEED.accountName, role: 'agent' },
      },
    ],
  ])('%s', async (_name, token, expected) => {
    expect(await role(token)).toEqual(expected);
  });

  it('is the role in the account the extension works in (the operator seen last)', async () => {
    await operatorItem.setValue({
      userId: SEED.admin.id,
      name: 'Sam Admin',
      email: SEED.admin.email,
      accountId: SEED.otherAccountId,
      accountName: SEED.otherAccountName,
      origin: standin.url,
    });
    expect(await role(SEED.adminToken)).toEqual({
      ok: true,
      value: {
        accountId: SEED.otherAccountId,
        accountName: SEED.otherAccountName,
        role: 'administrator',
      },
    });
  });

  it('is read fresh: an agent made administrator in Chatwoot may edit at once', async () => {
    expect(await role(SEED.agentToken)).toMatchObject({ ok: true, value: { role: 'agent' } });
    const dana = standin.state.accountUsers.find(
      (au) => au.userId === SEED.agent.id && au.accountId === SEED.accountId,
    )!;
    dana.role = 'administrator';
    expect(await role(SEED.agentToken)).toMatchObject({
      ok: true,
      value: { role: 'administrator' },
    });
  });

  it('not signed in: the error, in the closed set, so the page can say to sign in', async () => {
    expect(await role('not-a-token')).toMatchObject({ ok: false, error: { kind: 'bad_token' } });
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: '' });
    expect(await role(null)).toMatchObject({ ok: false, error: { kind: 'not_configured' } });
  });

  it('mock mode: the sample operator is an administrator (a trainer shows editing)', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: '', mockMode: true });
    expect(await role(null)).toEqual({
      ok: true,
      value: { accountId: MOCK_ACCOUNT.id, accountName: MOCK_ACCOUNT.name, role: 'administrator' },
    });
    // Nothing left the browser.
    expect(standin.requests.list()).toEqual([]);
  });
});
