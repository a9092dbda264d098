// Small HTTP helpers shared by the stand-in's own tests (global fetch, no mocks).
import { SEED } from '../seed';

export interface Res<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

export interface CallOptions {
  /** api_access_token; default Dana's; null for none. */
  token?: string | null;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

export function client(base: () => string) {
  return async function call<T = unknown>(
    method: string,
    path: string,
    opts: CallOptions = {},
  ): Promise<Res<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token === undefined ? SEED.agentToken : opts.token;
    if (token !== null) headers.api_access_token = token;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base() + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      redirect: 'manual',
      signal: opts.signal,
    });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json: json as T };
  };
}

/** The session headers Chatwoot's dashboard replays from its cookie (docs/CHATWOOT.md §2). */
export const sessionHeaders = (s: { accessToken: string; client: string; uid: string }) => ({
  'access-token': s.accessToken,
  client: s.client,
  uid: s.uid,
  'token-type': 'Bearer',
});

export interface MessageJson {
  id: number;
  content: string | null;
  message_type: number;
  private: boolean;
  status: string;
  created_at: number;
  conversation_id: number;
  content_attributes: Record<string, unknown>;
  sender?: { id: number; type: string; name: string | null };
  sender_type?: string | null;
  updated_at?: string;
  echo_id?: string;
}

export interface ConversationJson {
  id: number;
  account_id: number;
  inbox_id: number;
  status: string;
  priority: string | null;
  labels: string[];
  messages: MessageJson[];
  last_non_activity_message: MessageJson | null;
  created_at: number;
  timestamp: number;
  last_activity_at: number;
  first_reply_created_at: number;
  waiting_since: number;
  agent_last_seen_at: number;
  updated_at: number;
  snoozed_until: string | null;
  can_reply: boolean;
  unread_count: number;
  meta: {
    sender: { id: number; name: string | null; email: string | null };
    assignee?: { id: number };
    channel: string;
  };
  sla_policy_id?: number | null;
  applied_sla?: Record<string, unknown>;
  sla_events?: Array<{ event_type: string; created_at: number }>;
}

export interface ListJson {
  data: {
    meta: {
      mine_count: number;
      assigned_count: number;
      unassigned_count: number;
      all_count: number;
    };
    payload: ConversationJson[];
  };
}

export interface MessagesJson {
  meta: { labels: string[]; contact: { name: string | null }; has_more: boolean };
  payload: MessageJson[];
}
