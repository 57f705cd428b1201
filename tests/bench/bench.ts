// `npm run bench`: Postguard's analysis speed against the targets, and against other checkers
// run on the same posts in the same process. Prints Markdown tables for the README; progress
// goes to stderr.
import { cpus } from 'node:os';
import { text as alexText } from 'alex';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { SyncRedactor } from 'redact-pii';
import { analyze } from '../../rules/engine/analyze';
import { createWords, emptyWordFilter, scanWords } from '../../rules/engine/words';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';
import type { CompiledPack, Locale } from '../../rules/types';
import { createRandom } from '../support/createRandom';
import { benchJsonl, EXPORT_POSTS } from './jsonl';
import { makeLexiconRule } from './makeLexiconRule';
import { asReceived, makePost } from './makePost';
import { FULL_SPEED_RATIO, machineSpeed, measuredWork, measureTogether, type PhasedTiming, type Timing } from './measure';
import { warmUpLikeRealUse } from './warmUpLikeRealUse';

const TARGET = { medianMicros: 50, timesFaster: 20, lexiconGrowth: 2, lengthGrowth: 1.5, jsonlMicrosPerPost: 75 };
const LANGUAGES: Locale[] = ['en', 'fr'];
const VARIANTS = [1, 2, 3, 4];
const LEXICON_SIZES = [10, 100, 1_000, 10_000];
const TEXT_LENGTHS = [1_000, 3_000, 30_000];
/** Each tool's slice of a round: a few hundred of Postguard's calls, one of alex's. */
const TOOL_SLICE_MS = 20;

const progress = (message: string) => process.stderr.write(`${message}\n`);
/** A table cell; '–' when no call was timed (a phase with no full-speed slice). */
const micros = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0));
const times = (value: number) => (Number.isNaN(value) ? '–' : `${value < 10 ? value.toFixed(1) : value.toFixed(0)}×`);
const verdict = (met: boolean) => (met ? 'met' : '**missed**');
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

const pack = loadPack(DEFAULT_PACK_DIR);
const ropes = Object.fromEntries(LANGUAGES.map((language) => [language, VARIANTS.map((seed) => makePost(language, 3000, seed))])) as Record<Locale, string[]>;
const posts = Object.fromEntries(LANGUAGES.map((language) => [language, ropes[language].map(asReceived)])) as Record<Locale, string[]>;

const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const redactor = new SyncRedactor();
interface Tool {
  name: string;
  run: (text: string, language: Locale) => unknown;
}
const postguard: Tool = { name: 'Postguard `analyze()`, default pack', run: (text, language) => analyze(text, pack, { locale: language }) };
const others: Tool[] = [
  { name: 'alex 11 `text()`', run: (text) => alexText(text).messages },
  { name: 'obscenity 0.4 `getAllMatches()`, English preset', run: (text) => obscenity.getAllMatches(text) },
  { name: 'redact-pii 3.4 `SyncRedactor.redact()`', run: (text) => redactor.redact(text) },
];

// First, while this process has run nothing else: its in-process `analyze()` mean is then comparable to the CLI's.
progress(`timing postguard check --jsonl end to end (${EXPORT_POSTS.toLocaleString('en')} posts), on the default threads and on one`);
const jsonl = benchJsonl();
const jsonlOneThread = benchJsonl(EXPORT_POSTS, 3, ['--threads', '1'], false);

progress('warming the engine up on texts of every shape real use gives it');
const warmUpFindings = warmUpLikeRealUse(pack, [...posts.en, ...posts.fr]);

