import vscode = require('vscode');
import { coerceSetting, SETTINGS_SECTION, type SettingDefaults, type SettingKey, type SettingValues } from '../core/settings';

/** package.json's defaults, inlined by the build (src/build/index.ts `settingDefaults`). */
declare const __SETTING_DEFAULTS__: SettingDefaults;

/** The one way the extension reads a setting: typed, with package.json's default. */
export function setting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingValues[K] {
  return coerceSetting(__SETTING_DEFAULTS__, key, vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get<unknown>(key));
}

/** Whether a configuration change touches this setting. */
export function affects(e: vscode.ConfigurationChangeEvent, key: SettingKey): boolean {
  return e.affectsConfiguration(`${SETTINGS_SECTION}.${key}`);
}
