import { Commands } from '../../constants';
import { REVIEW_VIEW } from '../../core/pages/navigation';
import type { PageManager } from '../pages/pageManager';
import type { CommandTable } from './commandKit';

/** Spaced review: a session over the questions due now, in the one page. */
export function reviewCommands(d: { readonly pages: PageManager }): CommandTable {
  return {
    [Commands.review]: { name: 'Review Due Questions', run: () => d.pages.openView(REVIEW_VIEW) },
  };
}