progress('timing the four tools on EN and FR posts, interleaved');
const speedBefore = machineSpeed();
// Postguard also on the same posts as built (ropes), to show what the string's shape costs.
const onRopes: Tool = { name: 'Postguard `analyze()`, same posts as ropes (built by `+`)', run: postguard.run };
const tools = [postguard, onRopes, ...others];
const toolTimings = measureTogether(
  tools.flatMap((tool) => LANGUAGES.map((language) => ({ run: (text: string) => tool.run(text, language), inputs: (tool === onRopes ? ropes : posts)[language] }))),
  { rounds: 120, sliceMs: TOOL_SLICE_MS },
);
const speedAfter = machineSpeed();
const phasedTimings = new Map<Tool, Record<Locale, PhasedTiming>>(
  tools.map((tool, t) => [tool, Object.fromEntries(LANGUAGES.map((language, l) => [language, toolTimings[t * LANGUAGES.length + l]!])) as Record<Locale, PhasedTiming>]),
);
// The targets are judged on the calls made at full speed, when every subject had enough of them:
// 100 for Postguard, whose calls are short, and 3 for the other tools (alex takes 24-43 ms a
// call, longer than a slice: its calls straddle more phase changes, and it is never the fastest).
const MIN_FULL_SPEED_CALLS = 100;
const MIN_FULL_SPEED_CALLS_OTHERS = 3;
const atFullSpeed = (list: PhasedTiming[], isOurs = (_index: number) => true) =>
  list.every((timing, index) => timing.fullSpeed.calls >= (isOurs(index) ? MIN_FULL_SPEED_CALLS : MIN_FULL_SPEED_CALLS_OTHERS));
/** The timings a table is read from: those of the calls made at full speed, when every subject had enough of them. */
const judged = (list: PhasedTiming[]): Timing[] => (atFullSpeed(list) ? list.map((timing) => timing.fullSpeed) : list);
// Subjects 0 to 3: Postguard on flat strings and on ropes, EN and FR.
const judgedAtFullSpeed = atFullSpeed(toolTimings, (index) => index < 2 * LANGUAGES.length);
const pick = (phase: 'fullSpeed' | 'all') =>
  new Map<Tool, Record<Locale, Timing>>(
    [...phasedTimings].map(([tool, byLanguage]) => [
      tool,
      Object.fromEntries(LANGUAGES.map((language) => [language, phase === 'all' ? byLanguage[language] : byLanguage[language].fullSpeed])) as Record<Locale, Timing>,
    ]),
  );
const timings = pick(judgedAtFullSpeed ? 'fullSpeed' : 'all');
const ours = timings.get(postguard)!;
const oursAll = pick('all').get(postguard)!;

progress('timing lexicon sizes');
const lexiconPacks = LEXICON_SIZES.map((size) => {
  const rule = makeLexiconRule(size, 42);
  const random = createRandom(size);
  // Two lexicon words per post, so the rule has something to find.
  const texts = posts.en.map((post) => {
    const words = [0, 1].map(() => rule.terms[Math.floor(random() * rule.terms.length)]!.replace(/\*$/, 'ing'));
    const middle = post.indexOf(' ', post.length / 2);
    return `${post.slice(0, middle)} Shout-out to the ${words[0]} crew.${post.slice(middle, -80)} Next stop: ${words[1]}.`;
  });
  const lexiconOnly: CompiledPack = { ...pack, rules: [rule] };
  const withDefault: CompiledPack = { ...pack, rules: [...pack.rules, rule] };
  const found = analyze(texts[0]!, lexiconOnly).filter((finding) => finding.ruleId === rule.id).length;
  if (found === 0) progress(`warning: the ${size}-term lexicon found nothing in its text`);
  return { size, lexiconOnly, withDefault, texts };
});
const lexiconTimings = measureTogether(
  lexiconPacks.flatMap(({ lexiconOnly, withDefault, texts }) => [lexiconOnly, withDefault].map((lexiconPack) => ({ run: (text: string) => analyze(text, lexiconPack), inputs: texts }))),
);
const lexiconJudged = judged(lexiconTimings);
const lexiconRows = lexiconPacks.map(({ size }, k) => ({ size, lexiconOnly: lexiconJudged[2 * k]!, withDefault: lexiconJudged[2 * k + 1]! }));

progress('timing text lengths');
const lengthTexts = TEXT_LENGTHS.map((length) => VARIANTS.map((seed) => asReceived(makePost(seed % 2 === 1 ? 'en' : 'fr', length, seed))));
const lengthTimings = measureTogether(lengthTexts.map((texts) => ({ run: (text: string) => analyze(text, pack), inputs: texts })));
const lengthJudged = judged(lengthTimings);
const lengthRows = TEXT_LENGTHS.map((length, k) => {
  const texts = lengthTexts[k]!;
  const averageLength = texts.reduce((sum, text) => sum + text.length, 0) / texts.length;
  const timing = lengthJudged[k]!;
  return { length, timing, perThousand: (timing.median * 1000) / averageLength };
});

