import * as assert from 'node:assert/strict';
import { settingDefaults } from '../../src/build/index';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkSettingDefaults, coerceSetting, RANGES, SETTING_KEYS, type SettingDefaults } from '../../src/core/settings';
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

  it('reads a number outside its range as the nearest bound, the bounds being package.json\'s minimum and maximum', () => {
    assert.equal(defaults.hoursPerWeek, 20);
    assert.equal(coerceSetting(defaults, 'hoursPerWeek', 35), 35);
    assert.equal(coerceSetting(defaults, 'hoursPerWeek', 0), 1);
    assert.equal(coerceSetting(defaults, 'hoursPerWeek', -5), 1);
    assert.equal(coerceSetting(defaults, 'hoursPerWeek', 500), 80);
    assert.equal(coerceSetting(defaults, 'hoursPerWeek', '30'), 20);
    const props = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.configuration.properties as Record<string, { type: string; minimum?: number; maximum?: number }>;
    const declared = Object.fromEntries(Object.entries(props).filter(([, p]) => p.type === 'number' && p.minimum !== undefined).map(([k, p]) => [k.replace(/^dsRoadmap\./, ''), [p.minimum, p.maximum]]));
    assert.deepEqual(RANGES, declared);
  });

  it('names a setting that package.json does not default', () => {
    const rest: Record<string, unknown> = { ...defaults };
    delete rest.fontSize;
    assert.deepEqual(checkSettingDefaults(rest, SETTING_KEYS), ['package.json has no default for dsRoadmap.fontSize']);
  });
});
