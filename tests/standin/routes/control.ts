// The test-only control API under /__standin/ (never under /api, never faulted, never logged).
import { ConfigError, type StandinCore } from '../core';
import { FaultError } from './faults';
import { asRecord, json, type ApiRequest, type ApiResponse } from '../http';
import { messagePartial, toIso } from './render';
import { SEED } from '../seed';

const ENDPOINTS = [
  'GET /__standin/state',
  'POST /__standin/reset',
  'GET|DELETE /__standin/requests',
  'GET|POST|DELETE /__standin/faults',
  'DELETE /__standin/faults/{id}',
  'GET|POST /__standin/config',
  'GET|POST /__standin/clock {advanceMs}',
  'POST /__standin/accounts/{a}/conversations/{c}/incoming {content}',
  'POST /__standin/accounts/{a}/contacts/{id} {name}',
  'DELETE /__standin/sessions',
  'GET|DELETE /__standin/webhooks',
];

export function handleControl(core: StandinCore, req: ApiRequest): ApiResponse {
  const method = req.method.toUpperCase();
  const path = req.pathname.replace(/\/+$/, '');
  const body = asRecord(req.body);
  try {
    if (path === '/__standin' && method === 'GET') {
      return json(200, { endpoints: ENDPOINTS, seed: SEED });
    }
    if (path === '/__standin/state' && method === 'GET') {
      return json(200, {
        ...core.state,
        now: toIso(core.nowMs()),
        seededAt: toIso(core.state.seededAt),
        config: core.configView(),
      });
    }
    if (path === '/__standin/reset' && method === 'POST') {
      core.reset();
      return json(200, { ok: true, seededAt: toIso(core.state.seededAt) });
    }
    if (path === '/__standin/requests') {
      if (method === 'GET') return json(200, core.requests);
      if (method === 'DELETE') {
        core.requests = [];
        return json(200, { ok: true });
      }
    }
    if (path === '/__standin/faults') {
      if (method === 'GET') return json(200, core.faults.list());
      if (method === 'POST') return json(200, { id: core.faults.add(req.body).id });
      if (method === 'DELETE') {
        core.faults.clear();
        return json(200, { ok: true });
      }
    }
    const faultId = /^\/__standin\/faults\/([^/]+)$/.exec(path)?.[1];
    if (faultId && method === 'DELETE') {
      return core.faults.remove(faultId)
        ? json(200, { ok: true })
        : json(404, { error: `no fault ${faultId}` });
    }
    if (path === '/__standin/config') {
      if (method === 'GET') return json(200, core.configView());
      if (method === 'POST') return json(200, core.configure(body));
    }
    if (path === '/__standin/clock') {
      if (method === 'POST') {
        const ms = body.advanceMs;
        if (typeof ms !== 'number' || !Number.isFinite(ms)) {
          return json(400, { error: 'advanceMs must be a number' });
        }
        core.advanceClock(ms);
      }
      if (method === 'GET' || method === 'POST') return json(200, { now: toIso(core.nowMs()) });
    }
    if (path === '/__standin/webhooks') {
      if (method === 'GET') return json(200, core.webhooks);
      if (method === 'DELETE') {
        core.webhooks = [];
        return json(200, { ok: true });
      }
    }
    if (path === '/__standin/sessions' && method === 'DELETE') {
      // Every dashboard session becomes stale: cookies stay, the API answers 401.
      const revoked = core.state.sessions.length;
      core.state.sessions = [];
      return json(200, { ok: true, revoked });
    }
    const incoming = /^\/__standin\/accounts\/(\d+)\/conversations\/(\d+)\/incoming$/.exec(path);
    if (incoming && method === 'POST') {
      const content = typeof body.content === 'string' ? body.content : '';
      if (content.trim() === '') return json(400, { error: 'content is required' });
      const accountId = Number(incoming[1]);
      const displayId = Number(incoming[2]);
      const message = core.customerMessage(accountId, displayId, content);
      const conv = core.state.conversations.find(
        (c) => c.accountId === accountId && c.displayId === displayId,
      );
      if (!message || !conv) return json(404, { error: 'no such conversation' });
      return json(200, messagePartial(core.state, conv, message));
    }
    // A contact renamed from the dashboard (Chatwoot broadcasts contact.updated).
    const contact = /^\/__standin\/accounts\/(\d+)\/contacts\/(\d+)$/.exec(path);
    if (contact && method === 'POST') {
      const found = core.state.contacts.find(
        (c) => c.accountId === Number(contact[1]) && c.id === Number(contact[2]),
      );
      if (!found) return json(404, { error: 'no such contact' });
      if (typeof body.name !== 'string') return json(400, { error: 'name is required' });
      found.name = body.name;
      return json(200, { id: found.id, name: found.name });
    }
  } catch (e) {
    if (e instanceof FaultError || e instanceof ConfigError) return json(400, { error: e.message });
    throw e;
  }
  return json(404, {
    error: `unknown control endpoint ${method} ${req.pathname}`,
    endpoints: ENDPOINTS,
  });
}