// The 3,000-character posts are longer than the model reads (`maxWords`): it costs them nothing.
// Shorter posts, most of what people write, are read by it; this times that, against the same
// pack with the model reading nothing.
progress('timing short posts, which the model reads');
const SHORT_POST_LENGTH = 700;
const shortTexts = LANGUAGES.map((language) => VARIANTS.map((seed) => asReceived(makePost(language, SHORT_POST_LENGTH, seed))));
const modelSilent: CompiledPack = pack.model ? { ...pack, model: { ...pack.model, maxWords: 0 } } : pack;
const shortTimings = measureTogether(
  LANGUAGES.flatMap((language, l) => [pack, modelSilent].map((shortPack) => ({ run: (text: string) => analyze(text, shortPack, { locale: language }), inputs: shortTexts[l]! }))),
);
const shortJudged = judged(shortTimings);
// Words as the engine counts them, which is what the model's limit counts.
const scanned = createWords();
const noTerms = emptyWordFilter();
const wordCounts = shortTexts.flat().map((text) => {
  scanWords(text, scanned, noTerms);
  return scanned.count;
});
if (pack.model && Math.max(...wordCounts) > pack.model.maxWords) progress(`warning: some short posts are longer than the model reads (${pack.model.maxWords} words)`);

const termCount = pack.rules.reduce((sum, rule) => sum + (rule.kind === 'terms' ? rule.terms.length : 0), 0);
const lines: string[] = [];
const print = (line = '') => lines.push(line);

