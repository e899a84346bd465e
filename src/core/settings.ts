/**
 * The extension's settings, typed: every `dsRoadmap.*` key with the type of its value. The
 * defaults are not written here: the build reads them from package.json (the one place VS Code
 * shows them) and inlines them, so code, docs and the Settings editor can never disagree.
 */
export interface SettingValues {
  readonly exercisesFolder: string;
  readonly notesFolder: string;
  readonly fontSize: number;
  readonly 'topicPage.reuse': boolean;
  readonly 'statusBar.enabled': boolean;
  readonly pythonPath: string;
  readonly 'progress.scope': 'workspace' | 'global';
  readonly 'check.timeoutSeconds': number;
  readonly hoursPerWeek: number;
}

export type SettingKey = keyof SettingValues;
export type SettingDefaults = { readonly [K in SettingKey]: SettingValues[K] };

/** The section every key lives under. */
export const SETTINGS_SECTION = 'dsRoadmap';

/** Allowed values of the enum settings; anything else reads as the default. */
const ENUMS: { readonly [K in SettingKey]?: readonly SettingValues[K][] } = {
  'progress.scope': ['workspace', 'global'],
};

/** The bounds of the number settings (package.json's minimum and maximum): a value outside reads as the nearest bound. */
export const RANGES: { readonly [K in SettingKey]?: readonly [number, number] } = {
  fontSize: [10, 32],
  'check.timeoutSeconds': [5, 3600],
  hoursPerWeek: [1, 80],
};

/**
 * A raw configured value as the type the code expects: a value of the wrong type, or outside an
 * enum, reads as the default (a hand-edited settings.json must not break a feature).
 */
export function coerceSetting<K extends SettingKey>(defaults: SettingDefaults, key: K, raw: unknown): SettingValues[K] {
  const fallback = defaults[key];
  if (raw === undefined || raw === null || typeof raw !== typeof fallback) return fallback;
  if (typeof raw === 'number' && !Number.isFinite(raw)) return fallback;
  const allowed = ENUMS[key] as readonly unknown[] | undefined;
  if (allowed && !allowed.includes(raw)) return fallback;
  const range = RANGES[key];
  if (range && typeof raw === 'number') return Math.min(range[1], Math.max(range[0], raw)) as SettingValues[K];
  return raw as SettingValues[K];
}

/** Checks that package.json's defaults cover every key with the right type (the build and tests call it). */
export function checkSettingDefaults(defaults: Readonly<Record<string, unknown>>, keys: readonly SettingKey[]): string[] {
  const problems: string[] = [];
  for (const k of keys) if (!(k in defaults)) problems.push(`package.json has no default for ${SETTINGS_SECTION}.${k}`);
  return problems;
}

/** Every key, for the check above. */
export const SETTING_KEYS: readonly SettingKey[] = ['exercisesFolder', 'notesFolder', 'fontSize', 'topicPage.reuse', 'statusBar.enabled', 'pythonPath', 'progress.scope', 'check.timeoutSeconds', 'hoursPerWeek'];
