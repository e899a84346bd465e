import { readBundledData } from '../../core/roadmap/bundledData';
import { defaultExercise, type Exercise } from '../../core/exercises/exerciseModel';
import type { Topic } from '../../core/roadmap/model';
import type { Log } from '../log';

/**
 * The authored exercises (`dist/data/exercises.json.br`, read on first use); a topic without one
 * gets its reflection exercise.
 */
export class ExerciseCatalog {
  private loading: Promise<ReadonlyMap<string, Exercise>> | undefined;

  constructor(private readonly extensionPath: string, private readonly log: Log) {}

  async exerciseFor(topic: Topic): Promise<Exercise> {
    this.loading ??= this.load();
    return (await this.loading).get(topic.id) ?? defaultExercise(topic);
  }

  private async load(): Promise<ReadonlyMap<string, Exercise>> {
    try {
      const text = await readBundledData(this.extensionPath, 'exercises.json');
      const data = JSON.parse(text) as { version: number; exercises: Record<string, Exercise> };
      return new Map(Object.entries(data.exercises ?? {}));
    } catch (e) {
      this.log.error(`exercises: could not read the built-in exercises (${(e as Error).message}); every topic falls back to its reflection exercise`);
      return new Map();
    }
  }
}
