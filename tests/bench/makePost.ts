import type { Locale } from '../../rules/types';
import { createRandom } from '../support/createRandom';

/** Ordinary corporate prose: what most posts are made of. */
const PROSE: Record<Locale, string[]> = {
  en: [
    'This quarter our team shipped 14 releases and cut the average page load time from 2.4 s to 1.1 s.',
    'I am proud of how the support crew handled the 38% jump in tickets after the spring launch 🚀',
    'We spent three days in Lyon with customers, listening more than talking, and came back with a long list of ideas.',
    'Huge thanks to everyone who joined the hackathon: 62 people, 19 projects and far too much pizza 🍕',
    'Our new onboarding flow is live, and early numbers show 27% more people finishing their first project.',
    'If you are in Berlin on 12 June, come say hello at booth B14; we will demo the new dashboards.',
    'Mentoring two junior engineers this year taught me more about clear writing than any course ever did.',
    'Accessibility is not a feature you add at the end, it is a habit you build into every sprint. #a11y',
    'The keynote recording is now online, with captions in English, French and German.',
    'We planted 1,200 trees with our partners this year, one for every volunteer hour logged by the team 🌱',
    'Reading the customer interviews again reminded me why we started building this product in 2019.',
    'Our data team rebuilt the reporting pipeline, so the weekly report now arrives on Monday at 8:00 instead of Wednesday.',
    'Three lessons from running a remote team across five time zones: write things down, over-communicate, and protect focus time.',
    'Congratulations to Priya, Tom and Aïcha on their promotions; well deserved after an intense year 🎉',
    'We are hiring product designers and backend engineers in Paris, London and remotely. #hiring #jobs',
    'The conference talk went well: 300 people in the room and some great questions about observability.',
    'Sustainability report 2024: emissions per customer down 18%, and our offices now run on renewable power.',
    'Grateful for a team that turns a tough deadline into a chance to simplify instead of cutting corners.',
    'Small changes matter: shortening the sign-up form from 9 fields to 4 doubled the completion rate.',
    'Next week I will share what we learned from migrating 4 TB of data without a single minute of downtime.',
    'Customer stories like this one are why we do what we do #customersuccess #teamwork',
    'Our interns presented their projects today, and two of them are already in production 👏',
    'A reminder that the best ideas often come from the people closest to the customer.',
    'Looking back on five years at the company, the thing I value most is the people I get to learn from every day.',
  ],
  fr: [
    'Ce trimestre, notre équipe a livré 14 versions et réduit le temps de chargement moyen de 2,4 s à 1,1 s.',
    'Je suis fier de la façon dont le support a géré la hausse de 38 % des demandes après le lancement du printemps 🚀',
    "Nous avons passé trois jours à Lyon avec nos clients, à écouter plus qu'à parler, et nous revenons avec une longue liste d'idées.",
    'Un grand merci à toutes celles et ceux qui ont participé au hackathon : 62 personnes, 19 projets et beaucoup trop de pizzas 🍕',
    "Le nouveau parcours d'accueil est en ligne, et les premiers chiffres montrent 27 % de personnes en plus qui terminent leur premier projet.",
    "Si vous êtes à Berlin le 12 juin, passez nous voir au stand B14 : nous présenterons les nouveaux tableaux de bord.",
    "Accompagner deux jeunes ingénieurs cette année m'a appris plus sur l'écriture claire que n'importe quelle formation.",
    "L'accessibilité n'est pas une fonctionnalité qu'on ajoute à la fin, c'est une habitude à chaque sprint. #accessibilite",
    "L'enregistrement de la conférence est en ligne, sous-titré en français, en anglais et en allemand.",
    "Nous avons planté 1 200 arbres avec nos partenaires cette année, un pour chaque heure de bénévolat de l'équipe 🌱",
    "Relire les entretiens clients m'a rappelé pourquoi nous avons commencé à construire ce produit en 2019.",
    "L'équipe data a reconstruit la chaîne de reporting : le rapport hebdomadaire arrive désormais le lundi à 8 h au lieu du mercredi.",
    "Trois leçons d'une équipe à distance sur cinq fuseaux horaires : tout écrire, communiquer davantage et protéger le temps de concentration.",
    'Félicitations à Priya, Tom et Aïcha pour leurs promotions, bien méritées après une année intense 🎉',
    'Nous recrutons des designers produit et des ingénieurs backend à Paris, Londres et en télétravail. #recrutement #emploi',
    "La conférence s'est bien passée : 300 personnes dans la salle et de très bonnes questions sur l'observabilité.",
    'Rapport développement durable 2024 : émissions par client en baisse de 18 %, et nos bureaux sont alimentés en énergie renouvelable.',
    "Reconnaissant d'avoir une équipe qui transforme une échéance serrée en occasion de simplifier plutôt que de bâcler.",
    "Les petits changements comptent : passer le formulaire d'inscription de 9 à 4 champs a doublé le taux de complétion.",
    "La semaine prochaine, je partagerai ce que nous avons appris en migrant 4 To de données sans une minute d'interruption.",
    "Ce sont des témoignages clients comme celui-ci qui donnent du sens à notre travail #reussiteclient #equipe",
    "Nos stagiaires ont présenté leurs projets aujourd'hui, et deux d'entre eux sont déjà en production 👏",
    'Petit rappel : les meilleures idées viennent souvent des personnes les plus proches des clients.',
    "Cinq ans dans l'entreprise : ce que j'apprécie le plus, ce sont les personnes avec qui j'apprends chaque jour.",
  ],
};

