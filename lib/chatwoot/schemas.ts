import { z } from 'zod';

// Chatwoot's wire shapes (CHATWOOT.md §3), tolerant of extra fields (zod objects strip unknown
// keys by default; nothing here is `.strict()`). Wire names stay here, at the edge.

/** Epoch seconds; Chatwoot sends `0` for "never" (first_reply_created_at, waiting_since). */
const epochSeconds = z.coerce.number().int().nonnegative().catch(0);

export const contactSchema = z.object({
  id: z.number().int().optional(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  phone_number: z.string().nullish(),
  thumbnail: z.string().nullish(),
});

export const messageSchema = z.object({
  id: z.number().int(),
  content: z.string().nullish(),
  // 0 incoming (customer), 1 outgoing (agent), 2 activity, 3 template; some payloads use names.
  message_type: z.union([
    z.number().int(),
    z.enum(['incoming', 'outgoing', 'activity', 'template']),
  ]),
  private: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  created_at: epochSeconds,
  content_attributes: z.object({ deleted: z.boolean().optional() }).passthrough().nullish(),
  sender: z
    .object({ id: z.number().optional(), name: z.string().nullish(), type: z.string().nullish() })
    .passthrough()
    .nullish(),
});
export type WireMessage = z.infer<typeof messageSchema>;

export const appliedSlaSchema = z.object({
  sla_status: z.string().nullish(),
  sla_name: z.string().nullish(),
  sla_first_response_time_threshold: z.number().nullish(),
  sla_next_response_time_threshold: z.number().nullish(),
  sla_resolution_time_threshold: z.number().nullish(),
});

export const slaEventSchema = z.object({
  event_type: z.string(),
  created_at: epochSeconds,
});

export const CONVERSATION_STATUSES = ['open', 'resolved', 'pending', 'snoozed'] as const;

export const conversationSchema = z.object({
  id: z.number().int().positive(), // the display_id
  account_id: z.number().int().positive(),
  inbox_id: z.number().int().nullish(),
  status: z.enum(CONVERSATION_STATUSES),
  priority: z.string().nullish(),
  labels: z.array(z.string()).catch([]),
  can_reply: z.boolean().nullish(),
  created_at: epochSeconds,
  timestamp: epochSeconds, // last activity (§7: not a creation string)
  last_activity_at: epochSeconds.optional(),
  first_reply_created_at: epochSeconds.optional(),
  waiting_since: epochSeconds.optional(),
  meta: z
    .object({
      sender: contactSchema.nullish(),
      assignee: z.object({ id: z.number(), name: z.string().nullish() }).passthrough().nullish(),
    })
    .passthrough()
    .catch({}),
  messages: z.array(messageSchema).catch([]),
  last_non_activity_message: messageSchema.nullish().catch(null),
  sla_policy_id: z.number().nullish(),
  applied_sla: appliedSlaSchema.nullish(),
  sla_events: z.array(slaEventSchema).nullish(),
});
export type WireConversation = z.infer<typeof conversationSchema>;

export const messagesResponseSchema = z.object({
  meta: z
    .object({ labels: z.array(z.string()).optional(), contact: contactSchema.nullish() })
    .passthrough()
    .catch({}),
  payload: z.array(messageSchema),
});

export const profileSchema = z.object({
  id: z.number().int(),
  name: z.string().nullish(),
  available_name: z.string().nullish(),
  email: z.string(),
  role: z.string().nullish(),
  accounts: z
    .array(
      z.object({ id: z.number().int(), name: z.string().nullish(), role: z.string().nullish() }),
    )
    .catch([]),
});
export type WireProfile = z.infer<typeof profileSchema>;

export const labelsResponseSchema = z.object({ payload: z.array(z.string()) });

export const toggleStatusResponseSchema = z.object({
  payload: z.object({
    success: z.boolean().optional(),
    conversation_id: z.number().optional(),
    current_status: z.enum(CONVERSATION_STATUSES),
  }),
});

export const conversationListSchema = z.object({
  data: z.object({
    meta: z
      .object({
        mine_count: z.number().optional(),
        assigned_count: z.number().optional(),
        unassigned_count: z.number().optional(),
        all_count: z.number().optional(),
      })
      .passthrough()
      .catch({}),
    payload: z.array(conversationSchema),
  }),
});

/** The session cookie's JSON (CHATWOOT.md §2): carries every sign-in header; we need four. */
export const sessionCookieSchema = z.object({
  'access-token': z.string().min(1),
  client: z.string().min(1),
  uid: z.string().min(1),
  'token-type': z.string().optional(),
  expiry: z.union([z.string(), z.number()]).optional(),
});

/** `GET /api/v1/accounts/{a}/canned_responses` (CHATWOOT.md §6): a bare array. */
export const cannedResponsesSchema = z.array(
  z.object({
    id: z.number().int(),
    short_code: z.string(),
    content: z
      .string()
      .nullish()
      .transform((v) => v ?? ''),
    updated_at: z
      .string()
      .nullish()
      .catch(null)
      .transform((v) => v ?? null),
  }),
);
export type WireCannedResponse = z.infer<typeof cannedResponsesSchema>[number];

/** `GET /api/v1/accounts/{a}/integrations/apps`: each app with the hooks the account set up. */
export const integrationAppsSchema = z.object({
  payload: z.array(
    z.object({
      id: z.string(),
      enabled: z.boolean().nullish(),
      hooks: z
        .array(
          z.object({
            id: z.number().int(),
            // 'enabled' | 'disabled' on the wire; older versions sent a number or a boolean.
            status: z.union([z.string(), z.number(), z.boolean()]).nullish(),
          }),
        )
        .catch([]),
    }),
  ),
});
export type WireIntegrationApp = z.infer<typeof integrationAppsSchema>['payload'][number];

/** `POST …/integrations/hooks/{id}/process_event`: the OpenAI hook's answer. */
export const processEventResponseSchema = z.object({ message: z.string() });
