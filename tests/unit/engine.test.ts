import { describe, expect, it } from 'vitest';
import { analyze } from '../../rules/engine/analyze';
import { compilePack, type SourceFile } from '../../rules/pack/compilePack';
import { loadPack, readSources } from '../../rules/pack/loadPack';
import type { CompiledPack } from '../../rules/types';

const pack = loadPack('tests/fixtures/packs/mini');

/** The mini pack compiled with its rule files changed by `edit`. */
function miniPackWith(edit: (ruleFiles: SourceFile[]) => SourceFile[]): CompiledPack {
  const sources = readSources('tests/fixtures/packs/mini');
  sources.ruleFiles = edit(sources.ruleFiles);
  return compilePack(sources).pack;
}
const ids = (text: string, site?: string) => analyze(text, pack, { site }).map((f) => f.ruleId);

describe('analyze', () => {
  it('returns findings sorted by position with offsets into the original text', () => {
    const text = 'Mail jane@example.com — this is INTERNAL ONLY, and Q3 results soon.';
    const findings = analyze(text, pack);
    expect(findings.map((f) => [f.ruleId, f.text])).toEqual([
      ['privacy/email', 'jane@example.com'],
      ['confidential/internal', 'INTERNAL ONLY'],
      ['legal/results', 'Q3 results'],
    ]);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('speaks the requested locale and falls back to English', () => {
    const [fr] = analyze('internal only', pack, { locale: 'fr' });
    expect(fr!.message).toBe('Interne chez Zenith.');
    const [fallback] = analyze('connard', pack, { locale: 'fr' });
    expect(fallback!.message).toBe('Mind your words.');
  });

  it('skips rules scoped to other sites', () => {
    expect(ids('what an ass', 'www.x.com')).toContain('conduct/ass');
    expect(ids('what an ass', 'www.linkedin.com')).not.toContain('conduct/ass');
    expect(ids('what an ass')).toContain('conduct/ass');
  });

  it('matches whole words only, so innocent words never trip a term', () => {
    expect(ids('Scunthorpe classic assassin Sussex cocktail passage')).toEqual([]);
  });

  it('honours except phrases', () => {
    expect(ids('we kick ass')).toEqual([]);
    expect(ids('we kick ass, you ass')).toEqual(['conduct/ass']);
  });

  it('extends prefix terms to the whole word', () => {
    const [f] = analyze('Specs got leaked!', pack);
    expect(f!.text).toBe('leaked');
  });

  it('finds hashed names without the pack holding them', () => {
    expect(JSON.stringify(pack)).not.toMatch(/globex|falcon/i);
    const findings = analyze('Big win with GLOBEX and project falcon!', pack);
    expect(findings.map((f) => f.text)).toEqual(['GLOBEX', 'project falcon']);
  });

  it('finds hashed names whichever way the word scan reads them', () => {
    // After digits and an emoji (read out of the fast loop), stretched, in leet, after a '#'.
    const text = 'Q3 2024 🚀 Globex rocks. Glooobex again, Gl0bex too, and #globex. Project falcon!';
    expect(analyze(text, pack).filter((f) => f.ruleId === 'privacy/customer' || f.category === 'confidential').map((f) => f.text)).toEqual(
      expect.arrayContaining(['Globex', 'Glooobex', 'Gl0bex', 'globex', 'Project falcon']),
    );
    expect(analyze('Globe and Globexx and falcon project', pack).map((f) => f.ruleId)).not.toContain('privacy/customer');
  });

  it('runs patterns only near their triggers, and finds them there', () => {
    expect(ids('Q3 was great. Results tomorrow.')).toEqual([]);
    expect(analyze('Q3 was great. Our Q3 revenue doubled!', pack).map((f) => f.text)).toEqual(['Q3 revenue']);
  });

  it('requires a disclosure when promoting products', () => {
    expect(ids('Try Nova today')).toEqual(['disclosure/products']);
    expect(ids('Try Nova today #ad')).toEqual([]);
  });

  it('flags internal links and shares but not public ones', () => {
    expect(analyze('docs at wiki.zenith.com/page and file:///C:/x.txt and https://zenith.com', pack).map((f) => f.text)).toEqual([
      'wiki.zenith.com/page',
      'file:///C:/x.txt',
    ]);
  });
});

describe('links outside a list', () => {
  it('flags real outside domains, not file names', () => {
    const outside = miniPackWith(() => [
      {
        file: 'rules/outside.yaml',
        text: `rules:
  - id: security/outside
    kind: link
    category: security
    severity: tip
    policy: secrets
    message: { en: "Outside link." }
    tip: { en: "Check it." }
    hosts: [zenith.com]
    match: unlisted
    examples: { flag: [a, b], pass: [c, d] }
`,
      },
    ]);
    const texts = analyze('See evil-site.io/x, zenith.com/blog, node.js, report.pdf and http://intranet/', outside).map((f) => f.text);
    expect(texts).toEqual(['evil-site.io/x', 'http://intranet/']);
    // The local part of an email address is no link, even when it reads like a domain.
    expect(analyze('Write to jane.doe.io@example.com or ops.team.fr@zenith.com', outside).filter((f) => f.ruleId === 'security/outside')).toEqual([]);
  });
});

describe('detector allow-lists', () => {
  it('never reports an allowed value', () => {
    const allowing = miniPackWith(([first, ...rest]) => [
      { ...first!, text: first!.text.replace('    detector: privacy/email\n', '    detector: privacy/email\n    allow: [Press@Zenith.com]\n') },
      ...rest,
    ]);
    expect(analyze('Write to press@zenith.com or jane@example.com', allowing).map((f) => f.text)).toEqual(['jane@example.com']);
  });

  it('lets the words right before a term make it fine (exceptAfter), and only those', () => {
    const health = miniPackWith(() => [
      {
        file: 'rules/health.yaml',
        text: `rules:
  - id: privacy/health
    kind: terms
    category: privacy
    severity: warn
    policy: secrets
    message: { en: "Health." }
    tip: { en: "Theirs to share." }
    terms: [knee surgery, mri results, prise de sang]
    exceptAfter: [my, my own, ma, mes resultats de]
    examples:
      flag: ["Tom had [[knee surgery]]", "Tom's [[MRI results]]"]
      pass: ["after my knee surgery", "my MRI results"]
`,
      },
    ]);
    const found = (text: string) => analyze(text, health).map((f) => f.text);
    expect(found('Back after my knee surgery')).toEqual([]);
    expect(found('Back after my own knee surgery')).toEqual([]);
    expect(found('mes résultats de prise de sang sont bons')).toEqual([]);
    // Not right before: another word, a hard break, or someone else's ("colleague's").
    expect(found('my old knee surgery scar')).toEqual(['knee surgery']);
    expect(found('Fine, my. Knee surgery for Tom')).toEqual(['Knee surgery']);
    expect(found("my colleague's knee surgery")).toEqual(['knee surgery']);
    // Only the occurrence after "my": the other one still counts.
    expect(found('my knee surgery went well, and so did knee surgery for Tom')).toEqual(['knee surgery']);
    expect(found("Tom's MRI results")).toEqual(['MRI results']);
  });
});

describe('repeats', () => {
  it('reports one finding per text and category, the most severe', () => {
    const twice = miniPackWith((ruleFiles) => [
      ...ruleFiles,
      {
        file: 'rules/twice.yaml',
        text: `rules:
  - id: confidential/internal-again
    kind: terms
    category: confidential
    severity: tip
    policy: secrets
    message: { en: "Again." }
    tip: { en: "Again." }
    terms: [internal only]
    examples: { flag: [a, b], pass: [c, d] }
  - id: security/internal-too
    kind: terms
    category: security
    severity: warn
    policy: secrets
    message: { en: "Also security." }
    tip: { en: "Also." }
    terms: [internal only]
    examples: { flag: [a, b], pass: [c, d] }
`,
      },
    ]);
    expect(analyze('this is internal only', twice).map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['confidential/internal stop', 'security/internal-too warn']);
    // All of them, sorted: by position, then the most severe first. Three times makes 9 findings
    // (sorted in place by insertion), eight times 24 (by Array.prototype.sort).
    for (const times of [3, 8]) {
      const all = analyze(Array(times).fill('this is internal only.').join(' '), twice, { allFindings: true });
      expect(all.map((f) => `${f.start} ${f.ruleId} ${f.severity}`)).toEqual(
        all
          .map((f) => f.start)
          .filter((start, i, starts) => starts.indexOf(start) === i)
          .flatMap((start) => [`${start} confidential/internal stop`, `${start} security/internal-too warn`, `${start} confidential/internal-again tip`]),
      );
    }
  });
});

describe('unless terms', () => {
  it('silence a terms or pattern rule for the whole post, whatever their place', () => {
    const press = miniPackWith(() => [
      {
        file: 'rules/press.yaml',
        text: `rules:
  - id: spokesperson/press-contact
    kind: terms
    category: spokesperson
    severity: warn
    policy: secrets
    message: { en: "Route journalists." }
    tip: { en: "Forward to the press team." }
    terms: [a journalist asked me]
    unless: [press@zenith.com, the press team]
    examples: { flag: [a, b], pass: [c, d] }
  - id: spokesperson/press-quote
    kind: pattern
    category: spokesperson
    severity: warn
    policy: secrets
    message: { en: "Route journalists." }
    tip: { en: "Forward to the press team." }
    pattern: 'told (?:the|a) reporter'
    near: [[told], [reporter]]
    unless: [press@zenith.com, the press team]
    examples: { flag: [a, b], pass: [c, d] }
`,
      },
    ]);
    const rules = (text: string) => analyze(text, press).map((f) => f.ruleId);
    expect(rules('A journalist asked me about the merger. I told the reporter everything.')).toEqual(['spokesperson/press-contact', 'spokesperson/press-quote']);
    expect(rules('A journalist asked me about the merger, I passed it to press@zenith.com.')).toEqual([]);
    expect(rules('The press team will answer. I told the reporter so.')).toEqual([]);
    // Only what the rule names silences it.
    expect(rules('A journalist asked me, and I told the reporter to ask the press office.')).toEqual(['spokesperson/press-contact', 'spokesperson/press-quote']);
  });

  it('silence a detector rule for the whole post, for that analysis only', () => {
    const addresses = miniPackWith(() => [
      {
        file: 'rules/addresses.yaml',
        text: `rules:
  - id: privacy/ip-address
    kind: detector
    detector: privacy/ip-address
    category: security
    severity: warn
    policy: secrets
    message: { en: "An IP address." }
    tip: { en: "Use 192.0.2.1." }
    unless: [home router]
    examples: { flag: [a, b], pass: [c, d] }
`,
      },
    ]);
    const found = (text: string) => analyze(text, addresses).filter((f) => f.ruleId === 'privacy/ip-address').map((f) => f.text);
    expect(found('Staging answers on 10.12.0.45 again.')).toEqual(['10.12.0.45']);
    expect(found('Give the Pi 192.168.1.50 in your Home Router settings.')).toEqual([]);
    // The next post without the words is checked again.
    expect(found('The NAS answers on 192.168.1.50.')).toEqual(['192.168.1.50']);
  });
});

describe('a pattern\'s trigger groups', () => {
  it('run it only in a sentence that holds a term of each, whatever its shape', () => {
    const scoops = miniPackWith(() => [
      {
        file: 'rules/scoops.yaml',
        text: `rules:
  - id: confidential/scoops
    kind: pattern
    category: confidential
    severity: warn
    policy: secrets
    message: { en: "Keep the roadmap in." }
    tip: { en: "Wait for the launch." }
    pattern: '(?i)roadmap\\b.*'
    near: [[roadmap], [leak*, our next release], [today, soon]]
    examples: { flag: [a, b], pass: [c, d] }
`,
      },
    ]);
    const found = (text: string) => analyze(text, scoops).map((f) => f.text);
    // A prefix term, a phrase and stretched words ("sooooon" reads "son", and "soon" with runs capped at two) stand for their groups.
    expect(found('Roadmap leaked today')).toEqual(['Roadmap leaked today']);
    expect(found('The roadmap of our next release, soon!')).toEqual(['roadmap of our next release, soon!']);
    expect(found('Roadmap LEAAAKS sooooon')).toEqual(['Roadmap LEAAAKS sooooon']);
    // A group missing, or only in another sentence, or only part of a phrase.
    expect(found('Roadmap leaked, sadly.')).toEqual([]);
    expect(found('Roadmap review today. Leaks fixed.')).toEqual([]);
    expect(found('The roadmap of our next steps today')).toEqual([]);
  });
});

describe('a pattern with a (?P<span>…) group', () => {
  it('reports only that group, and nothing when its branch did not match', () => {
    const pay = miniPackWith(() => [
      {
        file: 'rules/pay.yaml',
        text: `rules:
  - id: privacy/pay
    kind: pattern
    category: privacy
    severity: warn
    policy: secrets
    message: { en: "Their pay is theirs to share." }
    tip: { en: "Share your own figure." }
    pattern: '(?P<span>colleague [A-Z][a-z]+: \\d+k)(?: \\(|,)|colleague [A-Z][a-z]+ earns well'
    near: [[colleague]]
    examples: { flag: [a, b], pass: [c, d] }
`,
      },
    ]);
    const spans = (text: string) => analyze(text, pay).map((f) => [f.text, text.slice(f.start, f.end)]);
    expect(spans('Thread: my colleague Sam: 107k (she negotiated).')).toEqual([['colleague Sam: 107k', 'colleague Sam: 107k']]);
    expect(spans('Pay: colleague Sam: 107k, colleague Ana: 98k (both L4).')).toEqual([
      ['colleague Sam: 107k', 'colleague Sam: 107k'],
      ['colleague Ana: 98k', 'colleague Ana: 98k'],
    ]);
    // The other branch matches, but holds no span: nothing to show.
    expect(spans('My colleague Sam earns well, good for him.')).toEqual([]);
    expect(spans('My colleague Sam: 107k steps a day.')).toEqual([]);
  });
});
