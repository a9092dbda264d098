import { z } from '../zod';

// Chatwoot's wire shapes (docs/CHATWOOT.md §3), tolerant of extra fields (zod objects strip unknown
// keys by default; nothing here is strict). Wire names stay here, at the edge.

/** Epoch seconds; Chatwoot sends `0` for "never" (first_reply_created_at, waiting_since). */
const epochSeconds = z.catch(z.coerce.number().check(z.int(), z.nonnegative()), 0);

const int = () => z.number().check(z.int());

export const contactSchema = z.object({
  id: z.optional(int()),
  name: z.nullish(z.string()),
  email: z.nullish(z.string()),
  phone_number: z.nullish(z.string()),
  thumbnail: z.nullish(z.string()),
});

export const messageSchema = z.object({
  id: int(),
  content: z.nullish(z.string()),
  // 0 incoming (customer), 1 outgoing (agent), 2 activity, 3 template; some payloads use names.
  message_type: z.union([int(), z.enum(['incoming', 'outgoing', 'activity', 'template'])]),
  private: z.pipe(
    z.nullish(z.boolean()),
    z.transform((v: boolean | null | undefined) => v ?? false),
  ),
  created_at: epochSeconds,
  content_attributes: z.nullish(z.looseObject({ deleted: z.optional(z.boolean()) })),
  sender: z.nullish(
    z.looseObject({
      id: z.optional(z.number()),
      name: z.nullish(z.string()),
      type: z.nullish(z.string()),
    }),
  ),
});
export type WireMessage = z.infer<typeof messageSchema>;

export const appliedSlaSchema = z.object({
  sla_status: z.nullish(z.string()),
  sla_name: z.nullish(z.string()),
  sla_first_response_time_threshold: z.nullish(z.number()),
  sla_next_response_time_threshold: z.nullish(z.number()),
  sla_resolution_time_threshold: z.nullish(z.number()),
});

export const slaEventSchema = z.object({
  event_type: z.string(),
  created_at: epochSeconds,
});

export const CONVERSATION_STATUSES = ['open', 'resolved', 'pending', 'snoozed'] as const;

export const conversationSchema = z.object({
  id: int().check(z.positive()), // the display_id
  account_id: int().check(z.positive()),
  inbox_id: z.nullish(int()),
  status: z.enum(CONVERSATION_STATUSES),
  priority: z.nullish(z.string()),
  labels: z.catch(z.array(z.string()), []),
  can_reply: z.nullish(z.boolean()),
  created_at: epochSeconds,
  timestamp: epochSeconds, // last activity (§7: not a creation string)
  last_activity_at: z.optional(epochSeconds),
  first_reply_created_at: z.optional(epochSeconds),
  waiting_since: z.optional(epochSeconds),
  /** ISO string or null; some payloads (webhooks, caches) send epoch seconds. */
  snoozed_until: z.catch(z.nullish(z.union([z.string(), z.number()])), null),
  meta: z.catch(
    z.looseObject({
      sender: z.nullish(contactSchema),
      assignee: z.nullish(z.looseObject({ id: z.number(), name: z.nullish(z.string()) })),
    }),
    {},
  ),
  messages: z.catch(z.array(messageSchema), []),
  last_non_activity_message: z.catch(z.nullish(messageSchema), null),
  sla_policy_id: z.nullish(z.number()),
  applied_sla: z.nullish(appliedSlaSchema),
  sla_events: z.nullish(z.array(slaEventSchema)),
  /** Scalars by key; the team log's records are among them (lib/decisions/team-record.ts). */
  custom_attributes: z.catch(z.nullish(z.record(z.string(), z.unknown())), null),
});
export type WireConversation = z.infer<typeof conversationSchema>;

export const messagesResponseSchema = z.object({
  meta: z.catch(
    z.looseObject({ labels: z.optional(z.array(z.string())), contact: z.nullish(contactSchema) }),
    {},
  ),
  payload: z.array(messageSchema),
});

export const profileSchema = z.object({
  id: int(),
  name: z.nullish(z.string()),
  available_name: z.nullish(z.string()),
  email: z.string(),
  role: z.nullish(z.string()),
  /** RoomChannel's token (lib/background/realtime/): it never leaves the worker. */
  pubsub_token: z.nullish(z.string()),
  accounts: z.catch(
    z.array(z.object({ id: int(), name: z.nullish(z.string()), role: z.nullish(z.string()) })),
    [],
  ),
});
export type WireProfile = z.infer<typeof profileSchema>;

export const labelsResponseSchema = z.object({ payload: z.array(z.string()) });

export const toggleStatusResponseSchema = z.object({
  payload: z.object({
    success: z.optional(z.boolean()),
    conversation_id: z.optional(z.number()),
    current_status: z.enum(CONVERSATION_STATUSES),
  }),
});

export const conversationListSchema = z.object({
  data: z.object({
    meta: z.catch(
      z.looseObject({
        mine_count: z.optional(z.number()),
        assigned_count: z.optional(z.number()),
        unassigned_count: z.optional(z.number()),
        all_count: z.optional(z.number()),
      }),
      {},
    ),
    payload: z.array(conversationSchema),
  }),
});

/** The answer of POST …/custom_attributes: the whole hash as saved. */
export const customAttributesResponseSchema = z.object({
  custom_attributes: z.catch(z.nullish(z.record(z.string(), z.unknown())), null),
});

/** The session cookie's JSON (docs/CHATWOOT.md §2): carries every sign-in header; we need four. */
export const sessionCookieSchema = z.object({
  'access-token': z.string().check(z.minLength(1)),
  client: z.string().check(z.minLength(1)),
  uid: z.string().check(z.minLength(1)),
  'token-type': z.optional(z.string()),
  expiry: z.optional(z.union([z.string(), z.number()])),
});

/** `GET /api/v1/accounts/{a}/canned_responses` (docs/CHATWOOT.md §6): a bare array. */
export const cannedResponsesSchema = z.array(
  z.object({
    id: int(),
    short_code: z.string(),
    content: z.pipe(
      z.nullish(z.string()),
      z.transform((v: string | null | undefined) => v ?? ''),
    ),
    updated_at: z.pipe(
      z.catch(z.nullish(z.string()), null),
      z.transform((v: string | null | undefined) => v ?? null),
    ),
  }),
);
export type WireCannedResponse = z.infer<typeof cannedResponsesSchema>[number];

/** `GET /api/v1/accounts/{a}/integrations/apps`: each app with the hooks the account set up. */
export const integrationAppsSchema = z.object({
  payload: z.array(
    z.object({
      id: z.string(),
      enabled: z.nullish(z.boolean()),
      hooks: z.catch(
        z.array(
          z.object({
            id: int(),
            // 'enabled' | 'disabled' on the wire; older versions sent a number or a boolean.
            status: z.nullish(z.union([z.string(), z.number(), z.boolean()])),
          }),
        ),
        [],
      ),
    }),
  ),
});
export type WireIntegrationApp = z.infer<typeof integrationAppsSchema>['payload'][number];

/** `POST …/integrations/hooks/{id}/process_event`: the OpenAI hook's answer. */
export const processEventResponseSchema = z.object({ message: z.string() });
