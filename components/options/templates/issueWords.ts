import type { Translate } from '../../../lib/i18n/core';
import type { TemplateIssue } from '../../../lib/sop/templates/library';
import type { ManagedLibraryProblem } from '../../../lib/sop/templates/library-policy';
import { LIBRARY_VARIABLES } from '../../../lib/sop/templates/templates';

// The template library's problems in words: the editor's, an import's, and a policy's (the
// administrator reads those from an agent's screen).

/** A validation problem in words. */
export function issueText(t: Translate, issue: TemplateIssue): string {
  switch (issue.code) {
    case 'unknown_variable':
      return t('tpl_err_unknown_variable', {
        variable: `{{${issue.variable}}}`,
        known: LIBRARY_VARIABLES.map((v) => `{{${v}}}`).join(', '),
      });
    case 'cue_no_word':
    case 'cue_too_long':
      return t(`tpl_err_${issue.code}`, { cue: issue.cue });
    case 'cue_taken':
      return t('tpl_err_cue_taken', { cue: issue.cue, by: issue.by });
    default:
      return t(`tpl_err_${issue.code}`);
  }
}

/** A policy problem in words. */
export function policyProblemText(t: Translate, p: ManagedLibraryProblem): string {
  if (p.kind === 'unusable') {
    return t('tpl_policy_unusable', { problem: t(`tpl_policy_${p.code}`) });
  }
  const problem =
    p.problem.code === 'issues'
      ? p.problem.issues.map((i) => issueText(t, i)).join(' ')
      : p.problem.code === 'field'
        ? t('tpl_policy_field', { field: p.problem.field })
        : t('tpl_policy_duplicate');
  return p.label
    ? t('tpl_policy_item', { n: p.position, label: p.label, problem })
    : t('tpl_policy_item_unnamed', { n: p.position, problem });
}

/** “a”, “b”: labels as the status line quotes them. */
export const quoted = (labels: readonly string[]) => labels.map((l) => `“${l}”`).join(', ');
