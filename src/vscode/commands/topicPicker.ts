import vscode = require('vscode');
import type { Topic } from '../../core/roadmap/model';
import { searchTopics } from '../../core/roadmap/search';
import type { ProgressStore } from '../progressStore';
import type { RoadmapService } from '../roadmapService';

interface TopicItem extends vscode.QuickPickItem {
  readonly topicId: string;
}

/**
 * A searchable quick pick over all topics. It matches titles, key terms and summaries (typing
 * "Bonferroni" finds the multiple-testing topic); each entry shows its stage and its state.
 */
export async function pickTopic(roadmap: RoadmapService, store: ProgressStore, title: string, filter?: (t: Topic) => boolean,
  notes?: () => Promise<ReadonlyMap<string, string>>): Promise<string | undefined> {
  const loaded = await roadmap.get();
  const index = loaded.index;
  if (!index) {
    void vscode.window.showErrorMessage(`Data Science Roadmap: the roadmap could not be loaded. ${loaded.issues[0]?.message ?? ''}`);
    return undefined;
  }
  const topics = filter ? index.topics.filter(filter) : index.topics;
  const item = (t: Topic, detail?: string): TopicItem => {
    const stage = index.stage(t.stageId)!;
    const done = store.isDone(t.id);
    return {
      topicId: t.id,
      label: `${done ? '$(pass-filled)' : '$(circle-outline)'} ${t.title}`,
      description: `${String(stage.number).padStart(2, '0')} · ${stage.title}${done ? ' — done' : ''}`,
      detail: detail ?? t.summary,
      alwaysShow: true,
    };
  };
  const qp = vscode.window.createQuickPick<TopicItem>();
  qp.title = title;
  qp.placeholder = 'Type a topic, a key term or an API name (e.g. "Bonferroni", "BCEWithLogitsLoss")';
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  // Our own ranking decides what is shown; VS Code's filter would hide key-term matches.
  (qp as { sortByLabel?: boolean }).sortByLabel = false;
  // Explanations are searched once they are read (at once when pages were opened before).
  let explanations: ReadonlyMap<string, string> | undefined;
  let mine: ReadonlyMap<string, string> | undefined;
  const update = (value: string) => {
    qp.items = searchTopics(topics, value, (t) => explanations?.get(t.id), (t) => mine?.get(t.id)).slice(0, 200).map((h) =>
      item(h.topic, h.matched === 'key term' && h.term ? `matches key term: ${h.term}` : h.matched === 'note' ? 'matches your note' : undefined));
  };
  update('');
  const later = (p: Promise<ReadonlyMap<string, string>> | undefined, set: (m: ReadonlyMap<string, string>) => void) => void p?.then((m) => {
    set(m);
    if (qp.value) update(qp.value);
  });
  later(roadmap.explanations(), (m) => { explanations = m; });
  later(notes?.(), (m) => { mine = m; });
  return new Promise<string | undefined>((resolve) => {
    const subs = [
      qp.onDidChangeValue(update),
      qp.onDidAccept(() => {
        const picked = qp.selectedItems[0] ?? qp.activeItems[0];
        resolve(picked?.topicId);
        qp.hide();
      }),
      qp.onDidHide(() => {
        resolve(undefined);
        for (const s of subs) s.dispose();
        qp.dispose();
      }),
    ];
    qp.show();
  });
}
