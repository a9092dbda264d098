// The words for each failure kind (lib/chatwoot/errors.ts), apart from the rest of lib/i18n/words.ts:
// the worker writes the English ones into the decision log and loads nothing else of the
// panel's copy (issue 8's background budget).

import type { ApiErrorKind } from '../chatwoot/errors';
import type { EscalationReason } from '../decisions/record';

/** Escalation reasons: the panel's dialog shows them, the worker writes the English ones into the
 * manager's note. */
export const REASONS_EN = {
  reason_policy_exception: 'Policy exception',
  reason_refund_over_500: 'Refund over $500',
  reason_legal_fraud: 'Legal or fraud concern',
  reason_abusive_language: 'Abusive language',
  reason_other: 'Other',
} satisfies Record<`reason_${EscalationReason}`, string>;

export const REASONS_FR: Record<keyof typeof REASONS_EN, string> = {
  reason_policy_exception: 'Exception à la politique',
  reason_refund_over_500: 'Remboursement de plus de 500 $',
  reason_legal_fraud: 'Problème juridique ou fraude',
  reason_abusive_language: 'Propos injurieux',
  reason_other: 'Autre',
};

export const ERRORS_EN = {
  err_approvals_disabled: 'Your administrator turned off sending replies from the panel.',
  err_ai_disabled: 'Your administrator turned off AI drafts.',
  err_not_configured: 'No Chatwoot URL is set. Enter it in the options.',
  err_no_permission: 'No access to this Chatwoot address yet: save again and allow access.',
  err_signed_out: 'You are signed out of Chatwoot. Sign in here, or use an access token.',
  err_bad_token: 'Chatwoot refused the access token. Copy it again from Profile settings.',
  err_not_in_account: 'Your Chatwoot user is not a member of this account.',
  err_forbidden: 'Chatwoot says you may not act on this conversation.',
  err_not_found: 'Chatwoot could not find this conversation. It may have been deleted.',
  err_unprocessable: 'Chatwoot refused the request: {detail}',
  err_rate_limited: 'Chatwoot is rate-limiting requests. It will be retried shortly.',
  err_server: 'Chatwoot had a server error. It will be retried shortly.',
  err_offline: 'Could not reach Chatwoot. Check the network or the Chatwoot URL.',
  err_timeout: 'Chatwoot took too long to answer.',
  err_invalid_response: 'Chatwoot sent an answer the extension could not read.',
  err_not_chatwoot: 'This address does not look like a Chatwoot instance. Check the Chatwoot URL.',
  err_label_refused: 'Chatwoot did not keep the “escalation” label: the account may not allow it.',
  err_unexpected: 'Something went wrong inside the extension: {detail}',
  err_origin_changed: 'Held: made on {detail}, no longer the Chatwoot URL. Nothing sent elsewhere.',
  err_operator_changed: 'Held: Chatwoot is signed in as another user ({detail}). Retry or Cancel.',
} satisfies Record<`err_${ApiErrorKind}`, string>;

export const ERRORS_FR: Record<keyof typeof ERRORS_EN, string> = {
  err_approvals_disabled: 'Votre administrateur a désactivé l’envoi de réponses depuis le panneau.',
  err_ai_disabled: 'Votre administrateur a désactivé les brouillons IA.',
  err_not_configured: "Aucune URL Chatwoot n'est définie. Saisissez-la dans les options.",
  err_no_permission:
    "Pas encore d'accès à cette adresse Chatwoot : enregistrez et autorisez l'accès.",
  err_signed_out:
    'Vous êtes déconnecté de Chatwoot. Reconnectez-vous ou utilisez un jeton d’accès.',
  err_bad_token: "Chatwoot a refusé le jeton d'accès. Copiez-le à nouveau depuis votre profil.",
  err_not_in_account: "Votre utilisateur Chatwoot n'est pas membre de ce compte.",
  err_forbidden: 'Chatwoot indique que vous ne pouvez pas agir sur cette conversation.',
  err_not_found: 'Chatwoot ne trouve pas cette conversation. Elle a peut-être été supprimée.',
  err_unprocessable: 'Chatwoot a refusé la requête : {detail}',
  err_rate_limited: 'Chatwoot limite les requêtes. Nouvel essai sous peu.',
  err_server: 'Chatwoot a rencontré une erreur serveur. Nouvel essai sous peu.',
  err_offline: "Impossible de joindre Chatwoot. Vérifiez le réseau ou l'URL de Chatwoot.",
  err_timeout: 'Chatwoot a mis trop de temps à répondre.',
  err_invalid_response: "Chatwoot a envoyé une réponse que l'extension ne sait pas lire.",
  err_not_chatwoot: "Cette adresse ne semble pas être une instance Chatwoot. Vérifiez l'URL.",
  err_label_refused:
    "Chatwoot a retiré l'étiquette « escalation » : le compte l'interdit peut-être.",
  err_unexpected: "Une erreur s'est produite dans l'extension : {detail}",
  err_origin_changed:
    "En attente : fait sur {detail}, plus l'URL Chatwoot. Rien d'envoyé ailleurs.",
  err_operator_changed: 'En attente : Chatwoot est connecté sous un autre compte ({detail}).',
};

/** The decision log's words for a failure: English, whatever the panel's language. */
export function englishError(kind: ApiErrorKind, detail: string): string {
  return ERRORS_EN[`err_${kind}`].replace(/\{detail\}/g, () => detail);
}
