// A Slack incoming-webhook receiver: POST /hooks/services/<T>/<B>/<secret> with a JSON body
// `{text}` answers 200 "ok" (Slack's plain-text answer) and is recorded; no `text` → 400
// "invalid_payload"; a GET → 405. The stand-in's faults apply to it like to /api/ (status,
// rate_limit, drop, drop_after…), so retries can be tested. Read with GET /__standin/webhooks.
import { asRecord, type ApiRequest, type ApiResponse } from '../http';

export interface ReceivedWebhook {
  path: string;
  body: Record<string, unknown>;
  at: string;
}

export const WEBHOOK_PREFIX = '/hooks/services/';

export function handleWebhook(
  received: ReceivedWebhook[],
  req: ApiRequest,
  at: string,
): ApiResponse {
  if (req.method.toUpperCase() !== 'POST') return { status: 405, text: 'method_not_allowed' };
  const body = asRecord(req.body);
  if (typeof body.text !== 'string' || body.text.trim() === '') {
    return { status: 400, text: 'invalid_payload' };
  }
  received.push({ path: req.pathname, body, at });
  return { status: 200, text: 'ok' };
}