print(`### Postguard benchmark`);
print();
print(`Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'unknown CPU'} (${cpus().length} cores). Default pack ${pack.version}: ${pack.rules.length} rules, ${termCount} terms.`);
print(
  `Machine speed: a plain loop hashing the words of 3,000 characters took ${micros(speedBefore.words)} µs (median) over the second before the four tools were timed and ${micros(speedAfter.words)} µs over the second after (about 9 when the core's other hardware thread is idle, 16-20 when it is busy), ` +
    `and ran at full speed in ${Math.round(100 * speedBefore.fullSpeedShare)}% and ${Math.round(100 * speedAfter.fullSpeedShare)}% of its calls; ` +
    `a chain of 3,000 dependent multiplications, which the other thread does not slow, took ${micros(speedBefore.chain)} and ${micros(speedAfter.chain)} µs.`,
);
print(`Posts: ${VARIANTS.length} seeded variants per language of about 3,000 characters of corporate prose with numbers, hashtags and emoji, and one email, one profanity and one confidentiality phrase each.`);
print();
const printToolTable = (byTool: Map<Tool, Record<Locale, Timing>>) => {
  const base = byTool.get(postguard)!;
  print(row(['Tool', 'EN median', 'EN p95', 'EN ×', 'FR median', 'FR p95', 'FR ×', 'calls']));
  print(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const [tool, byLanguage] of byTool) {
    const cells = LANGUAGES.flatMap((language) => {
      const timing = byLanguage[language];
      return [micros(timing.median), micros(timing.p95), tool === postguard ? '1×' : times(timing.median / base[language].median)];
    });
    print(row([tool.name, ...cells, LANGUAGES.map((language) => byLanguage[language].calls.toLocaleString('en')).join(' / ')]));
  }
};
const share = (timing: PhasedTiming) => `${Math.round((100 * timing.fullSpeed.calls) / timing.calls)}%`;
const ourPhased = phasedTimings.get(postguard)!;
print('#### One 3,000-character post, µs per analysis, calls made at full speed (× = tool median / Postguard median)');
print();
print(
  `Every tool runs in slices of ${TOOL_SLICE_MS} ms, interleaved; each slice is bracketed by the machine's probes, and its calls count as made at full speed when both read the throughput loop at most ${FULL_SPEED_RATIO}× the latency loop (the core's other hardware thread idle). ` +
    `That was ${share(ourPhased.en)} of Postguard's EN calls and ${share(ourPhased.fr)} of its FR calls. ` +
    (judgedAtFullSpeed
      ? 'The targets below are judged on this table.'
      : `Postguard had fewer than ${MIN_FULL_SPEED_CALLS} such calls or another tool fewer than ${MIN_FULL_SPEED_CALLS_OTHERS}, so the targets below are judged on all calls.`),
);
print();
printToolTable(pick('fullSpeed'));
print();
print('#### The same, all calls (whatever the other hardware thread did)');
print();
printToolTable(pick('all'));
print();
print('Posts are flat strings, as a composer or `JSON.parse` hands them over; the ropes row times the same posts as `makePost` builds them. Before timing, the engine ran on texts of every shape real use gives it (one- and two-byte, sliced, built by `+`, parsed; see warmUpLikeRealUse.ts).');
print();
print('alex, obscenity and redact-pii check English only; they run on the French posts for timing.');
for (const language of LANGUAGES) {
  const found = analyze(posts[language][0]!, pack, { locale: language }).map((finding) => finding.ruleId);
  print(`Postguard findings on ${language.toUpperCase()} post 1: ${found.join(', ') || 'none'}.`);
}
print();
print(`#### Lexicon size (one \`terms\` rule of N pseudo-words; EN post), median µs, ${atFullSpeed(lexiconTimings) ? 'calls made at full speed' : 'all calls'}`);
print();
print(row(['Terms', 'Lexicon rule alone', '× vs 10 terms', 'Default pack + lexicon', '× vs 10 terms']));
print(row(['---:', '---:', '---:', '---:', '---:']));
const [smallest] = lexiconRows;
for (const { size, lexiconOnly, withDefault } of lexiconRows) {
  print(row([size.toLocaleString('en'), micros(lexiconOnly.median), times(lexiconOnly.median / smallest!.lexiconOnly.median), micros(withDefault.median), times(withDefault.median / smallest!.withDefault.median)]));
}
print();
print(`#### Text length (default pack), µs, ${atFullSpeed(lengthTimings) ? 'calls made at full speed' : 'all calls'}`);
print();
print(row(['Characters', 'Median', 'p95', 'Median per 1,000 chars']));
print(row(['---:', '---:', '---:', '---:']));
for (const { length, timing, perThousand } of lengthRows) print(row([length.toLocaleString('en'), micros(timing.median), micros(timing.p95), micros(perThousand)]));
print();
print(`#### Short posts, which the model reads (default pack), µs, ${atFullSpeed(shortTimings) ? 'calls made at full speed' : 'all calls'}`);
print();
print(
  `${VARIANTS.length} posts per language of about ${SHORT_POST_LENGTH} characters (${Math.min(...wordCounts)}-${Math.max(...wordCounts)} words; the model reads texts of up to ${pack.model?.maxWords ?? 0} words), ` +
    'against the same pack with its model reading nothing.',
);
print();
print(row(['Posts', 'Median', 'p95', 'Model reading nothing', "Model's share"]));
print(row(['---', '---:', '---:', '---:', '---:']));
LANGUAGES.forEach((language, l) => {
  const [withModel, without] = [shortJudged[2 * l]!, shortJudged[2 * l + 1]!];
  print(row([language.toUpperCase(), micros(withModel.median), micros(withModel.p95), micros(without.median), `${Math.round((100 * (withModel.median - without.median)) / withModel.median)}%`]));
});
print();
print('#### `postguard check --jsonl`, end to end');
print();
print(
  `${jsonl.posts.toLocaleString('en')} posts of 3,000 characters (EN and FR) from a file: ${jsonl.totalMs.toFixed(0)} ms, and ` +
    `${jsonl.fifthMs.toFixed(0)} ms for their first fifth. Each post past the fifth adds **${micros(jsonl.microsPerPost)} µs**, ` +
    `start-up excluded (${jsonl.startupMs.toFixed(0)} ms a run: tsx, loading the pack, starting the worker threads, and the engine's ` +
    `first posts, which run before V8 has optimised its code). ` +
    `\`analyze()\` alone averages ${micros(jsonl.analyzeMicrosPerPost)} µs a post on the same posts (one pass, one thread, in this process). ` +
    `That is with the default threads (one per core: ${Math.min(cpus().length, 8)} here); with \`--threads 1\` it is ${micros(jsonlOneThread.microsPerPost)} µs per post. ` +
    `Counted as sessions up to 15 did, an empty file's run (${jsonl.emptyMs.toFixed(0)} ms) subtracted from the whole, it is ` +
    `${micros(jsonl.microsPerPostEmptySubtracted)} µs (${micros(jsonlOneThread.microsPerPostEmptySubtracted)} on one thread): an empty file ` +
    `neither waits for the worker threads nor runs the engine, so that count charges their start-up and the engine's warm-up to the posts.`,
);
print();