/** What the checkers are there to find: one of each kind per 3,000 characters. */
const TO_FIND: Record<Locale, string[][]> = {
  en: [
    ['Questions? Write to jane.doe@example.com and I will forward them.', 'Happy to chat, my address is tom.martin@example.org.', 'Reach out at hello.team@example.net if you want the slides.'],
    ['Honestly, the old build system was a pile of shit and we all knew it.', 'That demo went fucking brilliantly, no other word for it.', 'No more crappy spreadsheets for the finance team.'],
    ['Sneak peek of the roadmap below, internal only but you will love it.', 'The deck is confidential, do not share outside the team, but here is the gist.', 'Attaching the internal use only pricing sheet for context.'],
  ],
  fr: [
    ["Des questions ? Écrivez à marie.dupont@exemple.fr et je transmettrai.", 'Mon adresse pour en discuter : paul.bernard@exemple.com.', 'Écrivez-nous à equipe.produit@exemple.net pour recevoir les slides.'],
    ["Franchement, l'ancien système de build était une vraie merde et tout le monde le savait.", 'Putain, quelle démo, je ne trouve pas d’autre mot.', 'Fini les tableurs pourris pour l’équipe finance, bordel.'],
    ['Voici un aperçu de la feuille de route, usage interne uniquement, mais vous allez adorer.', 'La présentation est confidentielle, ne pas diffuser, mais voici l’essentiel.', 'Je joins la grille tarifaire à usage interne pour le contexte.'],
  ],
};

/**
 * A post of about `length` characters (never more): shuffled prose in paragraphs, with one
 * email, one profanity and one confidentiality phrase per 3,000 characters. Same seed, same post.
 */
export function makePost(locale: Locale, length: number, seed: number): string {
  const random = createRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const sets = Math.max(1, Math.round(length / 3000));
  const findings = Array.from({ length: sets }, () => TO_FIND[locale].map(pick)).flat();
  const budget = length - findings.reduce((sum, sentence) => sum + sentence.length + 1, 0);

  const sentences: string[] = [];
  let deck: string[] = [];
  for (let used = 0; used < budget; ) {
    // Dealt like cards, so a sentence comes back only after all the others.
    if (deck.length === 0) deck = PROSE[locale].map((sentence) => ({ sentence, order: random() })).sort((a, b) => a.order - b.order).map(({ sentence }) => sentence);
    const sentence = deck.pop()!;
    sentences.push(sentence);
    used += sentence.length + 1;
  }
  // Never last, so that trimming to `length` cannot cut what there is to find.
  for (const sentence of findings) sentences.splice(Math.floor(random() * (sentences.length - 1)), 0, sentence);

  let post = '';
  for (const sentence of sentences) post += sentence + (random() < 0.25 ? '\n\n' : ' ');
  const cut = post.lastIndexOf(' ', length);
  return post.slice(0, cut > 0 ? cut : length).trimEnd();
}

/**
 * The post as a composer's `value` or `JSON.parse` hands it over: one flat string. (Built with
 * `+` and `slice`, V8 keeps it as a rope or a view onto one, slower to read char by char.)
 */
export function asReceived(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
