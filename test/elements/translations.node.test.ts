// The built-in languages: each says every string English has (and nothing
// else), in its own words, with its own number, plural and list rules; a page's
// language tag picks the right one or none.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MESSAGES } from '../../src/elements/messages.ts';
import { DEFAULT_TOOLBAR_MESSAGES } from '../../src/elements/toolbar-messages.ts';
import { DEFAULT_ACCOUNT_MESSAGES } from '../../src/elements/accounts/account-messages.ts';
import { DEFAULT_CHOSEN_MESSAGES } from '../../src/elements/chosen/chosen-messages.ts';
import { DEFAULT_CLAMP_MESSAGES } from '../../src/elements/clamp-messages.ts';
import { BUILT_IN_LANGUAGES, builtInLanguage } from '../../src/elements/language.ts';
import { formats } from '../../src/elements/translations/formats.ts';

const ENGLISH: Record<string, unknown> = { ...DEFAULT_MESSAGES, ...DEFAULT_TOOLBAR_MESSAGES, ...DEFAULT_ACCOUNT_MESSAGES, ...DEFAULT_CHOSEN_MESSAGES, ...DEFAULT_CLAMP_MESSAGES };

/** Arguments like the widget's own, for the messages that take some; any other takes two titles. */
const ARGS: Record<string, unknown[]> = {
  noMatch: [['messaging', 'crm']],
  loadingMore: [1200, 3400],
  busyRetrying: [12],
  announceLoaded: [1200],
  facet: ['messaging', 3],
  results: [12, 1200],
  showAccounts: [3],
  removeAccountInUse: [['Slack alerts', 'Daily digest']],
  announceAccounts: [3],
  error: ['network', 'Could not reach the integrations service.'],
};
const argsOf = (key: string) => ARGS[key] ?? ['Slack alerts', 'Slack'];

describe('built-in languages', () => {
  const languages = Object.keys(BUILT_IN_LANGUAGES);

  test('are German, Spanish, French, Japanese and Portuguese (Brazilian)', () => {
    assert.deepEqual(languages.sort(), ['de', 'es', 'fr', 'ja', 'pt']);
  });

  for (const code of languages) {
    test(`${code} has every key English has, of the same kind, and no other`, async () => {
      const { default: translation } = await BUILT_IN_LANGUAGES[code]!();
      const messages: Record<string, unknown> = translation(formats(code));
      const missing = Object.keys(ENGLISH).filter((key) => !(key in messages));
      assert.deepEqual(missing, [], `${code} lacks ${missing.join(', ')}`);
      assert.deepEqual(Object.keys(messages).filter((key) => !(key in ENGLISH)), [], `${code} has keys English does not`);
      for (const [key, english] of Object.entries(ENGLISH)) {
        assert.equal(typeof messages[key], typeof english, `${code}.${key} is a ${typeof messages[key]}, English's a ${typeof english}`);
      }
    });

    test(`${code} says every string in its own words, with the arguments filled in`, async () => {
      const { default: translation } = await BUILT_IN_LANGUAGES[code]!();
      const messages: Record<string, unknown> = translation(formats(code));
      let same = 0;
      for (const [key, value] of Object.entries(messages)) {
        const text = typeof value === 'function' ? (value as (...args: unknown[]) => unknown)(...argsOf(key)) : value;
        assert.equal(typeof text, 'string', `${code}.${key}`);
        assert.ok((text as string).trim(), `${code}.${key} is empty`);
        assert.doesNotMatch(text as string, /undefined|NaN|\[object|#/, `${code}.${key}: "${text}"`);
        const english = ENGLISH[key];
        if (text === (typeof english === 'function' ? english(...argsOf(key)) : english)) same++;
      }
      // A few words are the same in both (Status, Tags, Filter…); a language that is mostly English is not one.
      assert.ok(same <= 6, `${code} says ${same} strings exactly as English does`);
    });
  }

  test('numbers, plurals and lists follow the language', async () => {
    const de = (await BUILT_IN_LANGUAGES.de!()).default(formats('de'));
    assert.equal(de.announceLoaded(1), '1 Integration geladen.');
    assert.equal(de.announceLoaded(1200), '1.200 Integrationen geladen.');
    assert.equal(de.results(12, 1200), '12 von 1.200 Integrationen angezeigt');
    assert.equal(de.noMatch(['crm']), 'Keine Integration hat den Tag crm.');
    assert.equal(de.noMatch(['crm', 'sales']), 'Keine Integration hat die Tags crm und sales.');
    const fr = (await BUILT_IN_LANGUAGES.fr!()).default(formats('fr'));
    // French counts 0 and 1 as one, and groups thousands its own way (a narrow no-break space).
    assert.equal(fr.announceLoaded(0), '0 intégration chargée.');
    assert.equal(fr.announceLoaded(1200), `${new Intl.NumberFormat('fr').format(1200)} intégrations chargées.`);
    assert.notEqual(new Intl.NumberFormat('fr').format(1200), '1200');
    const ja = (await BUILT_IN_LANGUAGES.ja!()).default(formats('ja'));
    assert.equal(ja.removeAccountInUse(['Slack alerts', 'Daily digest']).startsWith('Slack alerts、Daily digest で使用中'), true);
    const ptBR = (await BUILT_IN_LANGUAGES.pt!()).default(formats('pt-BR'));
    assert.equal(ptBR.showAccounts(1200), 'Contas conectadas (1.200)');
    // The page's own variant picks the number format: Swiss German groups with an apostrophe, not a dot.
    const swiss = (await BUILT_IN_LANGUAGES.de!()).default(formats('de-CH')).showAccounts(1200);
    assert.equal(swiss, `Verbundene Konten (${new Intl.NumberFormat('de-CH').format(1200)})`);
    assert.notEqual(swiss, de.showAccounts(1200));
  });

  test('a page’s language tag picks a built-in language by its primary subtag, or none', () => {
    assert.equal(builtInLanguage('de'), BUILT_IN_LANGUAGES.de);
    assert.equal(builtInLanguage('de-AT'), BUILT_IN_LANGUAGES.de);
    assert.equal(builtInLanguage('DE_de'), BUILT_IN_LANGUAGES.de);
    assert.equal(builtInLanguage('pt-PT'), BUILT_IN_LANGUAGES.pt);
    assert.equal(builtInLanguage('ja-JP'), BUILT_IN_LANGUAGES.ja);
    for (const english of ['', 'en', 'en-US', 'tlh', 'constructor', '__proto__']) assert.equal(builtInLanguage(english), undefined, english);
  });

  test('a tag Intl refuses still formats, by the language’s own rules', () => {
    const f = formats('de_DE', 'de');
    assert.equal(f.locale, 'de');
    assert.equal(f.n(1200), '1.200');
  });
});
