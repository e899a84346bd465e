import * as assert from 'node:assert/strict';
import { settingDefaults } from '../../src/build/index';
import { checkSettingDefaults, coerceSetting, SETTING_KEYS, type SettingDefaults } from '../../src/core/settings';
import { ROOT } from './fixtures';

describe('settings: one typed module, defaults from package.json', () => {
  const defaults = settingDefaults(ROOT) as unknown as SettingDefaults;

  it('package.json gives a default for every setting the code reads, and the code reads every contributed setting', () => {
    assert.deepEqual(checkSettingDefaults(defaults, SETTING_KEYS), []);
    assert.deepEqual(Object.keys(defaults).sort(), [...SETTING_KEYS].sort());
  });

  it('reads the defaults package.json declares', () => {
    assert.equal(defaults.exercisesFolder, 'exercises');
    assert.equal(defaults.fontSize, 14);
    assert.equal(defaults['progress.scope'], 'workspace');
    assert.equal(defaults['topicPage.reuse'], true);
  });

  it('keeps a valid configured value', () => {
    assert.equal(coerceSetting(defaults, 'fontSize', 18), 18);
    assert.equal(coerceSetting(defaults, 'progress.scope', 'global'), 'global');
    assert.equal(coerceSetting(defaults, 'exercisesFolder', 'practice/ds'), 'practice/ds');
  });

  it('reads a value of the wrong type, outside its enum, missing or not finite as the default', () => {
    assert.equal(coerceSetting(defaults, 'fontSize', '18'), 14);
    assert.equal(coerceSetting(defaults, 'fontSize', Number.NaN), 14);
    assert.equal(coerceSetting(defaults, 'fontSize', Infinity), 14);
    assert.equal(coerceSetting(defaults, 'topicPage.reuse', 'yes'), true);
    assert.equal(coerceSetting(defaults, 'progress.scope', 'everywhere'), 'workspace');
    assert.equal(coerceSetting(defaults, 'exercisesFolder', undefined), 'exercises');
    assert.equal(coerceSetting(defaults, 'pythonPath', null), '');
  });

  it('names a setting that package.json does not default', () => {
    const rest: Record<string, unknown> = { ...defaults };
    delete rest.fontSize;
    assert.deepEqual(checkSettingDefaults(rest, SETTING_KEYS), ['package.json has no default for dsRoadmap.fontSize']);
  });
});