const fastestOther = (language: Locale) =>
  others.map((tool) => ({ tool, median: timings.get(tool)![language].median })).reduce((best, next) => (next.median < best.median ? next : best));
const speedups = LANGUAGES.map((language) => {
  const { tool, median } = fastestOther(language);
  return { language, tool, ratio: median / ours[language].median };
});
const lexiconGrowth = lexiconRows.at(-1)!.lexiconOnly.median / smallest!.lexiconOnly.median;
const lexiconGrowthWithDefault = lexiconRows.at(-1)!.withDefault.median / smallest!.withDefault.median;
const perThousandAt = (length: number) => lengthRows.find((entry) => entry.length === length)!.perThousand;
const lengthGrowth = perThousandAt(30_000) / perThousandAt(3_000);
const worstMedian = Math.max(...LANGUAGES.map((language) => ours[language].median));

print('#### Targets');
print();
print(row(['Target', 'Measured', 'Verdict']));
print(row(['---', '---', '---']));
print(
  row([
    `Median ≤ ${TARGET.medianMicros} µs per 3,000 characters`,
    LANGUAGES.map((language) => `${language.toUpperCase()} ${micros(ours[language].median)} µs`).join(', ') +
      (judgedAtFullSpeed ? ` at full speed (all calls: ${LANGUAGES.map((language) => `${micros(oursAll[language].median)}`).join(' / ')} µs)` : ' (all calls)'),
    verdict(worstMedian <= TARGET.medianMicros),
  ]),
);
print(
  row([
    `≥ ${TARGET.timesFaster}× faster than the fastest other tool`,
    speedups.map(({ language, tool, ratio }) => `${language.toUpperCase()} ${times(ratio)} (vs ${tool.name.split(' ')[0]})`).join(', ') +
      (judgedAtFullSpeed ? ` at full speed (all calls: ${LANGUAGES.map((language) => times(pick('all').get(fastestOther(language).tool)![language].median / oursAll[language].median)).join(' / ')})` : ' (all calls)'),
    verdict(speedups.every(({ ratio }) => ratio >= TARGET.timesFaster)),
  ]),
);
print(
  row([
    `10 → 10,000 lexicon terms costs ≤ ${TARGET.lexiconGrowth}×`,
    `${times(lexiconGrowth)} (rule alone), ${times(lexiconGrowthWithDefault)} (with the default pack)`,
    verdict(lexiconGrowth <= TARGET.lexiconGrowth && lexiconGrowthWithDefault <= TARGET.lexiconGrowth),
  ]),
);
print(
  row([
    `Linear in text length (µs per 1,000 chars at 30,000 ≤ ${TARGET.lengthGrowth}× that at 3,000)`,
    `${TEXT_LENGTHS.map((length) => `${micros(perThousandAt(length))}`).join(' / ')} µs per 1,000 chars at ${TEXT_LENGTHS.map((length) => length.toLocaleString('en')).join(' / ')}: ${times(lengthGrowth)}`,
    verdict(lengthGrowth <= TARGET.lengthGrowth),
  ]),
);
print(
  row([
    `\`check --jsonl\` ≤ ${TARGET.jsonlMicrosPerPost} µs per 3,000-char post, start-up excluded`,
    `${micros(jsonl.microsPerPost)} µs`,
    verdict(jsonl.microsPerPost <= TARGET.jsonlMicrosPerPost),
  ]),
);

process.stdout.write(lines.join('\n') + '\n');
if (measuredWork() + warmUpFindings < 0) process.stdout.write('unreachable\n');
