import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import { FileWriteError, writeFileSafely } from '../../core/files/safeFiles';
import { folderSegments, noteRelativePath } from '../../core/exercises/exercisePaths';
import type { RoadmapIndex } from '../../core/roadmap/roadmapIndex';
import type { Stage, Topic } from '../../core/roadmap/model';
import type { Log } from '../log';
import type { RoadmapService } from '../roadmapService';
import { setting } from '../settings';

/** The largest note the page shows (a bigger file is opened in the editor, not rendered). */
const MAX_NOTE_BYTES = 512 * 1024;

/** Where notes live: a workspace folder's notes folder, or (no folder open) the extension's storage. */
export interface NotesRoot {
  /** The folder every note path is inside (the workspace folder, or the global storage). */
  readonly root: string;
  /** The notes folder under the root, as path segments. */
  readonly segments: readonly string[];
  readonly inWorkspace: boolean;
}

/** The starter of a new note: the title and the key terms, then room for the learner. */
export function noteStarter(topic: Topic, stage: Stage): string {
  const terms = topic.keyTerms.length ? `\n**Key terms:** ${topic.keyTerms.join(', ')}\n` : '';
  return `# ${topic.title}\n\n*${stage.title}*\n${terms}\n## My notes\n\n- \n\n## Questions I still have\n\n- \n`;
}

/**
 * The learner's own notes, one Markdown file per topic: `<notes>/<NN-stage>/<topic>.md` in the
 * workspace (the setting `dsRoadmap.notesFolder`), or in the extension's global storage when no
 * folder is open. A note is created from a starter and never overwritten; writes stay inside the
 * root on real paths and are whole. Shows nothing itself.
 */
export class NotesService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** A topic's note was saved or created (its id). */
  readonly onDidChange = this.changed.event;
  private known: Set<string> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly roadmap: RoadmapService, private readonly globalStorage: vscode.Uri, private readonly log: Log) {
    this.disposables.push(vscode.workspace.onDidSaveTextDocument((doc) => void this.saved(doc.uri)));
  }

  /** Where notes live now. */
  root(): NotesRoot {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder?.uri.scheme === 'file') {
      const root = folder.uri.fsPath;
      return { root, segments: folderSegments(setting('notesFolder', folder.uri), 'notes'), inWorkspace: true };
    }
    return { root: this.globalStorage.fsPath, segments: ['notes'], inWorkspace: false };
  }

  /** The file of a topic's note (it may not exist yet). */
  async file(topic: Topic): Promise<string> {
    const index = (await this.roadmap.get()).index!;
    const r = this.root();
    return path.join(r.root, ...noteRelativePath(r.segments, index.stage(topic.stageId)!, topic));
  }

  /** Opens the note of a topic in the editor, creating it from the starter when there is none. */
  async open(topic: Topic): Promise<{ uri: vscode.Uri; created: boolean; root: NotesRoot }> {
    const index = (await this.roadmap.get()).index!;
    const file = await this.file(topic);
    const root = this.root();
    let created = false;
    if (!(await exists(file))) {
      try {
        await writeFileSafely(root.root, file, noteStarter(topic, index.stage(topic.stageId)!), { createOnly: true });
        created = true;
        this.known?.add(topic.id);
        this.changed.fire(topic.id);
        this.log.info(`notes: created ${file}`);
      } catch (e) {
        if (!(e instanceof FileWriteError && e.code === 'exists')) throw e;
      }
    }
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(uri, { preview: false });
    return { uri, created, root };
  }

  /** A topic's note, if the learner has one (undefined for none or one too big to show). */
  async read(topic: Topic): Promise<string | undefined> {
    const file = await this.file(topic);
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile() || stat.size > MAX_NOTE_BYTES) return undefined;
      return await fs.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** A topic's note as HTML for its page (markdown-it from the third bundle, dist/notes.js). */
  async rendered(topic: Topic): Promise<string | undefined> {
    const text = await this.read(topic);
    if (text === undefined || text.trim() === '') return undefined;
    // A path esbuild does not follow: markdown-it stays in a bundle of its own, loaded here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderNote } = require(path.join(__dirname, 'notes.js')) as typeof import('./noteMarkdown');
    return renderNote(text);
  }

  /** Ids of the topics that have a note (read once, then kept up to date). */
  async topicsWithNotes(): Promise<ReadonlySet<string>> {
    if (this.known) return this.known;
    const index = (await this.roadmap.get()).index;
    const known = new Set<string>();
    for (const t of index?.topics ?? []) if (await exists(await this.file(t))) known.add(t.id);
    this.known = known;
    return known;
  }

  /** Every note's text by topic id, for search and the digest. */
  async all(): Promise<Map<string, string>> {
    const index = (await this.roadmap.get()).index;
    const out = new Map<string, string>();
    for (const id of await this.topicsWithNotes()) {
      const t = index?.topic(id);
      const text = t && (await this.read(t));
      if (text !== undefined) out.set(id, text);
    }
    return out;
  }

  /** A saved document that is a note: remember it and tell the pages. */
  private async saved(uri: vscode.Uri): Promise<void> {
    if (uri.scheme !== 'file' || !uri.fsPath.endsWith('.md')) return;
    const index = (await this.roadmap.get()).index;
    const id = path.basename(uri.fsPath, '.md');
    const topic = index?.topic(id);
    if (!topic || path.resolve(await this.file(topic)) !== path.resolve(uri.fsPath)) return;
    this.known?.add(topic.id);
    this.changed.fire(topic.id);
  }

  /** One Markdown digest of every note, in roadmap order, with the topic titles as headings. */
  async digest(index: RoadmapIndex): Promise<{ text: string; count: number }> {
    const notes = await this.all();
    const parts = [`# My Data Science Roadmap notes\n\n*Exported ${new Date().toISOString().slice(0, 10)}: ${notes.size} note${notes.size === 1 ? '' : 's'}.*\n`];
    for (const stage of index.roadmap.stages) {
      const topics = stage.sections.flatMap((s) => s.topics).filter((t) => notes.has(t.id));
      if (topics.length === 0) continue;
      parts.push(`\n## ${stage.title}\n`);
      for (const t of topics) {
        // The note's own headings move two levels down, under the topic's heading.
        const body = notes.get(t.id)!.replace(/^(#{1,4}) /gm, '$1## ').trim();
        parts.push(`\n### ${t.title}\n\n${body}\n`);
      }
    }
    return { text: parts.join(''), count: notes.size };
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}
