/** Command ids, context keys, view ids and settings: one table used by the code and the tests. */
export const Commands = {
  openTopic: 'dsRoadmap.openTopic',
  openTopicToSide: 'dsRoadmap.openTopicToSide',
  scaffoldNotebook: 'dsRoadmap.scaffoldNotebook',
  scaffoldScript: 'dsRoadmap.scaffoldScript',
  checkExercise: 'dsRoadmap.checkExercise',
  markComplete: 'dsRoadmap.markComplete',
  markIncomplete: 'dsRoadmap.markIncomplete',
  markInProgress: 'dsRoadmap.markInProgress',
  markSkipped: 'dsRoadmap.markSkipped',
  showProgress: 'dsRoadmap.showProgress',
  openOverview: 'dsRoadmap.openOverview',
  /** A stage's page (the tree's stage items run it with the stage id). */
  openStage: 'dsRoadmap.openStage',
  /** A section's page (the tree's section items run it with the section id). */
  openSection: 'dsRoadmap.openSection',
  resetProgress: 'dsRoadmap.resetProgress',
  exportProgress: 'dsRoadmap.exportProgress',
  importProgress: 'dsRoadmap.importProgress',
  showSolution: 'dsRoadmap.showSolution',
  filterAll: 'dsRoadmap.filterAll',
  filterRemaining: 'dsRoadmap.filterRemaining',
  filterDone: 'dsRoadmap.filterDone',
  review: 'dsRoadmap.review',
  openNotes: 'dsRoadmap.openNotes',
  exportNotes: 'dsRoadmap.exportNotes',
  setUpPython: 'dsRoadmap.setUpPython',
} as const;

/** The second argument of the open-page commands when the tree's own item runs them. */
export const FROM_TREE = 'tree';

export const ViewIds = {
  container: 'dsRoadmap',
  roadmap: 'dsRoadmap.roadmap',
  topicPanel: 'dsRoadmap.topic',
} as const;

export const ContextKeys = {
  filter: 'dsRoadmap.filter',
  /** The active editor is an exercise notebook or script (the Check Exercise toolbar buttons). */
  activeExercise: 'dsRoadmap.activeExercise',
  /** A topic page has been shown (the walkthrough's "open a topic" step). */
  openedTopic: 'dsRoadmap.openedTopic',
} as const;
